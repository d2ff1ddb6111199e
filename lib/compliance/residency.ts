/**
 * Residency as the review sees it: lib/residency's `checkResidency` (the same check
 * synth runs), plus what a review of arbitrary Terraform JSON must not pass silently.
 * Everything here fails closed: a location that cannot be proven inside is a finding.
 *
 * - Location values holding an expression (`${lower("US-EAST-1")}`, `${var.region}`,
 *   a local): a reference to a block of this stack is accepted (that block is checked
 *   where it is defined); a variable (settable at plan time) or anything else is not.
 *   String literals inside an expression are classified too.
 * - Providers `awscc` (default and aliased) like `aws`; any provider whose `region`
 *   is an expression.
 * - Backends: `s3` (region), `gcs` (the state bucket, when this stack defines it, or the
 *   location declared next to the backend as `"//": { "location": … }`), `local`
 *   (state stays with whoever runs Terraform); any other backend and `terraform.cloud`
 *   store state where the configuration cannot show.
 * - `google_bigquery_dataset` (and `google_bigquery_data_transfer_config`) without
 *   `location`: BigQuery then uses the US multi-region, whatever the provider's region.
 * - The legacy inline `aws_s3_bucket.replication_configuration` destinations.
 * - Keys named by a literal ARN or resource name (`arn:aws:kms:<region>:…`,
 *   `projects/…/locations/<location>/keyRings/…`) in key attributes.
 */
import type { Cloud } from "../spec/clouds";
import { type JurisdictionId, requireJurisdiction } from "../residency/jurisdictions";
import { classifyLocation } from "../residency/locations";
import { checkResidency, describeLocation, LOCATION_KEYS, type ResidencyViolation } from "../residency/pinning";
import { blocks, isObject } from "./json";
import type { Json, Resource, StackIndex } from "./model";

/** One residency problem of one block. */
export interface ResidencyProblem {
  readonly address: string;
  readonly attribute: string;
  readonly value: string;
  readonly reason: string;
}

/** The cloud whose location names a Terraform type or provider name uses. */
export function locationCloudOf(type: string): Cloud | undefined {
  if (type === "aws" || type === "awscc" || type.startsWith("aws_") || type.startsWith("awscc_")) return "aws";
  if (type === "google" || type === "google-beta" || type.startsWith("google_")) return "gcp";
  return undefined;
}

/** Meta-arguments that never hold a location. */
const SKIPPED = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection"]);

/** BigQuery types whose `location` defaults to the US multi-region when unset (provider docs, google_bigquery_dataset: "The default value is multi-regional location US"). */
const BIGQUERY_US_DEFAULT = ["google_bigquery_dataset", "google_bigquery_data_transfer_config"];

interface Ctx {
  readonly index: StackIndex;
  readonly jurisdiction: JurisdictionId;
  readonly variables: Json;
  readonly locals: Json;
  readonly out: ResidencyProblem[];
}

function why(cloud: Cloud, value: string, jurisdiction: JurisdictionId): string | undefined {
  const c = classifyLocation(jurisdiction, cloud, value);
  if (c === "inside") return undefined;
  const where = describeLocation(cloud, value);
  return c === "outside" ? `${where}, not in ${jurisdiction}` : `${where}, so it cannot be proven to be in ${jurisdiction} (fail closed)`;
}

/** Why an expression location value cannot be proven inside, or undefined when it can. */
function judgeExpression(ctx: Ctx, cloud: Cloud, value: string): string | undefined {
  const literals = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "").filter((s) => s !== "");
  for (const literal of literals) {
    const inside = [literal, literal.toLowerCase(), literal.toUpperCase()].some((v) => classifyLocation(ctx.jurisdiction, cloud, v) === "inside");
    if (!inside) return `the expression holds ${JSON.stringify(literal)}: ${why(cloud, literal.toLowerCase(), ctx.jurisdiction) ?? "not a location"}`;
  }
  const body = value.replace(/"((?:[^"\\]|\\.)*)"/g, '""');
  const variables = [...body.matchAll(/(?<![\w.])var\.([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? "");
  if (variables.length > 0) {
    const name = variables[0] ?? "";
    const decl = ctx.variables[name];
    const def = isObject(decl) ? (blocks(decl)[0]?.["default"] ?? decl["default"]) : undefined;
    const shown = typeof def === "string" ? `default ${JSON.stringify(def)}${why(cloud, def, ctx.jurisdiction) ? ` (${why(cloud, def, ctx.jurisdiction) ?? ""})` : ""}` : "no literal default";
    return `comes from variable ${name} (${shown}), which can be set to any location at plan time, so it cannot be proven to be in ${ctx.jurisdiction} (fail closed)`;
  }
  for (const m of body.matchAll(/(?<![\w.])local\.([A-Za-z_][\w-]*)/g)) {
    const local = ctx.locals[m[1] ?? ""];
    if (typeof local !== "string") return `comes from local ${m[1] ?? ""}, which is not a literal, so it cannot be proven to be in ${ctx.jurisdiction} (fail closed)`;
    const problem = local.includes("${") ? judgeExpression(ctx, cloud, local) : why(cloud, local, ctx.jurisdiction);
    if (problem !== undefined) return `local ${m[1] ?? ""} = ${JSON.stringify(local)}: ${problem}`;
  }
  const refs = ctx.index.resolveAll(value);
  if (refs.length === 0 && literals.length === 0 && !/(?<![\w.])local\./.test(body)) {
    return `is an expression that names no block of this stack, so it cannot be proven to be in ${ctx.jurisdiction} (fail closed)`;
  }
  return undefined;
}

function add(ctx: Ctx, address: string, attribute: string, value: string, reason: string): void {
  ctx.out.push({ address, attribute, value, reason });
}

function checkValue(ctx: Ctx, address: string, cloud: Cloud, attribute: string, value: string, onlyExpressions: boolean): void {
  if (value.includes("${")) {
    const problem = judgeExpression(ctx, cloud, value);
    if (problem !== undefined) add(ctx, address, attribute, value, problem);
  } else if (!onlyExpressions) {
    const problem = why(cloud, value, ctx.jurisdiction);
    if (problem !== undefined) add(ctx, address, attribute, value, problem);
  }
}

/** Walks every location-keyed value under a block. `onlyExpressions`: literals are checkResidency's. */
function walk(ctx: Ctx, address: string, cloud: Cloud, path: string, value: unknown, onlyExpressions: boolean): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(ctx, address, cloud, `${path}[${i}]`, v, onlyExpressions));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (SKIPPED.has(key)) continue;
    const p = path === "" ? key : `${path}.${key}`;
    if (LOCATION_KEYS[cloud].has(key)) {
      const values = typeof child === "string" ? [[p, child] as const] : Array.isArray(child) ? child.map((c, i) => [`${p}[${i}]`, c] as const) : [];
      for (const [vp, v] of values) if (typeof v === "string") checkValue(ctx, address, cloud, vp, v, onlyExpressions);
      if (isObject(child) || (Array.isArray(child) && child.some(isObject))) walk(ctx, address, cloud, p, child, onlyExpressions);
    } else {
      walk(ctx, address, cloud, p, child, onlyExpressions);
    }
  }
}

/** Key names (attribute names) that hold a key reference. */
const KEY_ATTRIBUTE = /kms|encryption_key|crypto_key|key_name|key_id|key_arn/i;

function checkKeyReferences(ctx: Ctx, r: Resource, path: string, value: unknown): void {
  if (typeof value === "string") {
    if (!KEY_ATTRIBUTE.test(path.split(".").pop() ?? "")) return;
    const aws = /^arn:aws[a-z-]*:kms:([^:]+):/.exec(value);
    const gcp = /(?:^|\/)projects\/[^/]+\/locations\/([^/]+)\/keyRings\//.exec(value);
    const [cloud, location] = aws ? (["aws", aws[1]] as const) : gcp ? (["gcp", gcp[1]] as const) : [undefined, undefined];
    if (cloud === undefined || location === undefined || location.includes("${")) return;
    const problem = why(cloud, location, ctx.jurisdiction);
    if (problem !== undefined) add(ctx, r.address, path, value, `the key lives in ${problem}`);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkKeyReferences(ctx, r, `${path}[${i}]`, v));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) if (k !== "//") checkKeyReferences(ctx, r, path === "" ? k : `${path}.${k}`, v);
}

/** Region of an S3 bucket of this stack (own region, else its provider's), or undefined. */
function bucketRegion(bucket: Resource): string | undefined {
  const own = bucket.attributes["region"];
  if (typeof own === "string" && !own.includes("${")) return own;
  return bucket.region;
}

function checkInlineReplication(ctx: Ctx, r: Resource): void {
  const rc = blocks(r.attributes["replication_configuration"]);
  rc.forEach((config, i) =>
    blocks(config["rules"]).forEach((rule, j) =>
      blocks(rule["destination"]).forEach((dest) => {
        const attribute = `replication_configuration[${i}].rules[${j}].destination.bucket`;
        const value = dest["bucket"];
        if (typeof value !== "string") return;
        const target = ctx.index.resolve(value);
        const byName = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(value)?.[1];
        const named = target ?? (byName === undefined ? undefined : ctx.index.withAttribute("aws_s3_bucket", "bucket", byName)[0]);
        const region = named?.type === "aws_s3_bucket" ? bucketRegion(named) : undefined;
        if (region === undefined) {
          add(ctx, r.address, attribute, value, `replicates to a bucket whose region cannot be found in this stack, so residency cannot be proven (fail closed)`);
          return;
        }
        const problem = why("aws", region, ctx.jurisdiction);
        if (problem !== undefined) add(ctx, r.address, attribute, value, `replicates to ${named?.address ?? value}: ${problem}`);
      }),
    ),
  );
}

function checkBackend(ctx: Ctx, r: Resource): void {
  const type = r.name;
  const declared = isObject(r.attributes["//"]) ? r.attributes["//"]["location"] : undefined;
  if (type === "local") return;
  if (type === "s3") {
    const region = r.attributes["region"];
    if (typeof region === "string" && region.includes("${")) checkValue(ctx, r.address, "aws", "region", region, false);
    return;
  }
  if (type === "gcs") {
    const bucket = r.attributes["bucket"];
    const defined = typeof bucket === "string" ? ctx.index.withAttribute("google_storage_bucket", "name", bucket)[0] : undefined;
    if (defined !== undefined) return;
    if (typeof declared === "string") {
      checkValue(ctx, r.address, "gcp", "//.location", declared, false);
      return;
    }
    add(ctx, r.address, "bucket", String(bucket ?? ""), `the state bucket is not defined in this stack and no location is declared, so where the state (every resource attribute, secrets included) lives cannot be proven (fail closed)`);
    return;
  }
  add(ctx, r.address, "backend", type, `backend "${type}" stores the state where this configuration cannot show, so residency cannot be proven (fail closed)`);
}

const cache = new WeakMap<StackIndex, ReadonlyMap<string, readonly ResidencyProblem[]>>();

/** Every residency problem of a stack, by block address (computed once per index). Empty without a jurisdiction. */
export function residencyProblems(index: StackIndex): ReadonlyMap<string, readonly ResidencyProblem[]> {
  const cached = cache.get(index);
  if (cached !== undefined) return cached;
  const byAddress = new Map<string, ResidencyProblem[]>();
  cache.set(index, byAddress);
  if (index.jurisdiction === undefined) return byAddress;
  const jurisdiction = requireJurisdiction(index.jurisdiction).id;
  const base: readonly ResidencyViolation[] = checkResidency(index.stack, index.config, jurisdiction);
  const variables = isObject(index.config["variable"]) ? index.config["variable"] : {};
  const locals = Object.assign({}, ...blocks(index.config["locals"])) as Json;
  const ctx: Ctx = { index, jurisdiction, variables, locals, out: base.map((v) => ({ address: v.address, attribute: v.attribute, value: v.value, reason: v.reason })) };
  for (const r of index.resources) {
    const cloud = locationCloudOf(r.kind === "backend" ? "" : r.type);
    if (r.kind === "backend") {
      checkBackend(ctx, r);
      continue;
    }
    if (cloud === undefined) continue;
    const awscc = r.type === "awscc" || r.type.startsWith("awscc_");
    if (r.kind === "provider") {
      const region = r.attributes["region"];
      if (awscc && region === undefined) add(ctx, r.address, "region", "", `no region is set, so it would come from the environment (not pinned to ${jurisdiction})`);
      for (const key of cloud === "aws" ? ["region"] : ["region", "zone"]) {
        const v = r.attributes[key];
        if (typeof v === "string") checkValue(ctx, r.address, cloud, key, v, !awscc);
      }
      continue;
    }
    walk(ctx, r.address, cloud, "", r.attributes, !awscc);
    checkKeyReferences(ctx, r, "", r.attributes);
    if (r.kind === "resource" && BIGQUERY_US_DEFAULT.includes(r.type) && r.attributes["location"] === undefined) {
      const problem = why("gcp", "US", jurisdiction);
      if (problem !== undefined) add(ctx, r.address, "location", "", `not set, so BigQuery uses its default multi-region US: ${problem}`);
    }
    if (r.type === "aws_s3_bucket") checkInlineReplication(ctx, r);
  }
  const seen = new Set<string>();
  for (const p of ctx.out) {
    const key = `${p.address}\u0000${p.attribute}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byAddress.set(p.address, [...(byAddress.get(p.address) ?? []), p]);
  }
  return byAddress;
}

/** One problem as one line. */
export function formatProblem(p: ResidencyProblem): string {
  return `${p.attribute} = ${p.value === "" ? "(not set)" : JSON.stringify(p.value)}: ${p.reason}`;
}
