import type { Cloud } from "../../lib/spec/clouds";
import {
  AWS_AZ_ID_PREFIXES,
  AWS_REGIONS,
  COUNTRY_NAMES,
  EU_MEMBER_STATES,
  GCP_REGIONS,
  GCS_DUAL_REGIONS,
  JURISDICTIONS,
  JURISDICTION_IDS,
  classifyLocation,
  getJurisdiction,
  isJurisdictionId,
  isRegionInJurisdiction,
  jurisdictionsOfLocation,
  jurisdictionsOfRegion,
  resolveCustomDualRegion,
  type JurisdictionId,
} from "../../lib/residency";

/** Per jurisdiction and cloud: regions that must be inside, and regions that must not. */
const REGION_CASES: Record<JurisdictionId, Record<Cloud, { inside: string[]; outside: string[] }>> = {
  eu: {
    aws: {
      inside: ["eu-central-1", "eu-west-1", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1"],
      outside: ["eu-central-2", "eu-west-2", "us-east-1", "il-central-1", "me-central-1", "me-south-1"],
    },
    gcp: {
      inside: [
        "europe-west1", "europe-west3", "europe-west4", "europe-west8", "europe-west9", "europe-west10",
        "europe-west12", "europe-north1", "europe-north2", "europe-southwest1", "europe-central2",
      ],
      outside: ["europe-west2", "europe-west6", "me-west1", "me-central2", "us-central1"],
    },
  },
  de: {
    aws: { inside: ["eu-central-1"], outside: ["eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3"] },
    gcp: { inside: ["europe-west3", "europe-west10"], outside: ["europe-west4", "europe-west6", "europe-west2", "europe-west1"] },
  },
  ch: {
    aws: { inside: ["eu-central-2"], outside: ["eu-central-1", "eu-west-1"] },
    gcp: { inside: ["europe-west6"], outside: ["europe-west3", "europe-west4"] },
  },
  uk: {
    aws: { inside: ["eu-west-2"], outside: ["eu-west-1", "eu-central-1"] },
    gcp: { inside: ["europe-west2"], outside: ["europe-west1", "europe-west3"] },
  },
  us: {
    aws: {
      inside: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-east-1", "us-gov-west-1"],
      outside: ["mx-central-1", "ca-central-1", "ca-west-1", "sa-east-1"],
    },
    gcp: {
      inside: ["us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west4"],
      outside: ["northamerica-south1", "northamerica-northeast1", "northamerica-northeast2", "southamerica-east1"],
    },
  },
  ca: {
    aws: { inside: ["ca-central-1", "ca-west-1"], outside: ["us-east-1", "us-west-2", "mx-central-1"] },
    gcp: { inside: ["northamerica-northeast1", "northamerica-northeast2"], outside: ["northamerica-south1", "us-east1"] },
  },
  jp: {
    aws: { inside: ["ap-northeast-1", "ap-northeast-3"], outside: ["ap-northeast-2", "ap-east-1", "ap-east-2"] },
    gcp: { inside: ["asia-northeast1", "asia-northeast2"], outside: ["asia-northeast3", "asia-east1"] },
  },
  au: {
    aws: { inside: ["ap-southeast-2", "ap-southeast-4"], outside: ["ap-southeast-1", "ap-southeast-6"] },
    gcp: { inside: ["australia-southeast1", "australia-southeast2"], outside: ["asia-southeast1"] },
  },
  sg: {
    aws: { inside: ["ap-southeast-1"], outside: ["ap-southeast-2", "ap-southeast-3", "ap-southeast-5"] },
    gcp: { inside: ["asia-southeast1"], outside: ["asia-southeast2", "australia-southeast1"] },
  },
  in: {
    aws: { inside: ["ap-south-1", "ap-south-2"], outside: ["ap-southeast-1", "me-central-1"] },
    gcp: { inside: ["asia-south1", "asia-south2"], outside: ["asia-southeast1", "asia-east1"] },
  },
};

/** The complete region list expected for the small jurisdictions (catches accidental additions). */
const EXACT_REGIONS: Partial<Record<JurisdictionId, Record<Cloud, string[]>>> = {
  de: { aws: ["eu-central-1", "eusc-de-east-1"], gcp: ["europe-west3", "europe-west10"] },
  ch: { aws: ["eu-central-2"], gcp: ["europe-west6"] },
  uk: { aws: ["eu-west-2"], gcp: ["europe-west2"] },
  ca: { aws: ["ca-central-1", "ca-west-1"], gcp: ["northamerica-northeast1", "northamerica-northeast2"] },
  jp: { aws: ["ap-northeast-1", "ap-northeast-3"], gcp: ["asia-northeast1", "asia-northeast2"] },
  au: { aws: ["ap-southeast-2", "ap-southeast-4"], gcp: ["australia-southeast1", "australia-southeast2"] },
  sg: { aws: ["ap-southeast-1"], gcp: ["asia-southeast1"] },
  in: { aws: ["ap-south-1", "ap-south-2"], gcp: ["asia-south1", "asia-south2"] },
  eu: {
    aws: ["eu-central-1", "eu-west-1", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "eusc-de-east-1"],
    gcp: [
      "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1", "europe-west3",
      "europe-west4", "europe-west8", "europe-west9", "europe-west10", "europe-west12",
    ],
  },
};

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe("jurisdiction catalog", () => {
  it("offers the ten required jurisdictions, each retrievable by id", () => {
    expect([...JURISDICTION_IDS]).toEqual(["eu", "de", "ch", "uk", "us", "ca", "jp", "au", "sg", "in"]);
    for (const id of JURISDICTION_IDS) {
      expect(getJurisdiction(id)?.id).toBe(id);
    }
    expect(getJurisdiction("no")).toBeUndefined();
    expect(getJurisdiction("EU")).toBeUndefined();
    expect(isJurisdictionId("ch")).toBe(true);
    expect(isJurisdictionId("eea")).toBe(false);
  });

  it("defines eu as the 27 member states, without EEA-only states, Switzerland or the UK", () => {
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(new Set(EU_MEMBER_STATES).size).toBe(27);
    for (const notEu of ["NO", "IS", "LI", "CH", "GB"]) {
      expect(EU_MEMBER_STATES).not.toContain(notEu);
    }
    expect(getJurisdiction("eu")?.countries).toEqual(EU_MEMBER_STATES);
  });

  it("names every region once, with a country that has a display name", () => {
    for (const list of [AWS_REGIONS, GCP_REGIONS]) {
      const names = list.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
      for (const r of list) {
        expect(COUNTRY_NAMES[r.country]).toEqual(expect.any(String));
      }
    }
  });

  it("is read-only at run time", () => {
    const eu = getJurisdiction("eu");
    expect(Object.isFrozen(JURISDICTIONS)).toBe(true);
    expect(Object.isFrozen(eu?.aws.regions)).toBe(true);
    expect(Object.isFrozen(AWS_REGIONS[0])).toBe(true);
    expect(() => (AWS_REGIONS as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it.each(Object.entries(EXACT_REGIONS))("lists exactly the expected regions for %s", (id, expected) => {
    const j = getJurisdiction(id);
    expect(sorted(j?.aws.regions ?? [])).toEqual(sorted(expected.aws));
    expect(sorted(j?.gcp.regions ?? [])).toEqual(sorted(expected.gcp));
  });

  it("lists the Cloud Storage multi- and dual-regions that are wholly inside each jurisdiction", () => {
    const gcs = (id: JurisdictionId): [readonly string[], readonly string[]] => {
      const j = getJurisdiction(id);
      return [j?.gcp.gcsMultiRegions ?? ["?"], j?.gcp.gcsDualRegions ?? ["?"]];
    };
    expect(gcs("eu")).toEqual([["EU"], ["EUR4"]]);
    expect(gcs("us")).toEqual([["US"], ["NAM4"]]);
    expect(gcs("jp")).toEqual([[], ["ASIA1"]]);
    for (const id of ["de", "ch", "uk", "ca", "au", "sg", "in"] as const) {
      expect(gcs(id)).toEqual([[], []]);
    }
  });

  it("pairs each predefined dual-region with two catalogued regions", () => {
    const byName = Object.fromEntries(GCS_DUAL_REGIONS.map((d) => [d.name, d.regions]));
    expect(byName).toEqual({
      ASIA1: ["asia-northeast1", "asia-northeast2"],
      EUR4: ["europe-north1", "europe-west4"],
      EUR5: ["europe-west1", "europe-west2"],
      EUR7: ["europe-west2", "europe-west3"],
      EUR8: ["europe-west3", "europe-west6"],
      NAM4: ["us-central1", "us-east1"],
    });
  });

  it("makes every de location an eu location (de is a subset of eu)", () => {
    const de = getJurisdiction("de");
    const eu = getJurisdiction("eu");
    expect(de?.aws.regions.length).toBeGreaterThan(0);
    for (const r of de?.aws.regions ?? []) {
      expect(eu?.aws.regions).toContain(r);
    }
    for (const r of de?.gcp.regions ?? []) {
      expect(eu?.gcp.regions).toContain(r);
    }
  });
});

describe("isRegionInJurisdiction / classifyLocation per jurisdiction and cloud", () => {
  const cases = JURISDICTION_IDS.flatMap((id) =>
    (["aws", "gcp"] as const).map((cloud) => [id, cloud, REGION_CASES[id][cloud]] as const),
  );

  it.each(cases)("%s on %s accepts its regions and rejects the others", (id, cloud, { inside, outside }) => {
    for (const region of inside) {
      expect([region, isRegionInJurisdiction(id, cloud, region)]).toEqual([region, true]);
      expect([region, classifyLocation(id, cloud, region)]).toEqual([region, "inside"]);
    }
    for (const region of outside) {
      expect([region, isRegionInJurisdiction(id, cloud, region)]).toEqual([region, false]);
      expect([region, classifyLocation(id, cloud, region)]).toEqual([region, "outside"]);
    }
  });

  it("accepts every region a jurisdiction lists, and reports that jurisdiction for it", () => {
    for (const j of JURISDICTIONS) {
      for (const [cloud, list] of [["aws", j.aws.regions], ["gcp", j.gcp.regions]] as const) {
        for (const region of list) {
          expect(isRegionInJurisdiction(j.id, cloud, region)).toBe(true);
          expect(jurisdictionsOfRegion(cloud, region)).toContain(j.id);
        }
      }
    }
  });
});

describe("regions whose names suggest a territory they are not in", () => {
  it.each([
    ["aws", "eu-central-2", "eu", ["ch"]],
    ["aws", "eu-west-2", "eu", ["uk"]],
    ["gcp", "europe-west2", "eu", ["uk"]],
    ["gcp", "europe-west6", "eu", ["ch"]],
    ["gcp", "northamerica-south1", "us", []],
    ["gcp", "northamerica-south1", "ca", []],
    ["aws", "mx-central-1", "us", []],
    ["aws", "us-east-1", "ca", ["us"]],
    ["aws", "ca-central-1", "us", ["ca"]],
    ["aws", "ap-southeast-2", "sg", ["au"]],
    ["gcp", "asia-southeast1", "au", ["sg"]],
    ["gcp", "me-central2", "eu", []],
    ["aws", "il-central-1", "eu", []],
    ["gcp", "europe-west4", "de", ["eu"]],
  ] as const)("%s %s is not in %s; it is in %j", (cloud, region, notIn, actually) => {
    expect(isRegionInJurisdiction(notIn, cloud, region)).toBe(false);
    expect(classifyLocation(notIn, cloud, region)).toBe("outside");
    expect(jurisdictionsOfRegion(cloud, region)).toEqual(actually);
  });

  it("puts AWS ap-northeast-3 (Osaka) in jp", () => {
    expect(isRegionInJurisdiction("jp", "aws", "ap-northeast-3")).toBe(true);
    expect(jurisdictionsOfRegion("aws", "ap-northeast-3")).toEqual(["jp"]);
  });

  it("puts GCP europe-west3 (Frankfurt) in both de and eu", () => {
    expect(jurisdictionsOfRegion("gcp", "europe-west3")).toEqual(["eu", "de"]);
    expect(classifyLocation("de", "gcp", "europe-west3")).toBe("inside");
    expect(classifyLocation("eu", "gcp", "europe-west3")).toBe("inside");
  });

  it("does not accept a region of the other cloud", () => {
    expect(isRegionInJurisdiction("eu", "gcp", "eu-central-1")).toBe(false);
    expect(classifyLocation("eu", "aws", "europe-west3")).toBe("unknown");
  });
});

describe("classifyLocation beyond plain regions", () => {
  it.each([
    ["de", "aws", "eu-central-1a", "inside"],
    ["eu", "aws", "eu-central-2b", "outside"],
    ["us", "aws", "us-gov-west-1a", "inside"],
    ["eu", "gcp", "europe-west4-b", "inside"],
    ["de", "gcp", "europe-west4-b", "outside"],
    ["de", "aws", "euc1-az2", "inside"],
    ["eu", "aws", "euc2-az1", "outside"],
    ["us", "aws", "use1-az4", "inside"],
    ["jp", "aws", "apne3-az1", "inside"],
  ] as const)("%s on %s: zone or AZ ID %s is %s", (id, cloud, value, expected) => {
    expect(classifyLocation(id, cloud, value)).toBe(expected);
  });

  it("treats Local Zones and Wavelength Zones as unknown: they may be in another country than their parent region", () => {
    expect(classifyLocation("us", "aws", "us-east-1-bue-1a")).toBe("unknown");
    expect(classifyLocation("de", "aws", "eu-central-1-waw-1a")).toBe("unknown");
    expect(classifyLocation("us", "aws", "us-east-1-wl1-bos-wlz-1")).toBe("unknown");
    expect(classifyLocation("us", "aws", "use1-bos1-az1")).toBe("unknown");
  });

  it("maps AZ ID prefixes to regions by AWS's convention", () => {
    expect(AWS_AZ_ID_PREFIXES.get("euw1")).toBe("eu-west-1");
    expect(AWS_AZ_ID_PREFIXES.get("apne1")).toBe("ap-northeast-1");
    expect(AWS_AZ_ID_PREFIXES.get("aps1")).toBe("ap-south-1");
    expect(AWS_AZ_ID_PREFIXES.get("cac1")).toBe("ca-central-1");
    expect(AWS_AZ_ID_PREFIXES.get("usgw1")).toBe("us-gov-west-1");
    expect(new Set(AWS_AZ_ID_PREFIXES.values()).size).toBe(AWS_AZ_ID_PREFIXES.size);
  });

  it("classifies the EU multi-region as eu but not de, case-insensitively", () => {
    expect(classifyLocation("eu", "gcp", "EU")).toBe("inside");
    expect(classifyLocation("eu", "gcp", "eu")).toBe("inside");
    expect(classifyLocation("de", "gcp", "EU")).toBe("outside");
    expect(classifyLocation("uk", "gcp", "EU")).toBe("outside");
    expect(classifyLocation("us", "gcp", "US")).toBe("inside");
  });

  it("keeps the ASIA multi-region out of every single-country jurisdiction", () => {
    for (const id of ["jp", "sg", "in", "au"] as const) {
      expect(classifyLocation(id, "gcp", "ASIA")).toBe("outside");
    }
    expect(jurisdictionsOfLocation("gcp", "ASIA")).toEqual([]);
  });

  it.each([
    ["EUR4", "eu", "inside"],
    ["eur4", "eu", "inside"],
    ["EUR4", "de", "outside"],
    ["EUR5", "eu", "outside"],
    ["EUR5", "uk", "outside"],
    ["EUR7", "eu", "outside"],
    ["EUR7", "uk", "outside"],
    ["EUR7", "de", "outside"],
    ["EUR8", "de", "outside"],
    ["EUR8", "ch", "outside"],
    ["EUR8", "eu", "outside"],
    ["NAM4", "us", "inside"],
    ["ASIA1", "jp", "inside"],
    ["ASIA1", "sg", "outside"],
  ] as const)("predefined dual-region %s in %s is %s", (value, id, expected) => {
    expect(classifyLocation(id, "gcp", value)).toBe(expected);
  });

  it("puts a dual-region that mixes the UK and the EU in no jurisdiction", () => {
    expect(jurisdictionsOfLocation("gcp", "EUR7")).toEqual([]);
    expect(jurisdictionsOfLocation("gcp", "EUR5")).toEqual([]);
    expect(jurisdictionsOfLocation("gcp", "europe-west2+europe-west3")).toEqual([]);
  });

  it("puts a configurable dual-region inside iff both regions are", () => {
    expect(classifyLocation("eu", "gcp", "europe-west1+europe-west4")).toBe("inside");
    expect(classifyLocation("eu", "gcp", "EUROPE-WEST1+EUROPE-WEST2")).toBe("outside");
    expect(classifyLocation("de", "gcp", "europe-west3+europe-west10")).toBe("inside");
    expect(resolveCustomDualRegion("EUROPE-WEST3", "europe-west10")?.countries).toEqual(["DE"]);
    expect(resolveCustomDualRegion("europe-west3", "europe-west99")).toBeUndefined();
    expect(jurisdictionsOfLocation("gcp", "europe-west3+europe-west10")).toEqual(["eu", "de"]);
  });

  it("returns global for global, and unknown for anything not recognised exactly", () => {
    expect(classifyLocation("eu", "gcp", "global")).toBe("global");
    expect(classifyLocation("eu", "aws", "GLOBAL")).toBe("global");
    for (const value of ["", " europe-west3", "europe-west99", "europe", "EUR3", "${var.region}", "eu-central-1x1"]) {
      expect([value, classifyLocation("eu", "gcp", value)]).toEqual([value, "unknown"]);
    }
    for (const value of ["EU", "EU-CENTRAL-1", "eu-central-9", "eu-central-1-"]) {
      expect([value, classifyLocation("eu", "aws", value)]).toEqual([value, "unknown"]);
    }
  });

  it("accepts exact region names only in isRegionInJurisdiction", () => {
    expect(isRegionInJurisdiction("de", "aws", "eu-central-1a")).toBe(false);
    expect(isRegionInJurisdiction("eu", "gcp", "EU")).toBe(false);
    expect(isRegionInJurisdiction("eu", "gcp", "EUROPE-WEST3")).toBe(true);
  });

  it("fails when asked about a jurisdiction that is not in the catalog", () => {
    expect(() => classifyLocation("fr" as JurisdictionId, "aws", "eu-west-3")).toThrow(/unknown jurisdiction "fr"/);
  });
});
