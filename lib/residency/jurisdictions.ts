/**
 * Jurisdiction catalog for data residency.
 *
 * A *jurisdiction* is a legal territory: a set of countries (ISO 3166-1
 * alpha-2 codes). A cloud location belongs to a jurisdiction only if every
 * data centre the location may store data in is physically inside one of
 * those countries. Region *names* are deliberately never used for this:
 * AWS `eu-central-2` is Zurich (Switzerland, not EU), `eu-west-2` is London
 * (United Kingdom, not EU), GCP `northamerica-south1` is Querétaro (Mexico).
 *
 * The catalog is therefore built in two layers:
 *  1. per cloud, every known location with the country it is physically in
 *     ({@link AWS_REGIONS}, {@link GCP_REGIONS}, {@link GCS_MULTI_REGIONS},
 *     {@link GCS_DUAL_REGIONS});
 *  2. per jurisdiction, the set of countries it covers
 *     ({@link JURISDICTION_COUNTRIES}).
 * {@link JURISDICTIONS} (the regions of each jurisdiction on each cloud) is
 * derived from the two, so a region can never be listed in a jurisdiction
 * its country is not part of. Derived consequence: every `de` location is
 * also an `eu` location, because Germany is an EU member state.
 *
 * "EU" means the 27 member states of the European Union. EEA-only states
 * (Iceland, Liechtenstein, Norway) and Switzerland are NOT in `eu`; the
 * United Kingdom left the EU on 31 January 2020 and is not in `eu` either.
 *
 * Sources (consulted through stored copies of these pages; re-check them when
 * a cloud opens a region, and extend the tables — an unlisted location is
 * treated as "unknown", which the residency check reports as a violation):
 *  - AWS Regions (code, name, geography):
 *    https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 *    and its document history (launch of ca-west-1, mx-central-1,
 *    ap-southeast-5/6/7, ap-east-2):
 *    https://docs.aws.amazon.com/global-infrastructure/latest/regions/doc-history.html
 *  - AWS Availability Zones and AZ IDs:
 *    https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 *  - AWS European Sovereign Cloud (separate `aws-eusc` partition, Brandenburg):
 *    https://docs.aws.amazon.com/whitepapers/latest/overview-aws-european-sovereign-cloud/design-approach.html
 *  - Google Cloud locations / Geography and regions:
 *    https://cloud.google.com/about/locations and
 *    https://cloud.google.com/compute/docs/regions-zones (city per region as
 *    also listed e.g. on https://cloud.google.com/workload-manager/docs/evaluate/locations
 *    and https://cloud.google.com/tasks/docs/locations)
 *  - Cloud Storage bucket locations (multi-regions, predefined and
 *    configurable dual-regions): https://cloud.google.com/storage/docs/locations
 *
 * Entries marked `unsure` could not be confirmed against an official page
 * (see each note); they are kept because leaving them out would make a
 * legitimate configuration fail, not pass.
 */

/** ISO 3166-1 alpha-2 code of a country or territory (upper case, e.g. "DE", "GB"). */
export type CountryCode = string;

/** The jurisdictions a platform can be pinned to. */
export const JURISDICTION_IDS = ["eu", "de", "ch", "uk", "us", "ca", "jp", "au", "sg", "in"] as const;

/** A jurisdiction a platform can be pinned to. */
export type JurisdictionId = (typeof JURISDICTION_IDS)[number];

/** The 27 member states of the European Union (since 1 February 2020). */
export const EU_MEMBER_STATES: readonly CountryCode[] = Object.freeze([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]);

/** Display name and territory (countries) of each jurisdiction. */
export const JURISDICTION_COUNTRIES: Readonly<
  Record<JurisdictionId, { readonly name: string; readonly countries: readonly CountryCode[] }>
> = Object.freeze({
  eu: { name: "European Union (27 member states; not EEA-only states, not Switzerland, not the UK)", countries: EU_MEMBER_STATES },
  de: { name: "Germany", countries: Object.freeze(["DE"]) },
  ch: { name: "Switzerland", countries: Object.freeze(["CH"]) },
  uk: { name: "United Kingdom", countries: Object.freeze(["GB"]) },
  us: { name: "United States", countries: Object.freeze(["US"]) },
  ca: { name: "Canada", countries: Object.freeze(["CA"]) },
  jp: { name: "Japan", countries: Object.freeze(["JP"]) },
  au: { name: "Australia", countries: Object.freeze(["AU"]) },
  sg: { name: "Singapore", countries: Object.freeze(["SG"]) },
  in: { name: "India", countries: Object.freeze(["IN"]) },
});

/** Names of the countries that appear in the catalog, for messages. */
export const COUNTRY_NAMES: Readonly<Record<CountryCode, string>> = Object.freeze({
  AE: "United Arab Emirates", AT: "Austria", AU: "Australia", BE: "Belgium", BG: "Bulgaria",
  BH: "Bahrain", BR: "Brazil", CA: "Canada", CH: "Switzerland", CL: "Chile", CN: "China",
  CY: "Cyprus", CZ: "Czechia", DE: "Germany", DK: "Denmark", EE: "Estonia", ES: "Spain",
  FI: "Finland", FR: "France", GB: "United Kingdom", GR: "Greece", HK: "Hong Kong",
  HR: "Croatia", HU: "Hungary", ID: "Indonesia", IE: "Ireland", IL: "Israel", IN: "India",
  IT: "Italy", JP: "Japan", KR: "South Korea", LT: "Lithuania", LU: "Luxembourg",
  LV: "Latvia", MT: "Malta", MX: "Mexico", MY: "Malaysia", NL: "Netherlands",
  NZ: "New Zealand", PL: "Poland", PT: "Portugal", QA: "Qatar", RO: "Romania",
  SA: "Saudi Arabia", SE: "Sweden", SG: "Singapore", SI: "Slovenia", SK: "Slovakia",
  TH: "Thailand", TW: "Taiwan", US: "United States", ZA: "South Africa",
});

/** A single cloud region and where its data centres physically are. */
export interface RegionFact {
  /** The region's API name, e.g. `eu-central-1` or `europe-west3`. */
  readonly name: string;
  /** City, state or area of the region, as the cloud documents it. */
  readonly place: string;
  /** Country the region's data centres are in. */
  readonly country: CountryCode;
  /** Why an entry is uncertain, or anything else worth knowing about it. */
  readonly note?: string;
}

function regions(entries: readonly (readonly [string, string, CountryCode, string?])[]): readonly RegionFact[] {
  return Object.freeze(
    entries.map(([name, place, country, note]) =>
      Object.freeze(note === undefined ? { name, place, country } : { name, place, country, note }),
    ),
  );
}

/**
 * AWS regions (commercial partition `aws`, plus GovCloud `aws-us-gov`, China
 * `aws-cn` and the European Sovereign Cloud `aws-eusc`) with their
 * geography. Source: AWS "Regions and Availability Zones" (see file header).
 *
 * Not listed (so classified "unknown"): the US isolated regions
 * (`us-iso-*`, `us-isob-*`, …) whose list is not public, Local Zones and
 * Wavelength Zones (they have their own, often different, country: a Local
 * Zone of `us-east-1` can be in Buenos Aires), and announced regions that had
 * not launched when this table was written.
 */
export const AWS_REGIONS: readonly RegionFact[] = regions([
  ["us-east-1", "N. Virginia", "US"],
  ["us-east-2", "Ohio", "US"],
  ["us-west-1", "N. California", "US"],
  ["us-west-2", "Oregon", "US"],
  ["us-gov-east-1", "AWS GovCloud (US-East)", "US"],
  ["us-gov-west-1", "AWS GovCloud (US-West)", "US"],
  ["ca-central-1", "Canada (Central), Montréal", "CA"],
  ["ca-west-1", "Canada West, Calgary", "CA"],
  ["mx-central-1", "Mexico (Central), Querétaro", "MX"],
  ["sa-east-1", "São Paulo", "BR"],
  ["eu-central-1", "Frankfurt", "DE"],
  ["eu-central-2", "Zurich", "CH"],
  ["eu-west-1", "Ireland", "IE"],
  ["eu-west-2", "London", "GB"],
  ["eu-west-3", "Paris", "FR"],
  ["eu-south-1", "Milan", "IT"],
  ["eu-south-2", "Spain (Aragón)", "ES"],
  ["eu-north-1", "Stockholm", "SE"],
  [
    "eusc-de-east-1",
    "AWS European Sovereign Cloud, Brandenburg",
    "DE",
    "unsure: the Brandenburg location is in the AWS whitepaper; the region code is from the January 2026 launch coverage, not an AWS page",
  ],
  ["il-central-1", "Tel Aviv", "IL"],
  ["me-south-1", "Bahrain", "BH"],
  ["me-central-1", "UAE", "AE"],
  ["af-south-1", "Cape Town", "ZA"],
  ["ap-east-1", "Hong Kong", "HK"],
  ["ap-east-2", "Taipei", "TW"],
  ["ap-south-1", "Mumbai", "IN"],
  ["ap-south-2", "Hyderabad", "IN"],
  ["ap-southeast-1", "Singapore", "SG"],
  ["ap-southeast-2", "Sydney", "AU"],
  ["ap-southeast-3", "Jakarta", "ID"],
  ["ap-southeast-4", "Melbourne", "AU"],
  ["ap-southeast-5", "Malaysia", "MY"],
  ["ap-southeast-6", "New Zealand", "NZ"],
  ["ap-southeast-7", "Thailand", "TH"],
  ["ap-northeast-1", "Tokyo", "JP"],
  ["ap-northeast-2", "Seoul", "KR"],
  ["ap-northeast-3", "Osaka", "JP"],
  ["cn-north-1", "Beijing", "CN"],
  ["cn-northwest-1", "Ningxia", "CN"],
]);

/**
 * Google Cloud regions with the place Google documents for each. Source:
 * Google Cloud "Geography and regions" / Cloud locations (see file header).
 */
export const GCP_REGIONS: readonly RegionFact[] = regions([
  ["us-central1", "Council Bluffs, Iowa", "US"],
  [
    "us-central2",
    "Oklahoma (private region)",
    "US",
    "unsure: documented only as a private region (e.g. as part of Datastore's nam5), not on the public region list",
  ],
  ["us-east1", "Moncks Corner, South Carolina", "US"],
  ["us-east4", "Ashburn, Northern Virginia", "US"],
  ["us-east5", "Columbus, Ohio", "US"],
  ["us-south1", "Dallas, Texas", "US"],
  ["us-west1", "The Dalles, Oregon", "US"],
  ["us-west2", "Los Angeles, California", "US"],
  ["us-west3", "Salt Lake City, Utah", "US"],
  ["us-west4", "Las Vegas, Nevada", "US"],
  ["northamerica-northeast1", "Montréal, Québec", "CA"],
  ["northamerica-northeast2", "Toronto, Ontario", "CA"],
  ["northamerica-south1", "Querétaro, Mexico", "MX"],
  ["southamerica-east1", "Osasco, São Paulo", "BR"],
  ["southamerica-west1", "Santiago", "CL"],
  ["europe-central2", "Warsaw", "PL"],
  ["europe-north1", "Hamina", "FI"],
  ["europe-north2", "Stockholm", "SE"],
  ["europe-southwest1", "Madrid", "ES"],
  ["europe-west1", "St. Ghislain", "BE"],
  ["europe-west2", "London", "GB"],
  ["europe-west3", "Frankfurt", "DE"],
  ["europe-west4", "Eemshaven", "NL"],
  ["europe-west6", "Zurich", "CH"],
  ["europe-west8", "Milan", "IT"],
  ["europe-west9", "Paris", "FR"],
  ["europe-west10", "Berlin", "DE"],
  ["europe-west12", "Turin", "IT"],
  ["me-central1", "Doha", "QA"],
  ["me-central2", "Dammam", "SA"],
  ["me-west1", "Tel Aviv", "IL"],
  ["africa-south1", "Johannesburg", "ZA"],
  ["asia-east1", "Changhua County", "TW"],
  ["asia-east2", "Hong Kong", "HK"],
  ["asia-northeast1", "Tokyo", "JP"],
  ["asia-northeast2", "Osaka", "JP"],
  ["asia-northeast3", "Seoul", "KR"],
  ["asia-south1", "Mumbai", "IN"],
  ["asia-south2", "Delhi", "IN"],
  ["asia-southeast1", "Jurong West", "SG"],
  ["asia-southeast2", "Jakarta", "ID"],
  [
    "asia-southeast3",
    "Bangkok",
    "TH",
    "unsure: not found on an official Google page in the stored copies; only in third-party region lists",
  ],
  ["australia-southeast1", "Sydney", "AU"],
  ["australia-southeast2", "Melbourne", "AU"],
]);

/** A Cloud Storage location made of more than one region. */
export interface GcsCompositeLocation {
  /** The location code in upper case, as Cloud Storage reports it (e.g. "EUR4"). */
  readonly name: string;
  /** How Google documents the location. */
  readonly description: string;
  /** For a dual-region, its two regions; absent for a multi-region. */
  readonly regions?: readonly string[];
  /**
   * Every country object data may be stored in. A location is inside a
   * jurisdiction iff all of these are in the jurisdiction's territory.
   */
  readonly countries: readonly CountryCode[];
}

/**
 * Cloud Storage multi-regions. Google documents them by area, not by region
 * list: "EU" is "data centers within member states of the European Union"
 * (object data is explicitly not stored in EUROPE-WEST2 London or
 * EUROPE-WEST6 Zurich), "US" is "data centers in the United States", "ASIA"
 * is "data centers in Asia". For ASIA the country set below is every country
 * with a GCP region in Asia, which is enough to keep it out of every
 * single-country jurisdiction; it spans several countries, so it is in none.
 *
 * The same codes (any case) are used by BigQuery datasets and Compute Engine
 * snapshot/image storage locations with the same meaning; other services'
 * multi-regions (Cloud KMS "europe", Artifact Registry "europe", Spanner
 * "eur3", …) are not in this table and classify as "unknown".
 */
export const GCS_MULTI_REGIONS: readonly GcsCompositeLocation[] = Object.freeze([
  Object.freeze({ name: "EU", description: "data centers within member states of the European Union", countries: EU_MEMBER_STATES }),
  Object.freeze({ name: "US", description: "data centers in the United States", countries: Object.freeze(["US"]) }),
  Object.freeze({
    name: "ASIA",
    description: "data centers in Asia",
    countries: Object.freeze(["TW", "HK", "JP", "KR", "IN", "SG", "ID", "TH"]),
  }),
]);

const GCP_REGION_COUNTRY: ReadonlyMap<string, CountryCode> = new Map(GCP_REGIONS.map((r) => [r.name, r.country]));

function dualRegion(name: string, description: string, a: string, b: string): GcsCompositeLocation {
  const countries = [a, b].map((r) => {
    const country = GCP_REGION_COUNTRY.get(r);
    if (country === undefined) {
      throw new Error(`catalog error: dual-region ${name} names unknown region ${r}`);
    }
    return country;
  });
  return Object.freeze({
    name,
    description,
    regions: Object.freeze([a, b]),
    countries: Object.freeze([...new Set(countries)]),
  });
}

/**
 * Cloud Storage predefined dual-regions and their region pairs. Source: GCS
 * "Bucket locations", section "Predefined dual-regions". The pairs were
 * cross-checked against two independent third-party tables (the official
 * table itself could not be read in full from the stored copy), and ASIA1,
 * EUR4 and NAM4 are also named in Google's client-library docs.
 *
 * Note the mixed pairs: EUR5 (Belgium + London), EUR7 (London + Frankfurt)
 * and EUR8 (Frankfurt + Zurich) each span two territories and are therefore
 * in neither `eu` nor `uk`/`ch`/`de`.
 */
export const GCS_DUAL_REGIONS: readonly GcsCompositeLocation[] = Object.freeze([
  dualRegion("ASIA1", "Tokyo and Osaka", "asia-northeast1", "asia-northeast2"),
  dualRegion("EUR4", "Finland and Netherlands", "europe-north1", "europe-west4"),
  dualRegion("EUR5", "Belgium and London", "europe-west1", "europe-west2"),
  dualRegion("EUR7", "London and Frankfurt", "europe-west2", "europe-west3"),
  dualRegion("EUR8", "Frankfurt and Zurich", "europe-west3", "europe-west6"),
  dualRegion("NAM4", "Iowa and South Carolina", "us-central1", "us-east1"),
]);

/** A jurisdiction with, per cloud, the locations inside it. */
export interface Jurisdiction {
  readonly id: JurisdictionId;
  readonly name: string;
  /** The countries (ISO 3166-1 alpha-2) that make up the jurisdiction's territory. */
  readonly countries: readonly CountryCode[];
  readonly aws: { readonly regions: readonly string[] };
  readonly gcp: {
    readonly regions: readonly string[];
    /** Cloud Storage multi-regions entirely inside the jurisdiction (upper case). */
    readonly gcsMultiRegions: readonly string[];
    /** Cloud Storage predefined dual-regions entirely inside the jurisdiction (upper case). */
    readonly gcsDualRegions: readonly string[];
  };
}

/** Whether every country of `countries` is in `territory`. */
export function allCountriesIn(countries: readonly CountryCode[], territory: readonly CountryCode[]): boolean {
  return countries.length > 0 && countries.every((c) => territory.includes(c));
}

function buildJurisdiction(id: JurisdictionId): Jurisdiction {
  const { name, countries } = JURISDICTION_COUNTRIES[id];
  const inside = (r: RegionFact): boolean => countries.includes(r.country);
  const composite = (list: readonly GcsCompositeLocation[]): readonly string[] =>
    Object.freeze(list.filter((l) => allCountriesIn(l.countries, countries)).map((l) => l.name));
  return Object.freeze({
    id,
    name,
    countries,
    aws: Object.freeze({ regions: Object.freeze(AWS_REGIONS.filter(inside).map((r) => r.name)) }),
    gcp: Object.freeze({
      regions: Object.freeze(GCP_REGIONS.filter(inside).map((r) => r.name)),
      gcsMultiRegions: composite(GCS_MULTI_REGIONS),
      gcsDualRegions: composite(GCS_DUAL_REGIONS),
    }),
  });
}

/** Every jurisdiction, in {@link JURISDICTION_IDS} order. */
export const JURISDICTIONS: readonly Jurisdiction[] = Object.freeze(JURISDICTION_IDS.map(buildJurisdiction));

/** Whether `id` names a jurisdiction of the catalog. */
export function isJurisdictionId(id: string): id is JurisdictionId {
  return (JURISDICTION_IDS as readonly string[]).includes(id);
}

/** The jurisdiction called `id`, or `undefined` when there is none. */
export function getJurisdiction(id: string): Jurisdiction | undefined {
  return JURISDICTIONS.find((j) => j.id === id);
}

/** The jurisdiction called `id`; throws for an id that is not in the catalog. */
export function requireJurisdiction(id: string): Jurisdiction {
  const found = getJurisdiction(id);
  if (found === undefined) {
    throw new Error(`unknown jurisdiction "${id}" (known: ${JURISDICTION_IDS.join(", ")})`);
  }
  return found;
}
