/**
 * Benchmarks the installed `ai-platform` command (the bundle `npm run build` makes)
 * against the floor, a bare cdktf app with the same four (empty) stacks, in one table:
 * the default example, the same example on AWS only, and 1, 10, 100 and 300 teams with 20
 * GPU pools; then `ai-platform check` on each output.
 *
 * Every round runs each case right after a run of the floor (and its check right after
 * it), so each ratio is taken from a pair measured under the same load; the table shows
 * medians over the rounds (wall time, and the ratios of the pairs) and the peak RSS.
 *
 *   npm run bench                 # 5 rounds
 *   BENCH_ROUNDS=9 npm run bench
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { bundle } from "../scripts/bundle";
import { readSpecFile } from "../lib/spec/load";
import type { PlatformSpecInput } from "../lib/spec/schema";
import { awsOnlySpec, scaledSpec } from "./specs";

const ROOT = resolve(__dirname, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EXAMPLE = join(ROOT, "examples/acme-ml-eu.yaml");
const BIN = "dist/bin/ai-platform.js";
const MODULES = "dist/lib/cli/main.js";
const BARE = "dist/bench/bare-app.js";
const work = mkdtempSync(join(tmpdir(), "ai-platform-bench-"));

interface Sample {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  readonly stdout: string;
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
  const usage = JSON.parse(readFileSync(rssFile, "utf8")) as { rss: number; cpuMs: number };
  return { ms, cpuMs: usage.cpuMs, rssMiB: usage.rss / 2 ** 20, stdout: p.stdout };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

function writeSpec(name: string, spec: PlatformSpecInput): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

interface Case {
  readonly name: string;
  readonly script: string;
  readonly spec: string;
}

function resources(stdout: string): number {
  return [...stdout.matchAll(/: (\d+) resources/g)].reduce((n, m) => n + Number(m[1]), 0);
}

function main(): void {
  const build = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  bundle();
  const stacks = readSpecFile(EXAMPLE).targets.length * 2;
  const bareOut = join(work, "bare");
  const cases: Case[] = [
    { name: "default example", script: BIN, spec: EXAMPLE },
    { name: "default example, unbundled modules", script: MODULES, spec: EXAMPLE },
    { name: "default example, AWS only", script: BIN, spec: writeSpec("aws-only", awsOnlySpec(EXAMPLE)) },
    ...[1, 10, 100, 300].map((teams) => ({ name: `${teams} teams x 20 GPU pools`, script: BIN, spec: writeSpec(`teams-${teams}`, scaledSpec(EXAMPLE, teams, 20)) })),
  ];

  // Warm-up: fills the file system cache.
  measure(BARE, [bareOut, String(stacks)]);
  measure(BIN, ["synth", EXAMPLE, "--out", join(work, "warm")]);

  const floor: Sample[] = [];
  const results = cases.map(() => ({ synth: [] as Sample[], ratio: [] as number[], cpuRatio: [] as number[], check: [] as Sample[], checkRatio: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    cases.forEach((c, i) => {
      const out = join(work, `out-${i}`);
      const bare = measure(BARE, [bareOut, String(stacks)]);
      const synth = measure(c.script, ["synth", c.spec, "--out", out]);
      const check = measure(BIN, ["check", out, "--format", "md", "--output", join(work, `review-${i}.md`)]);
      floor.push(bare);
      const r = results[i]!;
      r.synth.push(synth);
      r.ratio.push(synth.ms / bare.ms);
      r.cpuRatio.push(synth.cpuMs / bare.cpuMs);
      r.check.push(check);
      r.checkRatio.push(check.ms / synth.ms);
      rmSync(out, { recursive: true, force: true });
    });
  }

  const ms = (samples: readonly Sample[]) => median(samples.map((s) => s.ms)).toFixed(0);
  const rss = (samples: readonly Sample[]) => Math.max(...samples.map((s) => s.rssMiB)).toFixed(0);
  const rows = [
    [`floor: bare cdktf app, ${stacks} empty stacks`, "0", ms(floor), "1.00", "1.00", rss(floor), "", "", ""],
    ...cases.map((c, i) => {
      const r = results[i]!;
      return [
        c.name,
        String(resources(r.synth[0]!.stdout)),
        ms(r.synth),
        median(r.ratio).toFixed(2),
        median(r.cpuRatio).toFixed(2),
        rss(r.synth),
        ms(r.check),
        median(r.checkRatio).toFixed(2),
        rss(r.check),
      ];
    }),
  ];
  console.log(`\nai-platform synth and check, ${ROUNDS} rounds; medians of wall time and of paired ratios (wall, and CPU time), peak RSS:\n`);
  console.log(table(["run", "resources", "synth ms", "x floor", "x floor CPU", "synth MiB", "check ms", "check/synth", "check MiB"], rows));
  rmSync(work, { recursive: true, force: true });
}

main();
