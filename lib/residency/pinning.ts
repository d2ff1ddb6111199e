/**
 * Residency check over a synthesized Terraform JSON configuration (the object
 * `TerraformStack.toTerraform()` returns, i.e. the content of `cdk.tf.json`).
 * Pure: no cdktf import, no I/O. The cdktf glue is in `aspect.ts`.
 *
 * What is checked, and how:
 *
 * - Providers `aws`, `google`, `google-beta` (default and aliased): `region`
 *   (and `zone` for Google) must be inside the jurisdiction. A provider with
 *   no region at all is a violation too: the region would then come from the
 *   environment (`AWS_REGION`, an AWS profile, `GOOGLE_REGION`, …), i.e. it
 *   is not pinned by the configuration.
 * - Every `resource` and `data` block of type `aws_*` / `google_*`: every
 *   attribute, at any depth, whose key is location-like (see
 *   {@link LOCATION_KEYS}) — a string or a list of strings — must classify
 *   as "inside". Blocks of other providers (kubernetes, helm, random, …) are
 *   not looked at: they place nothing in a cloud region.
 * - A resource's `provider` meta-argument (`"aws.west"`): when the resource
 *   has no location attribute of its own, the aliased provider's region is
 *   the resource's region, so a resource on an out-of-jurisdiction alias is
 *   reported under attribute `provider`. Resources on the *default* provider
 *   are not listed one by one: the default provider's own violation covers
 *   them (its message says so).
 * - AWS provider 6.x lets every resource carry its own `region`; it is a
 *   location key like any other and overrides the provider's region.
 * - S3 replication (`aws_s3_bucket_replication_configuration`,
 *   `rule[].destination.bucket`) and AWS Backup cross-region copies
 *   (`aws_backup_plan`, `rule[].copy_action[].destination_vault_arn`): the
 *   destination is resolved. `${aws_s3_bucket.X.arn}` (or any
 *   `${aws_<type>.X.<attr>}`) is looked up in the configuration and that
 *   resource's region (own `region`, else its provider's) is classified.
 *   A literal ARN with a region field uses that region; a literal S3 bucket
 *   ARN (S3 ARNs carry no region) is matched by bucket name against the
 *   `aws_s3_bucket` resources of the configuration. A destination that
 *   cannot be resolved this way (a bucket of another stack or account, a
 *   data source, any other expression) is "unknown" and reported: the check
 *   fails closed because a replication target is exactly where data leaves.
 * - Cloud Storage: `location`, and `custom_placement_config.data_locations`
 *   (a configurable dual-region: inside iff both regions are). When
 *   `data_locations` is set, `location` is only the multi-region code that
 *   hosts the pair (e.g. "EU", "ASIA") and is not checked on its own.
 * - Secret Manager secrets with `replication.auto` (Google chooses where the
 *   payload is stored) are reported; `replication.user_managed.replicas[]
 *   .location` is checked like any location.
 * - KMS: `google_kms_key_ring.location` is a location key; AWS multi-region
 *   keys only hold key material where an `aws_kms_replica_key` is created,
 *   and each replica is checked through its own `region`/provider.
 * - `terraform.backend.s3.region` (missing → violation, as for providers).
 *   The gcs backend names a bucket whose location cannot be known from the
 *   configuration; it is reported only through location-like keys, if any.
 *
 * Values holding a Terraform expression (`${…}`) fail closed unless the
 * expression is proven inside: a reference to a location attribute of another
 * block of this configuration (`${aws_subnet.a.availability_zone}`,
 * `${element(data.aws_availability_zones.zones.names, 0)}`, `${local.region}`)
 * is followed to where that block is pinned (its own literal location, or its
 * provider's), step by step. Anything else — a function of a literal
 * (`${lower("US-EAST-1")}`), a variable (`${var.region}`, settable at plan
 * time), another stack's output, an attribute that is not a location — is
 * reported, on providers (a provider `region` set by `addOverride` too), on
 * resources and on the backend alike. Values that are not recognised exactly
 * are "unknown" and reported (fail closed); `global` is reported too, since it
 * pins nothing.
 *
 * A block whose `"//"` holds a residency exemption with a reason of at least
 * {@link MIN_EXEMPTION_REASON_LENGTH} characters (see `exempt.ts`) is not
 * checked; a default provider cannot be exempted (every resource inherits it).
 *
 * Terraform JSON allows a block as an object or as an array of objects;
 * cdktf emits both. Both are handled, and the attribute path shows array
 * indexes only where the configuration has arrays (`rule[0].destination.bucket`).
 */
import type { Cloud } from "../spec/clouds";
import { requireJurisdiction, type JurisdictionId } from "./jurisdictions";
import { classifyLocation, jurisdictionsOfLocation, resolveLocation } from "./locations";

/** One setting that places (or may place) data outside the jurisdiction. */
export interface ResidencyViolation {
  /** Name of the stack the configuration belongs to. */
  readonly stack: string;
  /** Terraform address: `aws_s3_bucket.lake_raw`, `data.google_x.y`, `provider.aws`, `provider.aws.west`, `terraform.backend.s3`. */
  readonly address: string;
  /** cdktf construct path, from the block's `"//".metadata.path`, when present. */
  readonly constructPath?: string;
  /** Dotted path of the offending attribute, e.g. `rule[0].destination.bucket` or `region`. */
  readonly attribute: string;
  /** The offending value (`""` when the setting is missing). */
  readonly value: string;
  /** Why it is a violation, naming where the value actually is. */
  readonly reason: string;
}

/** A block exempted from the pin, with its reason (see `exempt.ts`). */
export interface ResidencyExemption {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly reason: string;
}

/** Options of {@link checkResidency}. */
export interface ResidencyCheckOptions {
  /**
   * Terraform addresses (as in {@link ResidencyViolation.address}) that are
   * knowingly allowed to be outside the jurisdiction, e.g. an
   * `aws_acm_certificate` that CloudFront requires in `us-east-1`. Use
   * sparingly and say why next to the call.
   */
  readonly exempt?: readonly string[];
}

/**
 * Attribute keys that hold a location, per cloud. Deliberately an explicit
 * list rather than a suffix match: `time_zone` ("Europe/Berlin"),
 * `managed_zone` (a Cloud DNS zone name) or AWS `location` (a Direct Connect
 * facility code) are not data locations.
 */
export const LOCATION_KEYS: Readonly<Record<Cloud, ReadonlySet<string>>> = Object.freeze({
  aws: new Set([
    "region",
    "region_name",
    "destination_region",
    "availability_zone",
    "availability_zones",
    "availability_zone_id",
    "preferred_availability_zones",
  ]),
  gcp: new Set([
    "region",
    "regions",
    "zone",
    "zones",
    "location",
    "locations",
    "location_id",
    "alternative_location_id",
    "node_locations",
    "data_locations",
    "storage_locations",
    "secondary_zone",
    "replica_zones",
    "allowed_persistence_regions",
  ]),
});

/** Where a block's residency exemption is recorded: `"//": { "ai_platform_residency_exemption": { "reason": "…" } }`. */
export const RESIDENCY_EXEMPTION_KEY = "ai_platform_residency_exemption";

/** The shortest reason an exemption may give. */
export const MIN_EXEMPTION_REASON_LENGTH = 10;

/** How many references an expression may be followed through (a guard against cycles). */
const MAX_REFERENCE_DEPTH = 8;

/** Meta-arguments and metadata that never hold a location. */
const SKIPPED_KEYS: ReadonlySet<string> = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection"]);

/** Terraform provider names this check understands, with their cloud. */
const PROVIDER_CLOUDS: Readonly<Record<string, Cloud>> = Object.freeze({ aws: "aws", google: "gcp", "google-beta": "gcp" });

type Json = Record<string, unknown>;

interface ProviderInfo {
  readonly cloud: Cloud;
  /** `provider.aws` / `provider.aws.west`. */
  readonly address: string;
  /** Reference as used in a resource's `provider` meta-argument: `aws` / `aws.west`. */
  readonly ref: string;
  /** The attribute that pins the provider (`region`, or `zone` for Google without region). */
  readonly attribute: string;
  /** The literal location, `undefined` when unset, `null` when it is an expression. */
  readonly location: string | undefined | null;
  /** The provider block itself. */
  readonly block: Json;
}

interface Context {
  readonly stack: string;
  readonly jurisdiction: JurisdictionId;
  readonly config: Json;
  readonly providers: ReadonlyMap<string, ProviderInfo>;
  readonly violations: ResidencyViolation[];
  readonly exemptions: ResidencyExemption[];
}

interface BlockRef {
  readonly address: string;
  readonly constructPath?: string;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Terraform JSON block given as an object or as an array of objects. */
function blockInstances(value: unknown): Json[] {
  if (Array.isArray(value)) {
    return value.filter(isObject);
  }
  return isObject(value) ? [value] : [];
}

function hasExpression(value: string): boolean {
  return value.includes("${");
}

function cloudOfType(type: string): Cloud | undefined {
  if (type.startsWith("aws_")) {
    return "aws";
  }
  return type.startsWith("google_") ? "gcp" : undefined;
}

function constructPathOf(block: Json): string | undefined {
  const meta = block["//"];
  if (isObject(meta) && isObject(meta["metadata"])) {
    const path = meta["metadata"]["path"];
    return typeof path === "string" ? path : undefined;
  }
  return undefined;
}

function literal(value: unknown): string | undefined | null {
  if (typeof value !== "string") {
    return undefined;
  }
  return hasExpression(value) ? null : value;
}

/**
 * Where a location-like value actually is, for messages: `"eu-central-2
 * (Zurich, Switzerland) is in ch"`, `"EUR7 (…) is in no catalogued
 * jurisdiction"`, or why it could not be placed at all.
 */
export function describeLocation(cloud: Cloud, value: string): string {
  if (value.toLowerCase() === "global") {
    return `"${value}" is not pinned to any jurisdiction`;
  }
  const resolved = resolveLocation(cloud, value);
  if (resolved === undefined) {
    return `"${value}" is not a known ${cloud} location`;
  }
  const inside = jurisdictionsOfLocation(cloud, value);
  return `${resolved.description} is in ${inside.length > 0 ? inside.join(", ") : "no catalogued jurisdiction"}`;
}

/** Why `value` (not "inside") violates `jurisdiction`. */
function whyNotInside(cloud: Cloud, value: string, jurisdiction: JurisdictionId): string {
  const where = describeLocation(cloud, value);
  switch (classifyLocation(jurisdiction, cloud, value)) {
    case "global":
      return `${where}, so it is not pinned to ${jurisdiction}`;
    case "unknown":
      return `${where}, so it cannot be proven to be in ${jurisdiction} (fail closed)`;
    default:
      return `${where}, not in ${jurisdiction}`;
  }
}

function report(ctx: Context, block: BlockRef, attribute: string, value: string, reason: string): void {
  ctx.violations.push({
    stack: ctx.stack,
    address: block.address,
    ...(block.constructPath === undefined ? {} : { constructPath: block.constructPath }),
    attribute,
    value,
    reason,
  });
}

/** Classifies one location value; reports it unless it is (or provably resolves to) a location inside. */
function checkValue(ctx: Context, block: BlockRef, cloud: Cloud, attribute: string, value: string): void {
  if (hasExpression(value)) {
    const unproven = proveExpression(ctx, cloud, value, 0);
    if (unproven !== undefined) {
      report(ctx, block, attribute, value, `${unproven}, so it cannot be proven to be in ${ctx.jurisdiction} (fail closed); write a literal location, or exempt the construct with a reason (exemptFromResidency)`);
    }
    return;
  }
  if (classifyLocation(ctx.jurisdiction, cloud, value) !== "inside") {
    report(ctx, block, attribute, value, whyNotInside(cloud, value, ctx.jurisdiction));
  }
}

function joinPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Checks a location-keyed value: a string, a list of strings, or a nested block named like a location. */
function checkLocationValue(ctx: Context, block: BlockRef, cloud: Cloud, path: string, value: unknown): void {
  if (typeof value === "string") {
    checkValue(ctx, block, cloud, path, value);
  } else if (typeof value === "number" || typeof value === "boolean") {
    report(ctx, block, path, String(value), `is not a location name, so it cannot be proven to be in ${ctx.jurisdiction} (fail closed)`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === "string") {
        checkValue(ctx, block, cloud, `${path}[${i}]`, item);
      } else {
        walk(ctx, block, cloud, `${path}[${i}]`, item, new Set());
      }
    });
  } else {
    walk(ctx, block, cloud, path, value, new Set());
  }
}

/** Recursively checks every location-like attribute under `value`. */
function walk(ctx: Context, block: BlockRef, cloud: Cloud, path: string, value: unknown, skip: ReadonlySet<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(ctx, block, cloud, `${path}[${i}]`, item, new Set()));
    return;
  }
  if (!isObject(value)) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (SKIPPED_KEYS.has(key) || skip.has(key)) {
      continue;
    }
    const childPath = joinPath(path, key);
    if (LOCATION_KEYS[cloud].has(key)) {
      checkLocationValue(ctx, block, cloud, childPath, child);
    } else {
      walk(ctx, block, cloud, childPath, child, new Set());
    }
  }
}

function collectProviders(config: Json): Map<string, ProviderInfo> {
  const providers = new Map<string, ProviderInfo>();
  const section = config["provider"];
  if (!isObject(section)) {
    return providers;
  }
  for (const [name, blocks] of Object.entries(section)) {
    const cloud = PROVIDER_CLOUDS[name];
    if (cloud === undefined) {
      continue;
    }
    for (const block of blockInstances(blocks)) {
      const alias = typeof block["alias"] === "string" ? block["alias"] : undefined;
      const ref = alias === undefined ? name : `${name}.${alias}`;
      const region = literal(block["region"]);
      const zone = cloud === "gcp" ? literal(block["zone"]) : undefined;
      const useZone = region === undefined && zone !== undefined;
      providers.set(ref, {
        cloud,
        ref,
        address: `provider.${ref}`,
        attribute: useZone ? "zone" : "region",
        location: useZone ? zone : region,
        block,
      });
    }
  }
  return providers;
}

function checkProviders(ctx: Context): void {
  for (const info of ctx.providers.values()) {
    const ref: BlockRef = { address: info.address };
    const exemption = exemptionOf(info.block);
    if (exemption.kind === "exempt") {
      if (info.ref.includes(".")) {
        ctx.exemptions.push({ stack: ctx.stack, address: info.address, reason: exemption.reason });
        continue;
      }
      report(ctx, ref, `//.${RESIDENCY_EXEMPTION_KEY}`, exemption.reason, "a default provider cannot be exempted: every resource without its own location inherits its region");
    } else if (exemption.kind === "invalid") {
      report(ctx, ref, `//.${RESIDENCY_EXEMPTION_KEY}`, exemption.reason, exemption.why);
    }
    if (info.location === undefined) {
      const what = info.cloud === "aws" ? "region" : "region or zone";
      report(
        ctx,
        ref,
        "region",
        "",
        `no ${what} is set, so it would come from the environment (not pinned to ${ctx.jurisdiction}); every resource without its own location inherits it`,
      );
      continue;
    }
    const scope = info.ref.includes(".") ? `resources using ${info.ref} inherit it` : "every resource without its own location inherits it";
    for (const key of info.cloud === "aws" ? ["region"] : ["region", "zone"]) {
      const raw = info.block[key];
      if (typeof raw === "string" && hasExpression(raw)) {
        const unproven = proveExpression(ctx, info.cloud, raw, 0);
        if (unproven !== undefined) {
          report(ctx, ref, key, raw, `${unproven}, so it cannot be proven to be in ${ctx.jurisdiction} (fail closed); ${scope}; write a literal region`);
        }
        continue;
      }
      const value = literal(raw);
      if (typeof value === "string" && classifyLocation(ctx.jurisdiction, info.cloud, value) !== "inside") {
        report(ctx, ref, key, value, `${whyNotInside(info.cloud, value, ctx.jurisdiction)}; ${scope}`);
      }
    }
  }
}

/** The provider a resource block uses: its `provider` meta-argument or the default one of its type. */
function providerOf(ctx: Context, cloud: Cloud, block: Json): { readonly ref: string; readonly info: ProviderInfo | undefined } {
  const explicit = block["provider"];
  const ref = typeof explicit === "string" ? explicit.replace(/^\$\{(.*)\}$/, "$1") : cloud === "aws" ? "aws" : "google";
  return { ref, info: ctx.providers.get(ref) };
}

/** Location keys a resource may set at its top level to override its provider's location. */
const OWN_LOCATION_KEYS: Readonly<Record<Cloud, readonly string[]>> = Object.freeze({
  aws: ["region"],
  gcp: ["region", "zone", "location"],
});

function hasOwnLocation(cloud: Cloud, block: Json): boolean {
  return OWN_LOCATION_KEYS[cloud].some((k) => typeof block[k] === "string");
}

/** A resource on an explicitly referenced provider inherits that provider's location. */
function checkInheritedProvider(ctx: Context, ref: BlockRef, cloud: Cloud, block: Json): void {
  if (typeof block["provider"] !== "string" || hasOwnLocation(cloud, block)) {
    return;
  }
  const { ref: providerRef, info } = providerOf(ctx, cloud, block);
  if (info === undefined) {
    report(ctx, ref, "provider", providerRef, `provider ${providerRef} is not configured in this stack, so the resource's location is unknown (fail closed)`);
    return;
  }
  if (info.location === null) {
    return;
  }
  if (info.location === undefined) {
    report(ctx, ref, "provider", providerRef, `inherits no location from ${info.address} (unset), so it is not pinned to ${ctx.jurisdiction}`);
    return;
  }
  if (classifyLocation(ctx.jurisdiction, cloud, info.location) !== "inside") {
    report(
      ctx,
      ref,
      "provider",
      providerRef,
      `inherits ${info.attribute} "${info.location}" from ${info.address}: ${whyNotInside(cloud, info.location, ctx.jurisdiction)}`,
    );
  }
}

/** The region an AWS resource block is in: its own `region`, else its provider's. `null` if not literal. */
function effectiveAwsRegion(ctx: Context, block: Json): { readonly region: string | null; readonly via: string } {
  const own = literal(block["region"]);
  if (own !== undefined) {
    return { region: own, via: "its own region" };
  }
  const { ref, info } = providerOf(ctx, "aws", block);
  if (info === undefined) {
    return { region: null, via: `provider ${ref}, which is not configured` };
  }
  return { region: info.location ?? null, via: info.address };
}

function resourceBlock(ctx: Context, type: string, name: string): Json | undefined {
  const section = ctx.config["resource"];
  if (!isObject(section) || !isObject(section[type])) {
    return undefined;
  }
  return blockInstances(section[type][name])[0];
}

/** Resolves a replication/copy destination to the region it is in. */
function resolveAwsDestination(ctx: Context, value: string): { readonly region: string | null; readonly target: string } {
  const reference = /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value);
  if (reference?.[1] !== undefined && reference[2] !== undefined) {
    const target = `${reference[1]}.${reference[2]}`;
    const block = resourceBlock(ctx, reference[1], reference[2]);
    if (block === undefined) {
      return { region: null, target: `${target}, which is not in this stack` };
    }
    const { region, via } = effectiveAwsRegion(ctx, block);
    return { region, target: `${target} (region from ${via})` };
  }
  if (hasExpression(value)) {
    return { region: null, target: "an expression that cannot be resolved to a resource of this stack" };
  }
  const arn = /^arn:[^:]+:([^:]+):([^:]*):[^:]*:(.+)$/.exec(value);
  if (arn?.[1] === "s3" && arn[3] !== undefined) {
    const bucketName = arn[3].split("/")[0] ?? arn[3];
    const section = ctx.config["resource"];
    const buckets = isObject(section) && isObject(section["aws_s3_bucket"]) ? section["aws_s3_bucket"] : {};
    for (const [name, raw] of Object.entries(buckets)) {
      const block = blockInstances(raw)[0];
      if (block !== undefined && block["bucket"] === bucketName) {
        const { region, via } = effectiveAwsRegion(ctx, block);
        return { region, target: `aws_s3_bucket.${name} (region from ${via})` };
      }
    }
    return { region: null, target: `bucket "${bucketName}", which is not defined in this stack (S3 ARNs carry no region)` };
  }
  if (arn?.[2] !== undefined && arn[2] !== "") {
    return { region: arn[2], target: "the region in the ARN" };
  }
  return { region: null, target: "a value that names no region" };
}

function checkDestination(ctx: Context, ref: BlockRef, attribute: string, value: unknown): void {
  if (typeof value !== "string") {
    return;
  }
  const { region, target } = resolveAwsDestination(ctx, value);
  if (region === null) {
    report(ctx, ref, attribute, value, `destination is ${target}; its region is unknown, so residency cannot be proven (fail closed)`);
    return;
  }
  if (classifyLocation(ctx.jurisdiction, "aws", region) !== "inside") {
    report(ctx, ref, attribute, value, `copies data to ${target}: ${whyNotInside("aws", region, ctx.jurisdiction)}`);
  }
}

/**
 * Visits `block[key]` (object or array of objects) and calls `visit` with
 * each instance and its path.
 */
function eachNested(block: Json, key: string, path: string, visit: (nested: Json, nestedPath: string) => void): void {
  const value = block[key];
  const base = joinPath(path, key);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isObject(item)) {
        visit(item, `${base}[${i}]`);
      }
    });
  } else if (isObject(value)) {
    visit(value, base);
  }
}

/** Type-specific rules. Returns the top-level keys the generic walk must not check again. */
function checkSpecialResource(ctx: Context, ref: BlockRef, type: string, block: Json): ReadonlySet<string> {
  switch (type) {
    case "aws_s3_bucket_replication_configuration":
      eachNested(block, "rule", "", (rule, rulePath) =>
        eachNested(rule, "destination", rulePath, (dest, destPath) => checkDestination(ctx, ref, `${destPath}.bucket`, dest["bucket"])),
      );
      return new Set();
    case "aws_backup_plan":
      eachNested(block, "rule", "", (rule, rulePath) =>
        eachNested(rule, "copy_action", rulePath, (copy, copyPath) =>
          checkDestination(ctx, ref, `${copyPath}.destination_vault_arn`, copy["destination_vault_arn"]),
        ),
      );
      return new Set();
    case "google_storage_bucket": {
      // A configurable dual-region is `location` = multi-region code + the two regions in data_locations.
      let hasDataLocations = false;
      eachNested(block, "custom_placement_config", "", (placement) => {
        hasDataLocations ||= Array.isArray(placement["data_locations"]) && placement["data_locations"].length > 0;
      });
      const location = block["location"];
      const isMultiRegionCode = typeof location === "string" && ["EU", "US", "ASIA"].includes(location.toUpperCase());
      return hasDataLocations && isMultiRegionCode ? new Set(["location"]) : new Set();
    }
    case "google_secret_manager_secret":
      eachNested(block, "replication", "", (replication, replicationPath) => {
        if (replication["auto"] !== undefined && replication["auto"] !== null) {
          report(
            ctx,
            ref,
            `${replicationPath}.auto`,
            "auto",
            `automatic replication lets Google store the secret payload in any location, so it is not pinned to ${ctx.jurisdiction}; use user_managed replicas`,
          );
        }
      });
      return new Set();
    default:
      return new Set();
  }
}

function checkBlocks(ctx: Context, section: "resource" | "data"): void {
  const blocks = ctx.config[section];
  if (!isObject(blocks)) {
    return;
  }
  for (const [type, byName] of Object.entries(blocks)) {
    const cloud = cloudOfType(type);
    if (cloud === undefined || !isObject(byName)) {
      continue;
    }
    for (const [name, raw] of Object.entries(byName)) {
      for (const block of blockInstances(raw)) {
        const constructPath = constructPathOf(block);
        const ref: BlockRef = {
          address: section === "data" ? `data.${type}.${name}` : `${type}.${name}`,
          ...(constructPath === undefined ? {} : { constructPath }),
        };
        const exemption = exemptionOf(block);
        if (exemption.kind === "exempt") {
          ctx.exemptions.push({ stack: ctx.stack, address: ref.address, ...(constructPath === undefined ? {} : { constructPath }), reason: exemption.reason });
          continue;
        }
        if (exemption.kind === "invalid") report(ctx, ref, `//.${RESIDENCY_EXEMPTION_KEY}`, exemption.reason, exemption.why);
        const skip = section === "resource" ? checkSpecialResource(ctx, ref, type, block) : new Set<string>();
        if (section === "resource") {
          checkInheritedProvider(ctx, ref, cloud, block);
        }
        walk(ctx, ref, cloud, "", block, skip);
      }
    }
  }
}

type Exemption =
  | { readonly kind: "none" }
  | { readonly kind: "exempt"; readonly reason: string }
  | { readonly kind: "invalid"; readonly reason: string; readonly why: string };

/** The residency exemption recorded on a block, if any. */
function exemptionOf(block: Json): Exemption {
  const meta = block["//"];
  const recorded = isObject(meta) ? meta[RESIDENCY_EXEMPTION_KEY] : undefined;
  if (recorded === undefined) {
    return { kind: "none" };
  }
  const reason = isObject(recorded) && typeof recorded["reason"] === "string" ? recorded["reason"].trim() : "";
  if (reason.length < MIN_EXEMPTION_REASON_LENGTH) {
    return { kind: "invalid", reason, why: `a residency exemption needs a reason of at least ${MIN_EXEMPTION_REASON_LENGTH} characters; the block is checked as if it had none` };
  }
  return { kind: "exempt", reason };
}

/** Attributes of data sources that list the zones of their region. */
const ZONE_LISTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  aws_availability_zones: ["names", "zone_ids"],
  google_compute_zones: ["names"],
});

/** A reference `type.name.attr` or `data.type.name.attr`, optionally indexed (`[0]`). */
const REFERENCE = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_][a-z0-9_]*)(?:\[\d+\])?$/;

/** Functions that only pick, order or convert elements of a list: their result is made of the list's values. */
const SELECTING_FUNCTIONS: ReadonlySet<string> = new Set(["element", "slice", "sort", "distinct", "tolist", "toset", "compact", "reverse"]);

/**
 * The reference an expression selects from: `element(data.x.y.names, 0)`,
 * `slice(data.x.y.names, 0, 3)`, `tolist(x.y.z)[1]` all give the inner reference; the
 * other arguments must be whole numbers. Anything else gives undefined.
 */
function selectedReference(expression: string): string | undefined {
  let inner = expression.trim().replace(/\[\d+\]$/, "");
  for (let i = 0; i < 8; i++) {
    const call = /^([a-z]+)\((.*)\)$/.exec(inner);
    if (!call?.[1] || call[2] === undefined) {
      return inner;
    }
    if (!SELECTING_FUNCTIONS.has(call[1]) || call[2].includes("(")) {
      return undefined;
    }
    const [first, ...rest] = call[2].split(",").map((a) => a.trim());
    if (first === undefined || rest.some((a) => !/^\d+$/.test(a))) {
      return undefined;
    }
    inner = first.replace(/\[\d+\]$/, "");
  }
  return undefined;
}

/**
 * Whether an expression provably evaluates to a location inside the jurisdiction:
 * `undefined` when it does, else why not (for the message).
 */
function proveExpression(ctx: Context, cloud: Cloud, value: string, depth: number): string | undefined {
  const whole = /^\$\{([^{}]*)\}$/.exec(value);
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  if (!whole?.[1]) {
    return `is a Terraform expression (${shown}) this check cannot evaluate`;
  }
  if (depth > MAX_REFERENCE_DEPTH) {
    return `is a chain of more than ${MAX_REFERENCE_DEPTH} references`;
  }
  const inner = whole[1].trim();
  const variable = /^var\.([A-Za-z_][\w-]*)/.exec(inner);
  if (variable?.[1] !== undefined) {
    const declared = variableDefault(ctx, variable[1]);
    const shown = typeof declared === "string" ? ` (default "${declared}")` : "";
    return `comes from variable ${variable[1]}${shown}, which can be set to any location at plan time`;
  }
  // A case or space change of one literal is evaluated exactly: `lower("EU-CENTRAL-1")`.
  const folded = /^(lower|upper|trimspace)\(\s*"((?:[^"\\]|\\.)*)"\s*\)$/.exec(inner);
  if (folded?.[1] !== undefined && folded[2] !== undefined) {
    const raw = JSON.parse(`"${folded[2]}"`) as string;
    const result = folded[1] === "lower" ? raw.toLowerCase() : folded[1] === "upper" ? raw.toUpperCase() : raw.trim();
    return classifyLocation(ctx.jurisdiction, cloud, result) === "inside" ? undefined : `holds "${raw}", which ${folded[1]}() makes "${result}": ${describeLocation(cloud, result)}`;
  }
  const local = /^local\.([A-Za-z_][\w-]*)$/.exec(inner);
  if (local?.[1] !== undefined) {
    const defined = localValue(ctx, local[1]);
    if (typeof defined !== "string") {
      return `comes from local ${local[1]}, which is not a literal location`;
    }
    if (hasExpression(defined)) {
      const why = proveExpression(ctx, cloud, defined, depth + 1);
      return why === undefined ? undefined : `comes from local ${local[1]}, which ${why}`;
    }
    return classifyLocation(ctx.jurisdiction, cloud, defined) === "inside" ? undefined : `comes from local ${local[1]} = "${defined}": ${describeLocation(cloud, defined)}`;
  }
  const selected = selectedReference(inner);
  const ref = selected === undefined ? null : REFERENCE.exec(selected);
  if (!ref || ref[2] === undefined || ref[3] === undefined || ref[4] === undefined) {
    const namesBlock = /(?:^|[^\w.])(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z0-9_-]+/.test(inner);
    return `is a Terraform expression (${shown}) whose value is known only at plan time${namesBlock ? "" : " and names no block of this stack"}`;
  }
  const [isData, type, name, attr] = [ref[1] !== undefined, ref[2], ref[3], ref[4]];
  const address = `${isData ? "data." : ""}${type}.${name}`;
  if (cloudOfType(type) !== cloud) {
    return `comes from ${address}.${attr}, which is not a ${cloud} location`;
  }
  const section = ctx.config[isData ? "data" : "resource"];
  const target = isObject(section) && isObject(section[type]) ? blockInstances(section[type][name])[0] : undefined;
  if (target === undefined) {
    return `comes from ${address}, which is not in this stack`;
  }
  if (isData && ZONE_LISTS[type]?.includes(attr)) {
    const region = target["region"];
    const why = region === undefined ? provenByProvider(ctx, cloud, target, depth) : proveValue(ctx, cloud, region, depth);
    return why === undefined ? undefined : `comes from the zones of ${address}, whose region ${why}`;
  }
  if (!LOCATION_KEYS[cloud].has(attr)) {
    return `comes from ${address}.${attr}, which is not a location attribute`;
  }
  const own = target[attr];
  if (own !== undefined && own !== null) {
    const why = proveValue(ctx, cloud, own, depth);
    return why === undefined ? undefined : `comes from ${address}.${attr}, which ${why}`;
  }
  // Unset: AWS resources take their region (and pick zones) from their provider's region;
  // Google ones their region or zone from the provider. Other locations have per-type
  // defaults (a bucket's or dataset's location defaults to US), so they prove nothing.
  const inherits = cloud === "aws" ? ["region", "availability_zone", "availability_zones"].includes(attr) : ["region", "zone"].includes(attr);
  if (!inherits) {
    return `comes from ${address}.${attr}, which is not set there`;
  }
  const ownRegion = cloud === "aws" ? target["region"] : undefined;
  const why = ownRegion !== undefined && ownRegion !== null ? proveValue(ctx, cloud, ownRegion, depth) : provenByProvider(ctx, cloud, target, depth);
  return why === undefined ? undefined : `comes from ${address}.${attr}, taken from a region that ${why}`;
}

/** Whether a location value (literal, expression or list of them) is provably inside. */
function proveValue(ctx: Context, cloud: Cloud, value: unknown, depth: number): string | undefined {
  if (typeof value === "string") {
    if (hasExpression(value)) {
      return proveExpression(ctx, cloud, value, depth + 1);
    }
    return classifyLocation(ctx.jurisdiction, cloud, value) === "inside" ? undefined : `is "${value}": ${describeLocation(cloud, value)}`;
  }
  if (Array.isArray(value) && value.length > 0) {
    for (const item of value) {
      const why = proveValue(ctx, cloud, item, depth);
      if (why !== undefined) {
        return why;
      }
    }
    return undefined;
  }
  return "is not a location name";
}

/** Whether the provider a block uses is pinned inside (literally, or by a provable expression). */
function provenByProvider(ctx: Context, cloud: Cloud, block: Json, depth: number): string | undefined {
  const { ref, info } = providerOf(ctx, cloud, block);
  if (info === undefined) {
    return `comes from provider ${ref}, which is not configured`;
  }
  const raw = info.block[info.attribute];
  if (raw === undefined || raw === null) {
    return `comes from ${info.address}, which sets none`;
  }
  const why = proveValue(ctx, cloud, raw, depth);
  return why === undefined ? undefined : `comes from ${info.address}, whose ${info.attribute} ${why}`;
}

function variableDefault(ctx: Context, name: string): unknown {
  const variables = ctx.config["variable"];
  const declared = isObject(variables) ? blockInstances(variables[name])[0] : undefined;
  return declared?.["default"];
}

function localValue(ctx: Context, name: string): unknown {
  for (const locals of blockInstances(ctx.config["locals"])) {
    if (name in locals) {
      return locals[name];
    }
  }
  return undefined;
}

function checkBackend(ctx: Context): void {
  const terraform = ctx.config["terraform"];
  if (!isObject(terraform)) {
    return;
  }
  for (const settings of blockInstances(terraform["backend"])) {
    for (const [type, raw] of Object.entries(settings)) {
      const cloud: Cloud | undefined = type === "s3" ? "aws" : type === "gcs" ? "gcp" : undefined;
      if (cloud === undefined) {
        continue;
      }
      const ref: BlockRef = { address: `terraform.backend.${type}` };
      for (const backend of blockInstances(raw)) {
        if (type === "s3" && backend["region"] === undefined) {
          report(ctx, ref, "region", "", `the state bucket's region is not set, so it would come from the environment (not pinned to ${ctx.jurisdiction})`);
        }
        walk(ctx, ref, cloud, "", backend, new Set());
      }
    }
  }
}

/**
 * Lists every setting of a synthesized Terraform JSON configuration that
 * places, or may place, data outside `jurisdiction` (see the file comment for
 * exactly what is checked). An empty list means every location the
 * configuration pins is inside the jurisdiction.
 *
 * @param stackName name reported in each violation (e.g. the stack's id)
 * @param config the synthesized configuration (`stack.toTerraform()` or the parsed `cdk.tf.json`)
 * @param jurisdiction where data must stay
 * @param options exemptions, see {@link ResidencyCheckOptions}
 */
export function checkResidency(
  stackName: string,
  config: Record<string, unknown>,
  jurisdiction: JurisdictionId,
  options: ResidencyCheckOptions = {},
): ResidencyViolation[] {
  requireJurisdiction(jurisdiction);
  const ctx: Context = { stack: stackName, jurisdiction, config, providers: collectProviders(config), violations: [], exemptions: [] };
  checkProviders(ctx);
  checkBackend(ctx);
  checkBlocks(ctx, "resource");
  checkBlocks(ctx, "data");
  const exempt = new Set(options.exempt ?? []);
  return ctx.violations.filter((v) => !exempt.has(v.address));
}

/**
 * The blocks of a synthesized configuration exempted from the pin (see `exempt.ts`), with
 * their reasons, for reports. Aliased providers count; a default provider never does.
 */
export function residencyExemptions(stackName: string, config: Record<string, unknown>): ResidencyExemption[] {
  const found: ResidencyExemption[] = [];
  for (const section of ["resource", "data"] as const) {
    const blocks = config[section];
    if (!isObject(blocks)) {
      continue;
    }
    for (const [type, byName] of Object.entries(blocks)) {
      if (!isObject(byName)) {
        continue;
      }
      for (const [name, raw] of Object.entries(byName)) {
        for (const block of blockInstances(raw)) {
          const exemption = exemptionOf(block);
          if (exemption.kind !== "exempt") {
            continue;
          }
          const constructPath = constructPathOf(block);
          found.push({
            stack: stackName,
            address: section === "data" ? `data.${type}.${name}` : `${type}.${name}`,
            ...(constructPath === undefined ? {} : { constructPath }),
            reason: exemption.reason,
          });
        }
      }
    }
  }
  for (const info of collectProviders(config).values()) {
    const exemption = exemptionOf(info.block);
    if (exemption.kind === "exempt" && info.ref.includes(".")) {
      found.push({ stack: stackName, address: info.address, reason: exemption.reason });
    }
  }
  return found;
}

/** One violation as one line: address, construct path, attribute, value and reason. */
export function formatResidencyViolation(violation: ResidencyViolation): string {
  const path = violation.constructPath === undefined ? "" : ` (construct ${violation.constructPath})`;
  const value = violation.value === "" ? "(not set)" : JSON.stringify(violation.value);
  return `${violation.address}${path}: ${violation.attribute} = ${value} — ${violation.reason}`;
}

/**
 * A report of `violations` for people: a header naming the jurisdiction,
 * then one line per offender (stack, address, construct path, attribute,
 * value, and which jurisdiction the value is actually in).
 */
export function formatResidencyViolations(violations: readonly ResidencyViolation[], jurisdiction: JurisdictionId): string {
  const { name } = requireJurisdiction(jurisdiction);
  if (violations.length === 0) {
    return `Data residency (${jurisdiction}: ${name}): no setting places data outside the jurisdiction.`;
  }
  const header = `Data residency (${jurisdiction}: ${name}): ${violations.length} setting${violations.length === 1 ? "" : "s"} place data outside the jurisdiction or cannot be proven inside it:`;
  return [header, ...violations.map((v) => `  - [${v.stack}] ${formatResidencyViolation(v)}`)].join("\n");
}
