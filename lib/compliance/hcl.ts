/**
 * Values written with cdktf's `Fn.jsonencode(...)` reach the JSON as one Terraform
 * expression, `"${jsonencode({"Version" = "2012-10-17", "Statement" = [...]})}"`. The
 * review decodes them with HashiCorp's own HCL parser (`@cdktf/hcl2json`, the parser the
 * cdktf toolchain uses) into the object they encode: literals become JSON values,
 * anything else (`aws_s3_bucket.b.arn`, `var.x`, a conditional) stays an opaque
 * `"${…}"` string, exactly as Terraform JSON writes a reference.
 *
 * `${jsonencode(local.x)}` takes the literal object of `locals.x` when there is one.
 *
 * The parser is WebAssembly behind an async API; the review is synchronous, so every
 * encoded value of a run is parsed in one batch by a short-lived node process, started
 * only when a `${jsonencode(` value is present (this library's own output has none).
 * The parser ships with cdktf-cli, which every cdktf project has; without it such values
 * are an input error (exit 2) naming what to install, never a silent pass.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { blocks, isObject } from "./json";
import type { Json } from "./model";

/** The HCL parser is not installed (it ships with cdktf-cli). */
export class HclParserMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HclParserMissingError";
  }
}

const PREFIX = "${jsonencode(";
const SUFFIX = ")}";

/** The child: reads expressions (JSON array) on stdin, writes their decoded values (or null) on stdout. */
const CHILD = `
const { parse } = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const exprs = JSON.parse(input);
  const out = exprs.map(() => null);
  try {
    const r = await parse("encoded.tf", exprs.map((e, i) => "v" + i + " = " + e + "\\n").join(""));
    exprs.forEach((_, i) => { out[i] = r["v" + i] === undefined ? null : r["v" + i]; });
  } catch {
    for (let i = 0; i < exprs.length; i++) {
      try { const r = await parse("encoded.tf", "v = " + exprs[i] + "\\n"); out[i] = r.v === undefined ? null : r.v; } catch { out[i] = null; }
    }
  }
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
});
`;

/** True when a string is one whole `${jsonencode(…)}` expression. */
export function isJsonencoded(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(PREFIX) && value.endsWith(SUFFIX);
}

interface Site {
  readonly holder: Json | unknown[];
  readonly key: string | number;
  readonly expression: string;
}

function collect(value: unknown, holder: Json | unknown[], key: string | number, out: Site[]): void {
  if (isJsonencoded(value)) {
    out.push({ holder, key, expression: value.slice(PREFIX.length, -SUFFIX.length) });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, value, i, out));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) if (k !== "//") collect(v, value, k, out);
  }
}

/** Parses HCL expressions with hcl2json; `null` for one that does not parse. */
export function parseExpressions(expressions: readonly string[]): unknown[] {
  if (expressions.length === 0) return [];
  let parser: string;
  try {
    parser = createRequire(__filename).resolve("@cdktf/hcl2json");
  } catch {
    throw new HclParserMissingError(
      "the configuration holds ${jsonencode(...)} values and reading them needs HashiCorp's HCL parser, @cdktf/hcl2json, which is not installed; it comes with cdktf-cli (npm install --save-dev cdktf-cli, or npm install --save-dev @cdktf/hcl2json@0.21.0)",
    );
  }
  const result = spawnSync(process.execPath, ["-e", CHILD, parser], {
    input: JSON.stringify(expressions),
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.status !== 0 || typeof result.stdout !== "string") {
    throw new Error(`the HCL parser failed (${result.error?.message ?? result.stderr?.slice(0, 500) ?? `exit ${String(result.status)}`})`);
  }
  const parsed = JSON.parse(result.stdout) as unknown;
  return Array.isArray(parsed) ? parsed : expressions.map(() => null);
}

/**
 * Replaces, in place, every `${jsonencode(…)}` value of the configurations with the value
 * it encodes (one parser run for all of them). Values that do not parse stay as they are,
 * so a rule sees them as unreadable.
 */
export function decodeJsonencoded(configs: readonly Json[]): void {
  const sites: { site: Site; config: Json }[] = [];
  for (const config of configs) {
    const found: Site[] = [];
    for (const section of ["resource", "data", "provider", "locals", "output"]) {
      const value = config[section];
      if (value !== undefined) collect(value, config, section, found);
    }
    for (const site of found) sites.push({ site, config });
  }
  if (sites.length === 0) return;
  const values = parseExpressions(sites.map((s) => s.site.expression));
  sites.forEach(({ site, config }, i) => {
    let value = values[i];
    if (value === null || value === undefined) return;
    const local = typeof value === "string" ? /^\$\{local\.([A-Za-z_][\w-]*)\}$/.exec(value)?.[1] : undefined;
    if (local !== undefined) {
      const locals = Object.assign({}, ...blocks(config["locals"])) as Json;
      if (!isObject(locals[local]) && !Array.isArray(locals[local])) return;
      value = locals[local];
    }
    if (typeof value === "string" && value.startsWith("${")) return;
    (site.holder as Record<string | number, unknown>)[site.key] = value;
  });
}
