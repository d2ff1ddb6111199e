/**
 * Synthesis for the command and the cdktf app: validate the spec, build every stack,
 * write Terraform JSON. An invalid spec writes nothing; `ai-platform synth` writes into a
 * temporary directory and moves it into place only when synthesis succeeded.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { App } from "cdktf";
import { loadSpecFile } from "../spec/load";
import { formatProblems, formatWarnings } from "../spec/problems";
import type { PlatformSpec } from "../spec/schema";
import { addPlatformStacks } from "../../stacks/platform";
import { EXIT } from "./exit";
import { synthInOnePass } from "./one-pass";
import { withCheapTokenTraces } from "./stack-traces";

export { EXIT };

/** What synthesis produced. */
export interface SynthResult {
  readonly outdir: string;
  readonly stacks: readonly { readonly name: string; readonly resources: number }[];
}

/** Raised when the synthesized configuration breaks a rule of the spec (e.g. residency). */
export class SynthValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SynthValidationError";
  }
}

/** Synthesizes every stack of a validated spec into `outdir`. */
export function synthesizeSpec(spec: PlatformSpec, outdir: string): SynthResult {
  return withCheapTokenTraces(() => synthesizeInto(spec, outdir));
}

function synthesizeInto(spec: PlatformSpec, outdir: string): SynthResult {
  const app = new App({ outdir, stackTraces: false });
  const stacks = addPlatformStacks(app, spec).flatMap((t) => [t.cloud, t.k8s]);
  try {
    synthInOnePass(app);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith("Validation failed")) throw new SynthValidationError(message);
    throw err;
  }
  return {
    outdir,
    stacks: stacks.map((s) => ({ name: s.node.id, resources: countResources(join(outdir, "stacks", s.node.id, "cdk.tf.json")) })),
  };
}

function countResources(file: string): number {
  const json = JSON.parse(readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/** Options of `synthesizeSpecFile`. */
export interface SynthFileOptions {
  /** @default "cdktf.out" */
  readonly outdir?: string;
  /** Write straight into outdir (the cdktf CLI's own protocol) instead of a temporary directory. @default false */
  readonly inPlace?: boolean;
  readonly stdout?: (line: string) => void;
  readonly stderr?: (line: string) => void;
}

/** Loads, validates and synthesizes a spec file. Returns the exit code; never throws for a user mistake. */
export function synthesizeSpecFile(specPath: string, options: SynthFileOptions = {}): number {
  const out = options.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = options.stderr ?? ((l: string) => process.stderr.write(`${l}\n`));
  const loaded = loadSpecFile(specPath);
  if (!loaded.ok) {
    err(formatProblems(loaded.problems, loaded.source));
    err("nothing was written");
    return EXIT.invalid;
  }
  for (const line of formatWarnings(loaded.warnings, loaded.source)) err(line);
  const outdir = resolve(options.outdir || "cdktf.out");
  const workdir = options.inPlace ? outdir : stagingDir(outdir);
  let result: SynthResult;
  try {
    result = synthesizeSpec(loaded.spec, workdir);
  } catch (e) {
    if (!options.inPlace) rmSync(workdir, { recursive: true, force: true });
    if (e instanceof SynthValidationError) {
      err(`${specPath}: synthesis refused`);
      err(e.message);
      if (!options.inPlace) err("nothing was written");
      return EXIT.invalid;
    }
    throw e;
  }
  if (!options.inPlace) replaceDir(workdir, outdir);
  out(`synthesized ${result.stacks.length} stacks into ${displayPath(outdir)}`);
  for (const s of result.stacks) out(`  ${s.name}: ${s.resources} resources`);
  return EXIT.ok;
}

function stagingDir(outdir: string): string {
  const parent = dirname(outdir);
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `.${basename(outdir)}.staging-`));
}

/** Moves the staged output into place; the old output is removed only once the new one is there. */
function replaceDir(staged: string, outdir: string): void {
  let old: string | undefined;
  if (existsSync(outdir)) {
    old = `${outdir}.old-${process.pid}`;
    renameSync(outdir, old);
  }
  renameSync(staged, outdir);
  if (old) rmSync(old, { recursive: true, force: true });
}

function displayPath(p: string): string {
  const rel = p.startsWith(process.cwd() + "/") ? p.slice(process.cwd().length + 1) : p;
  return rel || ".";
}
