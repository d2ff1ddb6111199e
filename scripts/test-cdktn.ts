/**
 * The library on CDK Terrain (`cdktn` on npm), the maintained fork of cdktf, without
 * changing a line of it: a temporary copy of this checkout gets `cdktf` aliased to
 * `npm:cdktn` (and a constructs version cdktn accepts), runs the type-check and every
 * test, and synthesizes each example spec, which must give the same Terraform
 * configuration as cdktf does here.
 *
 *   npm run test:cdktn            (CDKTN_VERSION, CDKTN_CONSTRUCTS override the versions)
 *
 * "The same" means equal JSON once cdktf's own metadata comment (`"//".metadata.version`,
 * the engine's version) is set aside; the engines also print empty arrays differently
 * (`[]` against `[\n]`), which JSON does not see.
 */
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
/** cdktn's release and the newest constructs its peer range (>=10.6.0 <10.8.0) allows, checked with `npm view` on 2026-12-04. */
const CDKTN = process.env.CDKTN_VERSION ?? "0.24.0";
const CONSTRUCTS = process.env.CDKTN_CONSTRUCTS ?? "10.7.2";

type Json = Record<string, any>;

function run(cmd: string, args: readonly string[], options: ExecFileSyncOptions = {}): string {
  process.stderr.write(`$ ${cmd} ${args.join(" ")}\n`);
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...options }) as string;
}

/** Every stack's configuration, with the engine's version taken out of cdktf's metadata comment. */
function configurations(out: string): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const stack of readdirSync(join(out, "stacks")).sort()) {
    const json = JSON.parse(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8")) as Json;
    if (json["//"]?.metadata) delete json["//"].metadata.version;
    result[stack] = json;
  }
  return result;
}

function synth(cwd: string, spec: string, out: string): void {
  run(process.execPath, [join(cwd, "node_modules", "tsx", "dist", "cli.mjs"), join(cwd, "lib", "cli", "main.ts"), "synth", spec, "--out", out], { cwd });
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "aip-cdktn-"));
  const copy = join(work, "checkout");
  try {
    // The checkout as it is (tracked files, with uncommitted changes), without node_modules or outputs.
    const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT }).split("\0").filter(Boolean);
    for (const file of files) cpSync(join(ROOT, file), join(copy, file), { recursive: true });
    // Only cdktf and constructs change; everything else stays as the lockfile pins it. The
    // providers' peer range names cdktf ^0.21, and the alias installs cdktn under that name.
    run("npm", ["install", "--save-dev", "--save-exact", "--prefer-offline", "--legacy-peer-deps", "--no-audit", "--no-fund", `cdktf@npm:cdktn@${CDKTN}`, `constructs@${CONSTRUCTS}`], {
      cwd: copy,
      stdio: ["ignore", "inherit", "inherit"],
    });
    const engine = JSON.parse(readFileSync(join(copy, "node_modules", "cdktf", "package.json"), "utf8")) as Json;
    if (engine.name !== "cdktn") throw new Error(`node_modules/cdktf is ${String(engine.name)}, not cdktn`);
    process.stderr.write(`engine: ${engine.name as string} ${engine.version as string}\n`);

    run("npm", ["test"], { cwd: copy, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });

    const specs = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml")).sort();
    const differences: string[] = [];
    for (const spec of specs) {
      const a = join(work, `cdktf-${spec}`);
      const b = join(work, `cdktn-${spec}`);
      synth(ROOT, join(ROOT, "examples", spec), a);
      synth(copy, join(copy, "examples", spec), b);
      const [left, right] = [configurations(a), configurations(b)];
      if (!isDeepStrictEqual(Object.keys(left), Object.keys(right))) differences.push(`${spec}: stacks ${Object.keys(left).join(",")} vs ${Object.keys(right).join(",")}`);
      for (const stack of Object.keys(left)) if (!isDeepStrictEqual(left[stack], right[stack])) differences.push(`${spec}: ${stack}`);
    }
    if (differences.length > 0) throw new Error(`cdktn synthesizes a different configuration:\n  ${differences.join("\n  ")}`);
    process.stderr.write(`cdktn ${CDKTN}: type-check and tests pass; ${specs.length} example specs synthesize the same configuration as cdktf\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
