/**
 * What a reviewer needs to see per stack besides the findings: regions used,
 * keys and what they encrypt, anything reachable from the internet, and the
 * access matrix.
 */
import { accessMatrix, type AccessEntry } from "./access";
import { at } from "./json";
import type { Finding, Resource, Rule, StackIndex } from "./model";

/** A key and what it encrypts. */
export interface KeyInventory {
  readonly address: string;
  readonly constructPath?: string;
  /** `aws_kms_alias` names pointing at the key. */
  readonly aliases: readonly string[];
  /** Resources that encrypt with the key (a configuration resource is shown as what it configures). */
  readonly encrypts: readonly string[];
}

/** One internet-reachable thing (from a failed or suppressed exposure rule). */
export interface ExposureItem {
  readonly address: string;
  readonly ruleId: string;
  readonly message: string;
  readonly status: Finding["status"];
}

/** The inventory of one stack. */
export interface StackInventory {
  readonly stack: string;
  readonly file: string;
  readonly jurisdiction?: string;
  readonly jurisdictionSource?: string;
  readonly resourceCount: number;
  /** Regions and locations used (providers and resources), sorted. */
  readonly regions: readonly string[];
  readonly keys: readonly KeyInventory[];
  /** Should be empty. */
  readonly internetExposure: readonly ExposureItem[];
  readonly accessMatrix: readonly AccessEntry[];
}

/** Key types. */
export const KEY_TYPES = ["aws_kms_key", "google_kms_crypto_key"] as const;

/** Referrers that use a key without encrypting anything with it. */
const NOT_ENCRYPTING = /^(aws_kms_alias|aws_kms_key_policy|aws_kms_grant|aws_iam_.*|google_kms_.*_iam_.*|aws_iam_policy_document|google_kms_crypto_key_version)$/;

function encryptedThing(referrer: Resource, index: StackIndex): string {
  if (referrer.type.startsWith("aws_s3_bucket_")) {
    const bucket = index.resolve(referrer.attributes["bucket"]);
    if (bucket !== undefined) return bucket.address;
  }
  return referrer.address;
}

/** Keys of a stack and what encrypts with them. */
export function keyInventory(index: StackIndex): KeyInventory[] {
  return index.ofType(...KEY_TYPES).map((key) => {
    const referrers = index.referrers(key);
    const aliases = referrers.filter((r) => r.type === "aws_kms_alias").map((a) => String(a.attributes["name"] ?? a.address));
    const encrypts = [...new Set(referrers.filter((r) => !NOT_ENCRYPTING.test(r.type)).map((r) => encryptedThing(r, index)))].sort();
    return { address: key.address, ...(key.constructPath === undefined ? {} : { constructPath: key.constructPath }), aliases: aliases.sort(), encrypts };
  });
}

/** Regions/locations of a stack: provider regions and every resource's own literal region/location/zone. */
export function regionsOf(index: StackIndex): string[] {
  const out = new Set<string>();
  for (const r of index.resources) {
    if (r.cloud !== "aws" && r.cloud !== "gcp") continue;
    if (r.region !== undefined) out.add(r.region);
    for (const key of ["availability_zone", "zone", "location"]) {
      const v = at(r.attributes, key);
      if (typeof v === "string" && !v.includes("${") && r.kind !== "provider") out.add(v);
    }
  }
  return [...out].sort();
}

/** The inventory of each stack. */
export function inventories(stacks: readonly StackIndex[], findings: readonly Finding[], rules: readonly Rule[]): StackInventory[] {
  const exposureRules = new Set(rules.filter((r) => r.exposure === true).map((r) => r.id));
  return stacks.map((index) => ({
    stack: index.stack,
    file: index.file,
    ...(index.jurisdiction === undefined ? {} : { jurisdiction: index.jurisdiction }),
    ...(index.jurisdictionSource === undefined ? {} : { jurisdictionSource: index.jurisdictionSource }),
    resourceCount: index.resources.filter((r) => r.kind === "resource").length,
    regions: regionsOf(index),
    keys: keyInventory(index),
    internetExposure: findings
      .filter((f) => f.stack === index.stack && exposureRules.has(f.ruleId) && (f.status === "fail" || f.status === "suppressed"))
      .map((f) => ({ address: f.address, ruleId: f.ruleId, message: f.message, status: f.status })),
    accessMatrix: accessMatrix(index),
  }));
}
