/**
 * Synthesis for the command and the cdktf app: validate the spec, build every stack,
 * write Terraform JSON. An invalid spec writes nothing; `ai-platform synth` writes a new
 * output beside the output path and publishes it atomically only when synthesis
 * succeeded (see `output.ts`).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { loadSpecFile } from "../spec/load";
import { formatProblems, formatWarnings } from "../spec/problems";
import type { PlatformSpec } from "../spec/schema";
import { addGuardrailsStack } from "../../stacks/guardrails";
import { addPlatformStacks } from "../../stacks/platform";
import { CliError, describeIoError, errnoCode } from "./errors";
import { EXIT } from "./exit";
import { synthInOnePass } from "./one-pass";
import { createGeneration, discardGeneration, displayPath, publishGeneration, resolveOutput, type OutputTarget } from "./output";
import { withPlainValuesCopied } from "./plain-values";
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
  return withCheapTokenTraces(() => withPlainValuesCopied(() => synthesizeInto(spec, outdir)).result);
}

function synthesizeInto(spec: PlatformSpec, outdir: string): SynthResult {
  const app = new App({ outdir, stackTraces: false });
  const guardrails = addGuardrailsStack(app, spec);
  const stacks = [...(guardrails === undefined ? [] : [guardrails]), ...addPlatformStacks(app, spec).flatMap((t) => [t.cloud, t.k8s])];
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
  const requested = options.outdir || "cdktf.out";
  let target: OutputTarget | undefined;
  let workdir: string;
  try {
    if (options.inPlace) {
      workdir = resolve(requested);
    } else {
      target = resolveOutput(requested);
      workdir = createGeneration(target);
    }
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err(e.message);
    err("nothing was written");
    return EXIT.invalid;
  }
  let result: SynthResult;
  try {
    result = synthesizeSpec(loaded.spec, workdir);
    if (target) publishGeneration(target, workdir);
  } catch (e) {
    if (target) discardGeneration(workdir);
    if (e instanceof SynthValidationError) {
      err(`${specPath}: synthesis refused`);
      err(e.message);
      if (target) err("nothing was written");
      return EXIT.invalid;
    }
    if (e instanceof CliError || errnoCode(e) !== undefined) {
      err(e instanceof CliError ? e.message : describeIoError(e, "write the output into", workdir));
      if (target) err(`nothing was written; ${displayPath(resolve(requested))} is unchanged`);
      return EXIT.invalid;
    }
    throw e;
  }
  out(`synthesized ${result.stacks.length} stacks into ${displayPath(resolve(requested))}`);
  for (const s of result.stacks) out(`  ${s.name}: ${s.resources} resources`);
  return EXIT.ok;
}
