/**
 * Benchmarks `ai-platform synth`: wall time and peak memory against a bare cdktf app with
 * the same number of (empty) stacks, run alternately in one process tree so the ratio is
 * measured under the same conditions; `ai-platform check` on the result; then the scaling
 * curve over teams and GPU pools.
 *
 * Both sides run as compiled JavaScript (`npm run build` first), as the installed
 * `ai-platform` command does.
 *
 *   npm run bench                 # 5 rounds
 *   BENCH_ROUNDS=9 npm run bench
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { readSpecFile } from "../lib/spec/load";
import type { PlatformSpecInput } from "../lib/spec/schema";

const ROOT = resolve(__dirname, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EXAMPLE = join(ROOT, "examples/acme-ml-eu.yaml");
const CLI = "dist/lib/cli/main.js";
const BARE = "dist/bench/bare-app.js";
const work = mkdtempSync(join(tmpdir(), "ai-platform-bench-"));

interface Sample {
  readonly ms: number;
  readonly rssMiB: number;
}

/** Runs a compiled entry point in a fresh node process; returns wall time and peak RSS. */
function measure(script: string, args: readonly string[]): Sample {
  const rssFile = join(work, "rss");
  const started = process.hrtime.bigint();
  const p = spawnSync(process.execPath, ["--require", join(ROOT, "bench/rss.cjs"), join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (p.status !== 0) throw new Error(`${script} ${args.join(" ")} exited ${p.status}:\n${p.stderr}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, "utf8")) / 2 ** 20 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function synthSpec(specPath: string): Sample {
  const out = join(work, "out");
  const s = measure(CLI, ["synth", specPath, "--out", out]);
  rmSync(out, { recursive: true, force: true });
  return s;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** A spec like the example, with `teams` teams and `pools` GPU pools. */
function scaledSpec(teams: number, pools: number): string {
  const base = readSpecFile(EXAMPLE);
  const spec: PlatformSpecInput = {
    name: "bench",
    residency: base.residency,
    targets: base.targets,
    network: { cidr: base.network.cidr },
    gpuPools: Array.from({ length: pools }, (_, i) => ({ name: `pool-${i + 1}`, accelerator: "nvidia-l4" as const, gpusPerNode: 1, maxNodes: 4, spot: i % 2 === 0 })),
    dataLake: { zones: base.dataLake.zones },
    teams: Array.from({ length: teams }, (_, i) => ({
      name: `team-${i + 1}`,
      gpuQuota: 4,
      data: { [base.dataLake.zones[0]!]: "read" as const, [base.dataLake.zones[1]!]: "write" as const },
      models: i % 2 ? ("consume" as const) : ("publish" as const),
      members: { admins: { aws: [`arn:aws:iam::111122223333:role/team-${i + 1}-lead`], gcp: [`group:team-${i + 1}@acme.example`] } },
    })),
  };
  const file = join(work, `spec-${teams}-${pools}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

function main(): void {
  const build = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  const stacks = readSpecFile(EXAMPLE).targets.length * 2;
  const bareOut = join(work, "bare");
  // Warm-up: fills the file system cache for both.
  measure(BARE, [bareOut, String(stacks)]);
  synthSpec(EXAMPLE);

  const bare: Sample[] = [];
  const ours: Sample[] = [];
  const checks: Sample[] = [];
  const checked = join(work, "checked");
  measure(CLI, ["synth", EXAMPLE, "--out", checked]);
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(measure(BARE, [bareOut, String(stacks)]));
    ours.push(synthSpec(EXAMPLE));
    checks.push(measure(CLI, ["check", checked, "--format", "md", "--output", join(work, "review.md")]));
  }
  const bareMs = median(bare.map((s) => s.ms));
  const oursMs = median(ours.map((s) => s.ms));
  const bareRss = Math.max(...bare.map((s) => s.rssMiB));
  const oursRss = Math.max(...ours.map((s) => s.rssMiB));
  console.log(`\nDefault example (${stacks} stacks), median of ${ROUNDS} alternating runs:\n`);
  console.log(
    table(
      ["run", "wall ms", "peak RSS MiB"],
      [
        [`bare cdktf app, ${stacks} empty stacks`, bareMs.toFixed(0), bareRss.toFixed(0)],
        ["ai-platform synth (default example)", oursMs.toFixed(0), oursRss.toFixed(0)],
        ["ratio", (oursMs / bareMs).toFixed(2), (oursRss / bareRss).toFixed(2)],
        ["ai-platform check --format md (same output)", median(checks.map((c) => c.ms)).toFixed(0), Math.max(...checks.map((c) => c.rssMiB)).toFixed(0)],
        ["check / synth", (median(checks.map((c) => c.ms)) / oursMs).toFixed(2), ""],
      ],
    ),
  );

  const rows: string[][] = [];
  for (const pools of [1, 5, 20]) {
    for (const teams of [1, 10, 100]) {
      const file = scaledSpec(teams, pools);
      const samples = Array.from({ length: Math.max(1, Math.ceil(ROUNDS / 2)) }, () => synthSpec(file));
      const ms = median(samples.map((s) => s.ms));
      rows.push([String(teams), String(pools), ms.toFixed(0), (ms / bareMs).toFixed(2), Math.max(...samples.map((s) => s.rssMiB)).toFixed(0)]);
    }
  }
  console.log(`\nScaling (both targets, ${stacks} stacks; ratio against the bare app above):\n`);
  console.log(table(["teams", "GPU pools", "wall ms", "x bare", "peak RSS MiB"], rows));
  rmSync(work, { recursive: true, force: true });
}

main();
