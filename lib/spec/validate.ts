/**
 * Spec validation: structure (from the zod schema) and the checks that relate one
 * part of the spec to another. Every problem is collected; nothing stops at the first.
 */
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { getAccelerator, gpuZones, resolveAccelerator } from "../catalog";
import { classifyLocation, getJurisdiction, JURISDICTION_IDS, isRegionInJurisdiction, jurisdictionsOfRegion, type JurisdictionId } from "../residency";
import { systemPoolInitialNodeCount } from "../catalog/gke-node-counts";
import { apiAccessProblems } from "./api-access";
import { deployerProblems } from "./deployers";
import { cidrInRanges, cidrsOverlap, parseIpv4Cidr, PRIVATE_RANGES, SHARED_RANGE, type Ipv4Cidr } from "./cidr";
import { gcsReservedWords, s3ReservedPrefixes } from "./bucket-names";
import { CLOUDS, type Cloud } from "./clouds";
import { eksSupportFindings, type SupportFindings } from "./eks-support";
import { describeValue, formatPath, SpecValidationError, type SpecProblem } from "./problems";
import { spendProblems } from "./spend";
import {
  BackendSchema,
  ClusterSchema,
  DataLakeSchema,
  GcpExistingNetworkSchema,
  GpuPoolSchema,
  NetworkSchema,
  PlatformSpecSchema,
  TeamSchema,
  type BackendSpec,
  type ClusterSpec,
  type DataLakeSpec,
  type GpuPoolSpec,
  type NetworkSpec,
  type PlatformSpec,
  type TeamSpec,
} from "./schema";

/**
 * The result of validating a spec: the spec with defaults applied and any warnings, or
 * every problem. Warnings do not stop synthesis (e.g. a Kubernetes version in EKS
 * extended support); `cluster.supportNotice.action: fail` turns the support ones into problems.
 */
export type SpecValidation =
  | { readonly ok: true; readonly spec: PlatformSpec; readonly warnings: readonly SpecProblem[] }
  | { readonly ok: false; readonly problems: readonly SpecProblem[] };

/** Options of {@link validateSpec}. */
export interface ValidateOptions {
  /**
   * The day support dates are compared with.
   * @default - now
   */
  readonly today?: Date;
}

/** Validates a spec object (parsed from YAML/JSON or written in code). */
export function validateSpec(input: unknown, options: ValidateOptions = {}): SpecValidation {
  const parsed = PlatformSpecSchema.safeParse(input);
  const issues = parsed.success ? [] : parsed.error.issues;
  const problems: SpecProblem[] = issues.flatMap((i) => issueToProblems(i, input));
  // Unknown keys are reported above; the cross checks see the spec without them, so a
  // typo in one field does not hide what is wrong elsewhere in the same section.
  problems.push(...crossChecks(withoutUnknownKeys(input, issues)), ...prototypeKeys(input));
  const support = supportChecks(input, options.today ?? new Date());
  problems.push(...support.errors);
  const unique = dedupe(problems);
  if (parsed.success && unique.length === 0) return { ok: true, spec: parsed.data, warnings: support.warnings };
  return { ok: false, problems: unique };
}

/**
 * The EKS support findings of the spec's cluster, for specs with an aws target (GKE has
 * release channels of its own). Sections that do not parse are reported elsewhere.
 */
function supportChecks(input: unknown, today: Date): SupportFindings {
  const o = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const onAws = Array.isArray(o.targets) && o.targets.some((t) => t !== null && typeof t === "object" && (t as Record<string, unknown>).cloud === "aws");
  const cluster = ClusterSchema.safeParse(o.cluster ?? {});
  if (!onAws || !cluster.success) return { errors: [], warnings: [] };
  return eksSupportFindings(cluster.data, today);
}

/** Validates a spec and returns it with defaults applied; throws `SpecValidationError` with every problem. */
export function parseSpec(input: unknown, source?: string): PlatformSpec {
  const result = validateSpec(input);
  if (!result.ok) throw new SpecValidationError(result.problems, source);
  return result.spec;
}

/** A copy of the input without the keys zod reported as unknown (the input itself is not changed). */
function withoutUnknownKeys(input: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const unknown = issues.filter((i) => i.code === "unrecognized_keys");
  if (unknown.length === 0) return input;
  const copy = structuredClone(input) as unknown;
  for (const issue of unknown) {
    const parent = valueAt(copy, issue.path);
    if (parent === null || typeof parent !== "object") continue;
    for (const key of (issue as { keys: string[] }).keys) delete (parent as Record<string, unknown>)[key];
  }
  return copy;
}

function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------
// Structural problems: zod issues rendered with the path, the value and the fix.
// ---------------------------------------------------------------------------

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg as string];
  }
  return cur;
}

type AnySchema = z.ZodType;

/** Finds the schema that validates the value at `path`, following the input through unions. */
function schemaAt(path: readonly PropertyKey[], input: unknown): AnySchema | undefined {
  let schema: AnySchema | undefined = PlatformSpecSchema;
  let value: unknown = input;
  for (const seg of path) {
    schema = unwrap(schema, value);
    if (!schema) return undefined;
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === "object") schema = (def.shape as Record<string, AnySchema>)[seg as string];
    else if (def.type === "array") schema = def.element as AnySchema;
    else if (def.type === "record") schema = def.valueType as AnySchema;
    else return undefined;
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[seg as string] : undefined;
  }
  return unwrap(schema, value);
}

function unwrap(schema: AnySchema | undefined, value: unknown): AnySchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 10; i++) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type === "default" || def.type === "optional" || def.type === "nullable" || def.type === "prefault") {
      s = def.innerType as AnySchema;
    } else if (def.type === "pipe") {
      s = def.in as AnySchema;
    } else if (def.type === "union" && typeof def.discriminator === "string") {
      const disc = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[def.discriminator] : undefined;
      const options = def.options as AnySchema[];
      s = options.find((o) => {
        const shape = (o._zod.def as unknown as { shape?: Record<string, AnySchema> }).shape;
        const lit = shape?.[def.discriminator as string]?._zod.def as unknown as { values?: unknown[] } | undefined;
        return lit?.values?.includes(disc);
      });
    } else {
      return s;
    }
  }
  return s;
}

function allowedKeys(path: readonly PropertyKey[], input: unknown): string[] {
  const schema = schemaAt(path, input);
  const def = schema?._zod.def as unknown as { type?: string; shape?: Record<string, unknown>; keyType?: z.ZodType } | undefined;
  if (def?.type === "record" && def.keyType) {
    // A record keyed by an enum (e.g. cluster.addonVersions): the enum's values.
    const keys = def.keyType._zod.def as unknown as { type?: string; entries?: Record<string, string> };
    return keys.type === "enum" && keys.entries ? Object.values(keys.entries) : [];
  }
  return def?.type === "object" && def.shape ? Object.keys(def.shape).filter((k) => k !== "$schema") : [];
}

function suggestion(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return "";
  const best = closest(word, candidates as string[]);
  return distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean "${best}"?)` : "";
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

function issueToProblems(issue: z.core.$ZodIssue, input: unknown): SpecProblem[] {
  const value = valueAt(input, issue.path);
  const at = formatPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = allowedKeys(issue.path, input);
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown field${suggestion(key, known)}; allowed here: ${known.join(", ") || "(none)"}`,
      }));
    }
    case "invalid_type": {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) {
        const custom = issue.message && !issue.message.startsWith("Invalid input") ? issue.message : `is required (${expected})`;
        return [{ path: at, message: custom }];
      }
      return [{ path: at, message: `${describeValue(value)} is not ${expected}` }];
    }
    case "invalid_value": {
      const allowed = issue.values.map(String);
      if (typeof value === "number" && issue.values.every((v) => typeof v === "string")) {
        // YAML reads an unquoted 1.30 as the number 1.3: say so, and how to write it.
        const key = String(issue.path[issue.path.length - 1] ?? "value");
        const same = allowed.find((a) => Number(a) === value);
        const text = String(value);
        const message =
          same !== undefined
            ? `${text} is a number, not text; quote it: ${key}: "${same}"`
            : `${text} is a number, not text${text.includes(".") ? `, and YAML drops the trailing zeros of unquoted numbers (${text}0 is read as ${text})` : ""}; quote it, e.g. ${key}: "${allowed[allowed.length - 1] ?? ""}"; allowed: ${allowed.join(", ")}`;
        return [{ path: at, message }];
      }
      const word = typeof value === "string" ? value : String(value);
      return [{ path: at, message: `${describeValue(value)} is not allowed${suggestion(word, allowed)}; allowed: ${allowed.join(", ")}` }];
    }
    case "invalid_union": {
      const disc = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (disc && options) {
        const allowed = options.map(String);
        const word = typeof value === "string" ? value : String(value);
        const message =
          value === undefined
            ? `is required; allowed: ${allowed.join(", ")}`
            : `${describeValue(value)} is not allowed${suggestion(word, allowed)}; allowed: ${allowed.join(", ")}`;
        return [{ path: at, message }];
      }
      return [{ path: at, message: `${describeValue(value)} does not match any allowed form` }];
    }
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const limit = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const word = small ? "at least" : "at most";
      if (issue.origin === "string")
        return [{ path: at, message: `${describeValue(value)} has ${String(value).length} characters; must have ${word} ${limit}` }];
      if (issue.origin === "array")
        return [{ path: at, message: `has ${Array.isArray(value) ? value.length : 0} items; must have ${word} ${limit}` }];
      return [{ path: at, message: `${describeValue(value)} is too ${small ? "small" : "large"}; must be ${word} ${limit}` }];
    }
    case "invalid_format":
      return [{ path: at, message: `${describeValue(value)} ${issue.message}` }];
    case "invalid_key": {
      const key = String(issue.path[issue.path.length - 1]);
      const inner = issue.issues.map((i) => i.message).join("; ");
      return [{ path: at, message: `key ${JSON.stringify(key)} is not allowed: ${inner}` }];
    }
    case "not_multiple_of":
      return [{ path: at, message: `${describeValue(value)} must be a multiple of ${String(issue.divisor)}` }];
    case "custom":
      return [{ path: at, message: `${describeValue(value)} ${issue.message}` }];
    default:
      return [{ path: at, message: `${describeValue(value)}: ${issue.message}` }];
  }
}

// ---------------------------------------------------------------------------
// Cross checks. Each section is parsed on its own so that one bad section does
// not hide the problems of another.
// ---------------------------------------------------------------------------

interface Sections {
  readonly residency?: JurisdictionId;
  /** Targets read leniently (cloud and region only), so a missing project does not hide residency problems. */
  readonly targets: readonly (LenientTarget | undefined)[];
  readonly network?: NetworkSpec;
  readonly cluster?: ClusterSpec;
  readonly pools: readonly (GpuPoolSpec | undefined)[];
  readonly dataLake?: DataLakeSpec;
  readonly teams: readonly (TeamSpec | undefined)[];
  /** Names as written, so a pool or team with another problem still counts for uniqueness. */
  readonly poolNames: readonly (string | undefined)[];
  readonly teamNames: readonly (string | undefined)[];
  readonly backend?: BackendSpec;
}

function namesOf(list: unknown): (string | undefined)[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const name = item !== null && typeof item === "object" ? (item as Record<string, unknown>).name : undefined;
    return typeof name === "string" ? name : undefined;
  });
}

const LenientTargetSchema = z.looseObject({
  cloud: z.enum(CLOUDS),
  region: z.string(),
  project: z.string().optional(),
  securityGroup: z.string().optional(),
});
type LenientTarget = z.output<typeof LenientTargetSchema>;

function parseSection<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

function parseEach<T>(schema: z.ZodType<T>, value: unknown): (T | undefined)[] {
  return Array.isArray(value) ? value.map((v) => parseSection(schema, v)) : [];
}

function sectionsOf(input: unknown): Sections {
  const o = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const residency = (JURISDICTION_IDS as readonly string[]).includes(o.residency as string) ? (o.residency as JurisdictionId) : undefined;
  return {
    residency,
    targets: parseEach(LenientTargetSchema, o.targets),
    network: parseSection(NetworkSchema, o.network ?? {}),
    cluster: parseSection(ClusterSchema, o.cluster ?? {}),
    pools: parseEach(GpuPoolSchema, o.gpuPools),
    dataLake: parseSection(DataLakeSchema, o.dataLake ?? {}),
    teams: parseEach(TeamSchema, o.teams),
    poolNames: namesOf(o.gpuPools),
    teamNames: namesOf(o.teams),
    backend: parseSection(BackendSchema, o.backend ?? { kind: "local" }),
  };
}

function crossChecks(input: unknown): SpecProblem[] {
  const s = sectionsOf(input);
  return [
    ...checkTargets(s),
    ...checkNetwork(s.network),
    ...checkCluster(s.cluster),
    ...checkPools(s),
    ...checkDataLake(s.dataLake),
    ...checkTeams(s),
    ...checkBackend(s),
    ...checkLabels(s, input),
    ...checkDerivedBucketNames(s, input),
    ...checkGcpTargets(s, input),
    ...checkExistingNetworks(input),
    ...deployerProblems(input),
    ...spendProblems(input),
  ];
}

/**
 * What can be checked of an existing network without the cloud: the subnetwork is in
 * the target's region and in the same project as the network (a Shared VPC host project
 * owns both), the two secondary ranges differ, no subnet is listed twice. Whether the
 * subnets belong to the VPC, and the ranges to the subnetwork, is checked at plan time.
 */
function checkExistingNetworks(input: unknown): SpecProblem[] {
  const o = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const targets = Array.isArray(o.targets) ? (o.targets as unknown[]) : [];
  const problems: SpecProblem[] = [];
  targets.forEach((raw, i) => {
    const t = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    if (t.existingNetwork === undefined) return;
    const at = `targets[${i}].existingNetwork`;
    if (t.cloud === "aws") {
      const ids = (t.existingNetwork as { privateSubnetIds?: unknown }).privateSubnetIds;
      if (!Array.isArray(ids)) return;
      const names = ids.map((id) => (typeof id === "string" ? id : undefined));
      problems.push(...duplicates(names, (j) => `${at}.privateSubnetIds[${j}]`, "subnet", "subnet ids"));
    } else if (t.cloud === "gcp") {
      const n = parseSection(GcpExistingNetworkSchema, t.existingNetwork);
      if (!n) return;
      const [, networkProject] = n.network.split("/");
      const [, subnetProject, , subnetRegion] = n.subnetwork.split("/");
      if (typeof t.region === "string" && subnetRegion !== t.region) {
        problems.push({
          path: `${at}.subnetwork`,
          message: `"${n.subnetwork}" is in region ${subnetRegion}, not the target's region ${t.region}; a regional cluster's subnetwork must be in its region`,
        });
      }
      if (subnetProject !== networkProject) {
        problems.push({
          path: `${at}.subnetwork`,
          message: `"${n.subnetwork}" is in project ${subnetProject} but the network is in ${networkProject}; a subnetwork belongs to its network's project (the host project with Shared VPC)`,
        });
      }
      if (n.podsRange === n.servicesRange) {
        problems.push({ path: `${at}.servicesRange`, message: `"${n.servicesRange}" is also the podsRange; pods and services need two different secondary ranges` });
      }
    }
  });
  return problems;
}

/** Paths of every gcp principal that names a Google group. */
function gcpGroupPrincipals(input: unknown): string[] {
  const o = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const found: string[] = [];
  const scan = (set: unknown, path: string) => {
    const gcp = set !== null && typeof set === "object" ? (set as Record<string, unknown>).gcp : undefined;
    if (Array.isArray(gcp)) gcp.forEach((p, i) => typeof p === "string" && p.startsWith("group:") && found.push(`${path}.gcp[${i}]`));
  };
  scan(o.admins, "admins");
  scan(o.auditors, "auditors");
  if (Array.isArray(o.teams)) {
    o.teams.forEach((team, t) => {
      const members = team !== null && typeof team === "object" ? (team as Record<string, unknown>).members : undefined;
      if (members === null || typeof members !== "object") return;
      for (const persona of ["admins", "developers", "viewers"]) scan((members as Record<string, unknown>)[persona], `teams[${t}].members.${persona}`);
    });
  }
  return found;
}

function checkGcpTargets(s: Sections, input: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const projects = new Map<string, number>();
  const groups = gcpGroupPrincipals(input);
  s.targets.forEach((t, i) => {
    if (t?.cloud !== "gcp") return;
    if (t.project !== undefined) {
      const first = projects.get(t.project);
      if (first !== undefined) {
        problems.push({ path: `targets[${i}].project`, message: `"${t.project}" is already used by targets[${first}]; use one project per gcp target (network, service account and dataset names are project-wide)` });
      } else {
        projects.set(t.project, i);
      }
    }
    const system = s.cluster?.system;
    if (system !== undefined && s.network !== undefined && system.minNodes <= system.maxNodes) {
      const initial = systemPoolInitialNodeCount(system.minNodes, system.maxNodes, s.network.zones);
      if (typeof initial !== "number") problems.push({ path: "cluster.system.maxNodes", message: `${initial.error} (gcp target targets[${i}])` });
    }
    if (t.securityGroup === undefined && groups.length > 0) {
      problems.push({
        path: `targets[${i}].securityGroup`,
        message: `is required because gcp principals name Google groups (${groups.slice(0, 3).join(", ")}${groups.length > 3 ? ", ..." : ""}); set it to gke-security-groups@<your domain> so RBAC bindings to groups take effect`,
      });
    }
  });
  return problems;
}

function regionHint(cloud: Cloud, region: string): string {
  const where = jurisdictionsOfRegion(cloud, region);
  return where.length > 0 ? ` (${region} is in ${where.join(", ")})` : "";
}

function checkTargets(s: Sections): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const seen = new Map<string, number>();
  s.targets.forEach((t, i) => {
    if (!t) return;
    const key = `${t.cloud}/${t.region}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ path: `targets[${i}]`, message: `${t.cloud} ${t.region} is already targeted by targets[${first}]; each cloud and region once` });
    } else {
      seen.set(key, i);
    }
    if (!s.residency) return;
    if (!isRegionInJurisdiction(s.residency, t.cloud, t.region)) {
      const known = jurisdictionsOfRegion(t.cloud, t.region);
      const allowed = getJurisdiction(s.residency)?.[t.cloud].regions ?? [];
      const what = known.length > 0 ? `is outside residency "${s.residency}"${regionHint(t.cloud, t.region)}` : `is not a known ${t.cloud} region`;
      problems.push({
        path: `targets[${i}].region`,
        message: `"${t.region}" ${what}; allowed ${t.cloud} regions in ${s.residency}: ${allowed.join(", ") || "(none)"}`,
      });
    }
  });
  return problems;
}

interface NamedCidr {
  readonly field: string;
  readonly cidr: Ipv4Cidr;
}

function checkNetwork(n: NetworkSpec | undefined): SpecProblem[] {
  if (!n) return [];
  const problems: SpecProblem[] = [];
  const ranges: NamedCidr[] = [];
  const rules: { field: keyof NetworkSpec; min: number; max: number; allowShared: boolean }[] = [
    { field: "cidr", min: 16, max: 20, allowShared: false },
    { field: "podsCidr", min: 9, max: 21, allowShared: true },
    { field: "servicesCidr", min: 12, max: 24, allowShared: false },
  ];
  for (const rule of rules) {
    const text = n[rule.field] as string;
    const parsed = parseIpv4Cidr(text);
    if ("error" in parsed) continue; // reported by the schema
    const path = `network.${rule.field}`;
    if (parsed.prefix < rule.min || parsed.prefix > rule.max) {
      problems.push({ path, message: `"${text}" has prefix /${parsed.prefix}; use a prefix from /${rule.min} to /${rule.max}` });
    }
    const allowed = rule.allowShared ? [...PRIVATE_RANGES, SHARED_RANGE] : PRIVATE_RANGES;
    if (!cidrInRanges(parsed, allowed)) {
      problems.push({ path, message: `"${text}" is not a private range; use a block inside ${allowed.map((r) => `${r.cidr} (${r.rfc})`).join(", ")}` });
    }
    ranges.push({ field: path, cidr: parsed });
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (cidrsOverlap(a.cidr, b.cidr)) {
        problems.push({ path: b.field, message: `"${b.cidr.text}" overlaps ${a.field} (${a.cidr.text}); choose ranges that do not overlap` });
      }
    }
  }
  problems.push(...apiAccessProblems(n.apiAccess, n.authorizedNetworks));
  return problems;
}

function checkCluster(c: ClusterSpec | undefined): SpecProblem[] {
  if (!c || c.system.minNodes <= c.system.maxNodes) return [];
  return [{ path: "cluster.system.minNodes", message: `${c.system.minNodes} is greater than maxNodes (${c.system.maxNodes}); set minNodes <= maxNodes` }];
}

function duplicates(names: readonly (string | undefined)[], path: (i: number) => string, what: string, plural = `${what} names`): SpecProblem[] {
  const seen = new Map<string, number>();
  const problems: SpecProblem[] = [];
  names.forEach((name, i) => {
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else problems.push({ path: path(i), message: `"${name}" is already used by ${path(first)}; ${plural} must be unique` });
  });
  return problems;
}

function targetClouds(s: Sections): Cloud[] {
  const clouds = new Set<Cloud>();
  for (const t of s.targets) if (t) clouds.add(t.cloud);
  return [...clouds].sort();
}

function checkPools(s: Sections): SpecProblem[] {
  const problems = duplicates(s.poolNames, (i) => `gpuPools[${i}].name`, "GPU pool");
  const clouds = targetClouds(s);
  s.pools.forEach((pool, i) => {
    if (!pool) return;
    for (const cloud of clouds) {
      const res = resolveAccelerator(cloud, pool.accelerator, pool.gpusPerNode);
      if (!res.ok) {
        const countProblem = res.offered.length > 0;
        problems.push({ path: `gpuPools[${i}].${countProblem ? "gpusPerNode" : "accelerator"}`, message: res.message });
      } else if (cloud === "gcp") {
        const only = res.offer.obtainableAs;
        if (only !== undefined && only.includes("spot") && !pool.spot) {
          const onDemand = largestOnDemandGcpShape(pool.accelerator);
          problems.push({
            path: `gpuPools[${i}].spot`,
            message:
              `is false, but GCP sells ${res.offer.instanceType} (${pool.accelerator} x${pool.gpusPerNode}) only as ${only.join(" or ")}, so an on-demand pool never gets a node; ` +
              `set spot: true${onDemand === undefined ? "" : `, or gpusPerNode: ${onDemand.gpusPerNode} (${onDemand.instanceType} is sold on demand)`}`,
          });
        }
        for (const region of new Set(s.targets.filter((t) => t?.cloud === "gcp").map((t) => t!.region))) {
          const zones = gpuZones(pool.accelerator, res.offer.instanceType, region);
          if (!zones.ok) problems.push({ path: `gpuPools[${i}].accelerator`, message: zones.message });
        }
      }
    }
    const sharing = pool.sharing;
    if (sharing?.mode === "mig") {
      const info = getAccelerator(pool.accelerator);
      const sizes = info?.mig?.partitionSizes ?? [];
      if (sizes.length === 0) {
        problems.push({ path: `gpuPools[${i}].sharing.mode`, message: `"mig" needs a MIG-capable accelerator; ${pool.accelerator} is not (use time-slicing, or an A100/H100/H200 accelerator)` });
      } else if (!sizes.includes(sharing.partitionSize)) {
        problems.push({ path: `gpuPools[${i}].sharing.partitionSize`, message: `"${sharing.partitionSize}" is not a MIG profile of ${pool.accelerator}; allowed: ${sizes.join(", ")}` });
      }
      if (clouds.includes("aws")) {
        problems.push({ path: `gpuPools[${i}].sharing.mode`, message: `"mig" is not supported on aws targets by this library (EKS needs a MIG manager); use time-slicing` });
      }
    }
  });
  return problems;
}

function checkDataLake(d: DataLakeSpec | undefined): SpecProblem[] {
  if (!d) return [];
  return duplicates(d.zones, (i) => `dataLake.zones[${i}]`, "data-lake zone");
}

function checkTeams(s: Sections): SpecProblem[] {
  const problems = duplicates(s.teamNames, (i) => `teams[${i}].name`, "team");
  const zones = s.dataLake?.zones;
  if (!zones) return problems;
  s.teams.forEach((team, i) => {
    if (!team) return;
    for (const zone of Object.keys(team.data)) {
      if (!zones.includes(zone)) {
        problems.push({ path: `teams[${i}].data.${zone}`, message: `"${zone}" is not a data-lake zone${suggestion(zone, zones)}; zones: ${zones.join(", ")}` });
      }
    }
  });
  return problems;
}

function checkBackend(s: Sections): SpecProblem[] {
  const b = s.backend;
  if (!b || b.kind === "local") return [];
  if (b.kind === "s3") {
    const region = b.region ?? s.targets.find((t) => t?.cloud === "aws")?.region;
    if (!region) {
      return [{ path: "backend.region", message: "is required when no target is on aws (the state bucket's region)" }];
    }
    if (s.residency && !isRegionInJurisdiction(s.residency, "aws", region)) {
      return [{ path: "backend.region", message: `"${region}" is outside residency "${s.residency}"${regionHint("aws", region)}; state must stay in the jurisdiction too` }];
    }
    return [];
  }
  if (s.residency && classifyLocation(s.residency, "gcp", b.location) !== "inside") {
    return [{ path: "backend.location", message: `"${b.location}" is outside residency "${s.residency}"; state must stay in the jurisdiction too` }];
  }
  return [];
}

/**
 * Tags per resource: AWS allows 50 user-defined tags per resource (Tag Editor quotas,
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html: "AWS generated
 * tags don't count against this limit"); Google Cloud 64 labels per resource
 * (https://cloud.google.com/resource-manager/docs/labels-overview#requirements). Checked
 * 2026-12.
 */
export const LABELS_PER_RESOURCE: Readonly<Record<Cloud, number>> = { aws: 50, gcp: 64 };

/**
 * Tags or labels the platform and the cloud add to a resource besides the spec's own: the
 * platform writes at most 6 today (platform, residency, managed-by on every resource;
 * Name and two Kubernetes subnet-discovery tags on subnets; a test holds this against the
 * synthesized JSON), and EKS and GKE add their own to the nodes they launch
 * (eks:cluster-name, eks:nodegroup-name, kubernetes.io/cluster/<name>; goog-gke-node,
 * goog-k8s-cluster-name, goog-k8s-node-pool-name, ...).
 */
export const PLATFORM_LABEL_RESERVE: Readonly<Record<Cloud, number>> = { aws: 10, gcp: 10 };

function checkLabels(s: Sections, input: unknown): SpecProblem[] {
  const labels = input !== null && typeof input === "object" ? (input as Record<string, unknown>).labels : undefined;
  if (labels === null || typeof labels !== "object" || Array.isArray(labels)) return [];
  const count = Object.keys(labels).length;
  const problems: SpecProblem[] = [];
  for (const cloud of targetClouds(s)) {
    const allowed = LABELS_PER_RESOURCE[cloud] - PLATFORM_LABEL_RESERVE[cloud];
    if (count > allowed) {
      const what = cloud === "aws" ? `AWS allows ${LABELS_PER_RESOURCE.aws} tags per resource` : `Google Cloud allows ${LABELS_PER_RESOURCE.gcp} labels per resource`;
      problems.push({
        path: "labels",
        message: `has ${count} labels; at most ${allowed} on ${cloud} targets (${what} and the platform and ${cloud === "aws" ? "EKS" : "GKE"} add up to ${PLATFORM_LABEL_RESERVE[cloud]} of their own); remove ${count - allowed}`,
      });
    }
  }
  return problems;
}

/** Bucket names the platform derives from the spec's name and zones must follow the clouds' rules too. */
function checkDerivedBucketNames(s: Sections, input: unknown): SpecProblem[] {
  const o = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const name = typeof o.name === "string" ? o.name : undefined;
  const clouds = targetClouds(s);
  const problems: SpecProblem[] = [];
  if (name !== undefined && clouds.includes("aws")) {
    for (const prefix of s3ReservedPrefixes(`${name}-`)) {
      problems.push({ path: "name", message: `"${name}" would start every S3 bucket name with "${prefix}", which S3 reserves; choose another name` });
    }
  }
  if (clouds.includes("gcp")) {
    if (name !== undefined) {
      for (const why of gcsReservedWords(name)) problems.push({ path: "name", message: `"${name}" is part of every Cloud Storage bucket name, which ${why}; choose another name` });
    }
    (s.dataLake?.zones ?? []).forEach((zone, i) => {
      for (const why of gcsReservedWords(`x-${zone}`)) problems.push({ path: `dataLake.zones[${i}]`, message: `"${zone}" is part of its Cloud Storage bucket name, which ${why}; choose another name` });
    });
  }
  return problems;
}

/**
 * Own `__proto__` keys (as `JSON.parse` makes them) anywhere in the input: zod, like any
 * assignment, would drop them silently. Iterative, so deep input cannot overflow the stack.
 */
function prototypeKeys(input: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (Object.prototype.hasOwnProperty.call(value, "__proto__")) {
      problems.push({ path: formatPath([...path, "__proto__"]), message: `"__proto__" is not allowed as a key (JavaScript would treat it as the object's prototype); rename it` });
    }
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return problems.reverse();
}

/** The largest GCP shape of an accelerator that is sold on demand, if any. */
function largestOnDemandGcpShape(accelerator: Parameters<typeof getAccelerator>[0]): { gpusPerNode: number; instanceType: string } | undefined {
  const offers = getAccelerator(accelerator)?.gcp?.offers ?? [];
  return [...offers].reverse().find((o) => o.obtainableAs === undefined);
}
