/**
 * Reads a cdktf output directory and indexes every stack.
 *
 * - `manifest.json` (cdktf 0.21): `{ stacks: { <name>: { synthesizedStackPath, workingDirectory, … } } }`;
 *   `synthesizedStackPath` is relative to the output directory. Without a manifest,
 *   `stacks/<name>/cdk.tf.json` files are globbed.
 * - Every `resource`, `data` and `provider` block is indexed with its address, construct
 *   path (`"//".metadata.path`), attributes, provider and region, and the suppressions
 *   recorded next to it (`"//".ai_platform_suppressions`, see `suppress.ts`).
 * - `${type.name.attr}` references are resolved anywhere in a string
 *   (`"${aws_s3_bucket.x.arn}/*"`, `"${jsonencode(…)}"`), so a split resource
 *   (an S3 versioning configuration, a KMS alias, a ResourceQuota) links to what it configures.
 *
 * Works on any cdktf output, not only this library's: nothing here knows a provider package.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { decodeJsonencoded } from "./hcl";
import { blocks, compare, isObject, tagsOf } from "./json";
import type { Json, Reference, Resource, StackIndex, SuppressionEntry } from "./model";

/** A user mistake about the input (missing directory, no stacks, bad option): report the message, not a stack trace. */
export class CheckInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckInputError";
  }
}

/** The key under `"//"` where suppressions are recorded. */
export const SUPPRESSIONS_KEY = "ai_platform_suppressions";

/** One stack file as read from disk. */
export interface StackFile {
  readonly stack: string;
  /** Path relative to the output directory, with `/` separators. */
  readonly file: string;
  readonly config: Json;
}

function toPosix(path: string): string {
  return path.split("\\").join("/");
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CheckInputError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CheckInputError(`${what} ${path} is not valid JSON (${(e as Error).message}); run \`cdktf synth\` again`);
  }
}

/**
 * Resolves a stack file path named by the manifest (or found by the glob) and refuses it
 * unless it is a regular file inside the output directory once every symlink is resolved.
 * Nothing outside the directory is ever read.
 */
function confined(root: string, realRoot: string, path: string, what: string): string {
  const shown = toPosix(relative(root, path)) || path;
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new CheckInputError(`${what} ${shown} does not exist in ${root}; the output is incomplete: run the synth again`);
    }
    throw new CheckInputError(`cannot read ${what} ${shown} in ${root} (${code ?? (e as Error).message}); check its permissions`);
  }
  const inside = relative(realRoot, real);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw new CheckInputError(
      `${what} ${shown} resolves to ${real}, outside ${root}; refusing to read it. Stack paths in manifest.json must stay inside the output directory (synthesize again)`,
    );
  }
  if (!statSync(real).isFile()) throw new CheckInputError(`${what} ${shown} is not a regular file; run the synth again`);
  return real;
}

/**
 * Lists the stacks of a cdktf output directory, sorted by name.
 *
 * Fails closed: a stack the manifest lists but whose file is missing, unreadable, not
 * JSON, or outside the directory (after resolving symlinks) is an error, never skipped.
 *
 * @throws CheckInputError when the directory is missing or holds no stack, or a listed stack cannot be read
 */
export function readStacks(dir: string): StackFile[] {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CheckInputError(
      `${dir}: no such directory. Synthesize first (\`ai-platform synth <spec> --out ${dir}\` or \`cdktf synth\`), or pass the cdktf output directory (default cdktf.out).`,
    );
  }
  const realRoot = realpathSync(root);
  const found = new Map<string, string>();
  const manifestPath = join(root, "manifest.json");
  if (existsSync(manifestPath)) {
    const manifest = readJson(confined(root, realRoot, manifestPath, "manifest"), "manifest");
    if (!isObject(manifest) || !isObject(manifest["stacks"])) {
      throw new CheckInputError(`${manifestPath}: not a cdktf manifest (no "stacks" object); run the synth again`);
    }
    for (const [name, entry] of Object.entries(manifest["stacks"])) {
      if (!isObject(entry)) throw new CheckInputError(`${manifestPath}: stacks.${name} is not an object; run the synth again`);
      const synthesized = entry["synthesizedStackPath"];
      const working = entry["workingDirectory"];
      const path =
        typeof synthesized === "string"
          ? resolve(root, synthesized)
          : typeof working === "string"
            ? resolve(root, working, "cdk.tf.json")
            : join(root, "stacks", name, "cdk.tf.json");
      found.set(name, confined(root, realRoot, path, `stack file of "${name}"`));
    }
  } else {
    const stacksDir = join(root, "stacks");
    if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
      for (const name of readdirSync(stacksDir)) {
        const path = join(stacksDir, name, "cdk.tf.json");
        if (existsSync(path) || lstatExists(path)) found.set(name, confined(root, realRoot, path, `stack file of "${name}"`));
      }
    }
  }
  if (found.size === 0) {
    throw new CheckInputError(
      `${dir}: no synthesized stack found (neither manifest.json nor stacks/*/cdk.tf.json). Pass the cdktf output directory, e.g. \`ai-platform check cdktf.out\`, after \`ai-platform synth\`.`,
    );
  }
  return [...found.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([stack, path]) => {
      const config = readJson(path, "stack file");
      if (!isObject(config)) throw new CheckInputError(`${path}: not a Terraform JSON object`);
      return { stack, file: toPosix(relative(realRoot, path)), config };
    });
}

/** True when something (even a dangling symlink) exists at `path`. */
function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Which cloud a type or provider name belongs to. */
export function cloudOf(type: string): Resource["cloud"] {
  if (type === "aws" || type === "awscc" || type.startsWith("aws_") || type.startsWith("awscc_")) return "aws";
  if (type === "google" || type === "google-beta" || type.startsWith("google_")) return "gcp";
  if (type === "kubernetes" || type.startsWith("kubernetes_") || type === "helm" || type.startsWith("helm_")) return "kubernetes";
  return "other";
}

function constructPathOf(attributes: Json): string | undefined {
  const meta = attributes["//"];
  if (isObject(meta) && isObject(meta["metadata"])) {
    const path = meta["metadata"]["path"];
    return typeof path === "string" ? path : undefined;
  }
  return undefined;
}

/** Suppressions recorded in a block's `"//"` metadata: an array of `{ id | rule | ruleId, reason }` or an `{ <ruleId>: reason }` map. */
export function suppressionsOf(attributes: Json): SuppressionEntry[] {
  const meta = attributes["//"];
  if (!isObject(meta)) return [];
  const raw = meta[SUPPRESSIONS_KEY];
  const out: SuppressionEntry[] = [];
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (!isObject(item)) continue;
      const id = item["id"] ?? item["ruleId"] ?? item["rule"];
      const reason = item["reason"];
      out.push({ ruleId: typeof id === "string" ? id : String(id), reason: typeof reason === "string" ? reason : "" });
    }
  } else if (isObject(raw)) {
    for (const [id, reason] of Object.entries(raw)) out.push({ ruleId: id, reason: typeof reason === "string" ? reason : "" });
  }
  return out.sort((a, b) => compare(a.ruleId, b.ruleId));
}

const REFERENCE = /(?<![\w.-])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?/g;

/** Candidate addresses (and attributes) named in a string that holds a Terraform expression. */
function candidateReferences(value: string): { address: string; attribute: string }[] {
  if (!value.includes("${")) return [];
  const out: { address: string; attribute: string }[] = [];
  for (const m of value.matchAll(REFERENCE)) {
    const type = m[2] ?? "";
    const name = m[3] ?? "";
    out.push({ address: `${m[1] ?? ""}${type}.${name}`, attribute: m[4] ?? "" });
  }
  return out;
}

function collectReferences(value: unknown, path: string, known: ReadonlySet<string>, self: string, out: Reference[]): void {
  if (typeof value === "string") {
    for (const c of candidateReferences(value)) {
      if (known.has(c.address) && c.address !== self) out.push({ target: c.address, attribute: c.attribute, path });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, path, known, self, out));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "//") continue;
      collectReferences(v, path === "" ? k : `${path}.${k}`, known, self, out);
    }
  }
}

function literalString(value: unknown): string | undefined {
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

interface ProviderFacts {
  readonly region?: string;
  readonly residency?: string;
}

function providerFacts(type: string, attributes: Json): ProviderFacts {
  const region = literalString(attributes["region"]) ?? (type.startsWith("google") ? literalString(attributes["zone"]) : undefined);
  let residency: string | undefined;
  if (type === "aws") {
    for (const dt of blocks(attributes["default_tags"])) {
      const tags = dt["tags"];
      if (isObject(tags) && typeof tags["residency"] === "string") residency = tags["residency"];
    }
  } else {
    const labels = attributes["default_labels"];
    if (isObject(labels) && typeof labels["residency"] === "string") residency = labels["residency"];
  }
  return { ...(region === undefined ? {} : { region }), ...(residency === undefined ? {} : { residency }) };
}

/** Options of {@link buildIndex}. */
export interface IndexOptions {
  /** Jurisdiction given by the user; wins over the providers' `residency` tag/label. */
  readonly residency?: string;
}

/** Builds the {@link StackIndex} of one stack. */
export function buildIndex(stackFile: StackFile, options: IndexOptions = {}): StackIndex {
  const { stack, file, config } = stackFile;
  decodeJsonencoded([config]);
  const raw: { kind: Resource["kind"]; type: string; name: string; address: string; attributes: Json }[] = [];

  const providers = new Map<string, ProviderFacts>();
  const providerSection = config["provider"];
  if (isObject(providerSection)) {
    for (const [type, value] of Object.entries(providerSection)) {
      for (const attributes of blocks(value)) {
        const alias = typeof attributes["alias"] === "string" ? attributes["alias"] : undefined;
        const ref = alias === undefined ? type : `${type}.${alias}`;
        providers.set(ref, providerFacts(type, attributes));
        raw.push({ kind: "provider", type, name: alias ?? "default", address: `provider.${ref}`, attributes });
      }
    }
  }
  const terraform = config["terraform"];
  if (isObject(terraform)) {
    for (const backend of blocks(terraform["backend"])) {
      for (const [type, value] of Object.entries(backend)) {
        const attributes = blocks(value)[0] ?? {};
        raw.push({ kind: "backend", type: "backend", name: type, address: `terraform.backend.${type}`, attributes });
      }
    }
    // HCP Terraform / Terraform Enterprise (`cdktf` CloudBackend) keeps state outside the configuration too.
    for (const cloudBlock of blocks(terraform["cloud"])) {
      raw.push({ kind: "backend", type: "backend", name: "cloud", address: "terraform.cloud", attributes: cloudBlock });
    }
  }
  for (const section of ["resource", "data"] as const) {
    const byType = config[section];
    if (!isObject(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, value] of Object.entries(byName)) {
        const attributes = blocks(value)[0];
        if (attributes === undefined) continue;
        const address = section === "data" ? `data.${type}.${name}` : `${type}.${name}`;
        raw.push({ kind: section, type, name, address, attributes });
      }
    }
  }

  const resources: Resource[] = raw
    .map((r): Resource => {
      const cloud = r.kind === "backend" ? (r.name === "s3" ? "aws" : r.name === "gcs" ? "gcp" : "other") : cloudOf(r.type);
      const explicit = typeof r.attributes["provider"] === "string" ? r.attributes["provider"].replace(/^\$\{(.*)\}$/, "$1") : undefined;
      const provider =
        r.kind === "provider" ? (r.name === "default" ? r.type : `${r.type}.${r.name}`) : r.kind === "backend" ? undefined : (explicit ?? r.type.split("_")[0]);
      const own =
        literalString(r.attributes["region"]) ??
        (cloud === "gcp" ? (literalString(r.attributes["location"]) ?? literalString(r.attributes["zone"])) : undefined);
      const region = r.kind === "provider" ? providers.get(provider ?? "")?.region : (own ?? (provider === undefined ? undefined : providers.get(provider)?.region));
      const constructPath = constructPathOf(r.attributes);
      return {
        stack,
        kind: r.kind,
        type: r.type,
        name: r.name,
        address: r.address,
        ...(constructPath === undefined ? {} : { constructPath }),
        attributes: r.attributes,
        ...(provider === undefined ? {} : { provider }),
        ...(region === undefined ? {} : { region }),
        cloud,
        suppressions: suppressionsOf(r.attributes),
      };
    })
    .sort((a, b) => compare(a.address, b.address));

  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const byType = new Map<string, Resource[]>();
  for (const r of resources) {
    if (r.kind !== "resource" && r.kind !== "data") continue;
    const list = byType.get(r.type) ?? [];
    list.push(r);
    byType.set(r.type, list);
  }
  const byValue = new Map<string, Map<string, Resource[]>>();
  const ofType = (...types: string[]): Resource[] => {
    if (types.length === 1) return [...(byType.get(types[0] ?? "") ?? [])];
    return [...new Set(types)].flatMap((t) => byType.get(t) ?? []).sort((a, b) => compare(a.address, b.address));
  };
  const known = new Set(byAddress.keys());
  const from = new Map<string, Reference[]>();
  const to = new Map<string, { source: string; path: string }[]>();
  for (const r of resources) {
    const refs: Reference[] = [];
    collectReferences(r.attributes, "", known, r.address, refs);
    from.set(r.address, refs);
    for (const ref of refs) {
      const list = to.get(ref.target) ?? [];
      list.push({ source: r.address, path: ref.path });
      to.set(ref.target, list);
    }
  }

  let jurisdiction = options.residency;
  let jurisdictionSource: string | undefined = jurisdiction === undefined ? undefined : "--residency";
  if (jurisdiction === undefined) {
    const tagged = [...new Set([...providers.values()].map((p) => p.residency).filter((r): r is string => r !== undefined))].sort();
    if (tagged.length > 1) {
      throw new CheckInputError(
        `${file}: the providers' residency tags/labels disagree (${tagged.join(", ")}), so the stack's jurisdiction is unknown; pass --residency <jurisdiction> to check against your own requirement`,
      );
    }
    if (tagged.length === 1) {
      jurisdiction = tagged[0];
      jurisdictionSource = "the stack's own provider residency tag/label (not --residency)";
    }
  }

  const index: StackIndex = {
    stack,
    file,
    config,
    resources,
    ...(jurisdiction === undefined ? {} : { jurisdiction }),
    ...(jurisdictionSource === undefined ? {} : { jurisdictionSource }),
    get: (address) => byAddress.get(address),
    ofType,
    withAttribute: (type, attribute, value) => {
      const key = `${type}\u0000${attribute}`;
      let map = byValue.get(key);
      if (map === undefined) {
        map = new Map();
        for (const r of byType.get(type) ?? []) {
          const v = r.attributes[attribute];
          if (typeof v !== "string") continue;
          const list = map.get(v) ?? [];
          list.push(r);
          map.set(v, list);
        }
        byValue.set(key, map);
      }
      return [...(map.get(value) ?? [])];
    },
    referencesFrom: (resource) => from.get(resource.address) ?? [],
    referrers: (resource, types, path) => {
      const seen = new Set<string>();
      const out: Resource[] = [];
      for (const edge of to.get(resource.address) ?? []) {
        if (path !== undefined && edge.path !== path && !edge.path.startsWith(`${path}.`)) continue;
        const source = byAddress.get(edge.source);
        if (source === undefined || seen.has(source.address)) continue;
        if (types !== undefined && !types.includes(source.type)) continue;
        seen.add(source.address);
        out.push(source);
      }
      return out.sort((a, b) => compare(a.address, b.address));
    },
    resolve: (value) => index.resolveAll(value)[0],
    resolveAll: (value) => {
      const refs: Reference[] = [];
      collectReferences(value, "", known, "", refs);
      const out: Resource[] = [];
      for (const ref of refs) {
        const r = byAddress.get(ref.target);
        if (r !== undefined && !out.includes(r)) out.push(r);
      }
      return out;
    },
  };
  return index;
}

/** Tags or labels of a resource, merged with its AWS provider's default tags. */
export function effectiveTags(resource: Resource, index: StackIndex): Record<string, string> {
  const own = tagsOf(resource.attributes);
  const provider = resource.provider === undefined ? undefined : index.get(`provider.${resource.provider}`);
  const defaults: Record<string, string> = {};
  if (provider !== undefined) {
    for (const dt of blocks(provider.attributes["default_tags"])) {
      const tags = dt["tags"];
      if (isObject(tags)) for (const [k, v] of Object.entries(tags)) if (typeof v === "string") defaults[k] = v;
    }
    const labels = provider.attributes["default_labels"];
    if (isObject(labels)) for (const [k, v] of Object.entries(labels)) if (typeof v === "string") defaults[k] = v;
  }
  return { ...defaults, ...own };
}
