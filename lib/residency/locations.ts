/**
 * Classification of location-like values (regions, zones, AZ IDs, Cloud
 * Storage multi- and dual-regions) against the jurisdiction catalog.
 *
 * Everything here fails closed: a value that is not recognised exactly is
 * "unknown", never guessed from its spelling. In particular a zone is only
 * understood when it is `<known region><one letter>` (AWS, `eu-central-1a`)
 * or `<known region>-<one letter>` (GCP, `europe-west4-b`). AWS Local Zones
 * and Wavelength Zones (`us-east-1-bue-1a`, `us-east-1-wl1-bos-wlz-1`) are
 * "unknown" on purpose: they hang off a parent region but may sit in another
 * country (Buenos Aires for that `us-east-1` Local Zone).
 */
import type { Cloud } from "../spec/clouds";
import {
  AWS_REGIONS,
  COUNTRY_NAMES,
  GCP_REGIONS,
  GCS_DUAL_REGIONS,
  GCS_MULTI_REGIONS,
  JURISDICTIONS,
  allCountriesIn,
  requireJurisdiction,
  type CountryCode,
  type JurisdictionId,
  type RegionFact,
} from "./jurisdictions";

/** How a location-like value relates to a jurisdiction. */
export type LocationClass = "inside" | "outside" | "global" | "unknown";

/** What a location-like value was recognised as. */
export type LocationKind =
  | "region"
  | "zone"
  | "az-id"
  | "multi-region"
  | "predefined-dual-region"
  | "custom-dual-region";

/** A recognised location: what it is and every country it may store data in. */
export interface ResolvedLocation {
  readonly cloud: Cloud;
  /** The value as given. */
  readonly value: string;
  readonly kind: LocationKind;
  /** The region(s) behind the value (empty for a multi-region). */
  readonly regions: readonly string[];
  /** Every country the location may hold data in (deduplicated). */
  readonly countries: readonly CountryCode[];
  /** Human description, e.g. "eu-central-2 (Zurich, Switzerland)". */
  readonly description: string;
}

const AWS_BY_NAME: ReadonlyMap<string, RegionFact> = new Map(AWS_REGIONS.map((r) => [r.name, r]));
const GCP_BY_NAME: ReadonlyMap<string, RegionFact> = new Map(GCP_REGIONS.map((r) => [r.name, r]));

/** Direction words of AWS region codes and their letters in AZ IDs. */
const AZ_ID_WORDS: Readonly<Record<string, string>> = Object.freeze({
  east: "e",
  west: "w",
  north: "n",
  south: "s",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  gov: "g",
});

/**
 * The AZ-ID prefix of an AWS region by the documented convention (area
 * letters, then the initials of the direction words, then the region number:
 * `eu-west-1` → `euw1`, `ap-northeast-1` → `apne1`, `us-gov-west-1` →
 * `usgw1`), or `undefined` when the code does not follow the convention.
 * Derived, not looked up per region: see {@link AWS_AZ_ID_PREFIXES}.
 */
function azIdPrefix(region: string): string | undefined {
  const parts = region.split("-");
  const area = parts[0];
  const number = parts[parts.length - 1];
  if (area === undefined || number === undefined || parts.length < 3 || !/^[a-z]{2}$/.test(area) || !/^\d+$/.test(number)) {
    return undefined;
  }
  let prefix = area;
  for (const word of parts.slice(1, -1)) {
    const letters = AZ_ID_WORDS[word];
    if (letters === undefined) {
      return undefined;
    }
    prefix += letters;
  }
  return prefix + number;
}

/**
 * AZ-ID prefix → region. Built from the naming convention AWS documents
 * ("euw1-az1" is in `eu-west-1`); a prefix two regions would share is left
 * out, so an AZ ID is only ever mapped to one region or is "unknown".
 */
export const AWS_AZ_ID_PREFIXES: ReadonlyMap<string, string> = (() => {
  const seen = new Map<string, string[]>();
  for (const r of AWS_REGIONS) {
    const prefix = azIdPrefix(r.name);
    if (prefix !== undefined) {
      seen.set(prefix, [...(seen.get(prefix) ?? []), r.name]);
    }
  }
  const unique = new Map<string, string>();
  for (const [prefix, names] of seen) {
    if (names.length === 1 && names[0] !== undefined) {
      unique.set(prefix, names[0]);
    }
  }
  return unique;
})();

function describeCountries(countries: readonly CountryCode[]): string {
  return countries.map((c) => COUNTRY_NAMES[c] ?? c).join(", ");
}

function fromRegion(cloud: Cloud, value: string, kind: LocationKind, fact: RegionFact): ResolvedLocation {
  const where = `${fact.place}, ${describeCountries([fact.country])}`;
  return {
    cloud,
    value,
    kind,
    regions: [fact.name],
    countries: [fact.country],
    description: kind === "region" ? `${fact.name} (${where})` : `${value} (${kind} of ${fact.name}, ${where})`,
  };
}

function resolveAws(value: string): ResolvedLocation | undefined {
  const region = AWS_BY_NAME.get(value);
  if (region !== undefined) {
    return fromRegion("aws", value, "region", region);
  }
  // Availability Zone: region name + exactly one letter (eu-central-1a).
  const zone = /^([a-z]+(?:-[a-z]+)+-\d+)([a-z])$/.exec(value);
  if (zone?.[1] !== undefined) {
    const parent = AWS_BY_NAME.get(zone[1]);
    return parent === undefined ? undefined : fromRegion("aws", value, "zone", parent);
  }
  // AZ ID: prefix + "-az" + number (euc1-az2). Local Zone IDs (use1-bos1-az1) do not match.
  const azId = /^([a-z]+\d+)-az\d+$/.exec(value);
  if (azId?.[1] !== undefined) {
    const parentName = AWS_AZ_ID_PREFIXES.get(azId[1]);
    const parent = parentName === undefined ? undefined : AWS_BY_NAME.get(parentName);
    return parent === undefined ? undefined : fromRegion("aws", value, "az-id", parent);
  }
  return undefined;
}

function resolveGcpRegionOrZone(value: string, lower: string): ResolvedLocation | undefined {
  const region = GCP_BY_NAME.get(lower);
  if (region !== undefined) {
    return fromRegion("gcp", value, "region", region);
  }
  const zone = /^([a-z]+-[a-z]+\d+)-([a-z])$/.exec(lower);
  if (zone?.[1] !== undefined) {
    const parent = GCP_BY_NAME.get(zone[1]);
    return parent === undefined ? undefined : fromRegion("gcp", value, "zone", parent);
  }
  return undefined;
}

function resolveGcp(value: string): ResolvedLocation | undefined {
  const lower = value.toLowerCase();
  const single = resolveGcpRegionOrZone(value, lower);
  if (single !== undefined) {
    return single;
  }
  const upper = value.toUpperCase();
  const multi = GCS_MULTI_REGIONS.find((m) => m.name === upper);
  if (multi !== undefined) {
    return {
      cloud: "gcp",
      value,
      kind: "multi-region",
      regions: [],
      countries: multi.countries,
      description: `${multi.name} (multi-region: ${multi.description})`,
    };
  }
  const dual = GCS_DUAL_REGIONS.find((d) => d.name === upper);
  if (dual !== undefined) {
    return {
      cloud: "gcp",
      value,
      kind: "predefined-dual-region",
      regions: dual.regions ?? [],
      countries: dual.countries,
      description: `${dual.name} (dual-region ${dual.description}: ${describeCountries(dual.countries)})`,
    };
  }
  // Configurable dual-region written as "REGION1+REGION2": inside iff both are.
  const pair = lower.split("+");
  if (pair.length === 2) {
    const parts = pair.map((p) => GCP_BY_NAME.get(p.trim()));
    if (parts.every((p): p is RegionFact => p !== undefined)) {
      return customDualRegion(value, parts);
    }
  }
  return undefined;
}

function customDualRegion(value: string, facts: readonly RegionFact[]): ResolvedLocation {
  const countries = [...new Set(facts.map((f) => f.country))];
  return {
    cloud: "gcp",
    value,
    kind: "custom-dual-region",
    regions: facts.map((f) => f.name),
    countries,
    description: `${value} (configurable dual-region: ${facts.map((f) => `${f.name} ${f.place}`).join(" + ")}; ${describeCountries(countries)})`,
  };
}

/**
 * Recognises a location-like value of `cloud`: a region, a zone, an AWS AZ
 * ID, a Cloud Storage multi-region or predefined dual-region (any case), or
 * a configurable dual-region written `REGION1+REGION2`. Returns `undefined`
 * for anything else, including "global" and values with Terraform
 * expressions.
 */
export function resolveLocation(cloud: Cloud, value: string): ResolvedLocation | undefined {
  const trimmed = value.trim();
  if (trimmed === "" || trimmed !== value) {
    return undefined;
  }
  return cloud === "aws" ? resolveAws(value) : resolveGcp(value);
}

/**
 * A configurable (custom) dual-region given as its two regions, e.g.
 * `google_storage_bucket.custom_placement_config.data_locations`. Returns
 * `undefined` unless both are known regions of GCP.
 */
export function resolveCustomDualRegion(regionA: string, regionB: string): ResolvedLocation | undefined {
  const facts = [regionA, regionB].map((r) => GCP_BY_NAME.get(r.toLowerCase()));
  if (!facts.every((f): f is RegionFact => f !== undefined)) {
    return undefined;
  }
  return customDualRegion(`${regionA}+${regionB}`, facts);
}

/**
 * Whether `region` is a region of `cloud` whose data centres are inside
 * `jurisdiction`. Exact region names only: zones, AZ IDs and multi/dual
 * regions are `false` here (use {@link classifyLocation} for those). GCP
 * region names are compared case-insensitively (Cloud Storage reports them
 * in upper case); AWS region names must be written as AWS does (lower case).
 */
export function isRegionInJurisdiction(jurisdiction: JurisdictionId, cloud: Cloud, region: string): boolean {
  const { countries } = requireJurisdiction(jurisdiction);
  const fact = cloud === "aws" ? AWS_BY_NAME.get(region) : GCP_BY_NAME.get(region.toLowerCase());
  return fact !== undefined && countries.includes(fact.country);
}

/**
 * Classifies any location-like value against `jurisdiction`:
 *  - "inside": every data centre the value may place data in is inside the
 *    jurisdiction (a region, a zone of such a region, an AZ ID, `EU` for
 *    `eu`, `EUR4` for `eu`, `ASIA1` for `jp`, `a+b` when both are inside);
 *  - "outside": a recognised location with at least one data centre outside;
 *  - "global": the literal `global` (any letter case), which pins nothing;
 *  - "unknown": anything not recognised exactly (typos, Local Zones,
 *    other services' multi-regions, Terraform expressions). Callers that
 *    enforce residency must treat "unknown" as a violation.
 */
export function classifyLocation(jurisdiction: JurisdictionId, cloud: Cloud, value: string): LocationClass {
  const { countries } = requireJurisdiction(jurisdiction);
  if (value.toLowerCase() === "global") {
    return "global";
  }
  const resolved = resolveLocation(cloud, value);
  if (resolved === undefined) {
    return "unknown";
  }
  return allCountriesIn(resolved.countries, countries) ? "inside" : "outside";
}

/**
 * The jurisdictions a region of `cloud` belongs to, e.g. `eu-central-2` →
 * `["ch"]`, `europe-west3` → `["eu", "de"]`, `me-central2` → `[]`. Exact
 * region names only; an unknown region gives `[]`.
 */
export function jurisdictionsOfRegion(cloud: Cloud, region: string): JurisdictionId[] {
  const fact = cloud === "aws" ? AWS_BY_NAME.get(region) : GCP_BY_NAME.get(region.toLowerCase());
  if (fact === undefined) {
    return [];
  }
  return JURISDICTIONS.filter((j) => j.countries.includes(fact.country)).map((j) => j.id);
}

/**
 * The jurisdictions any location-like value lies entirely inside (`EU` →
 * `["eu"]`, `EUR7` → `[]`, `ASIA` → `[]`, `europe-west3-a` → `["eu", "de"]`).
 * An unrecognised value gives `[]`.
 */
export function jurisdictionsOfLocation(cloud: Cloud, value: string): JurisdictionId[] {
  const resolved = resolveLocation(cloud, value);
  if (resolved === undefined) {
    return [];
  }
  return JURISDICTIONS.filter((j) => allCountriesIn(resolved.countries, j.countries)).map((j) => j.id);
}
