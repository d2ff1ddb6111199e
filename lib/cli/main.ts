#!/usr/bin/env node
/**
 * The `ai-platform` command.
 *
 *   ai-platform validate <spec>              exit 0 valid, 2 invalid (every problem listed)
 *   ai-platform synth <spec> [--out DIR]     exit 0 written, 2 invalid (nothing written)
 *   ai-platform check [DIR] [--format F] [--output FILE] [--fail-on SEVERITY]
 *                                            compliance review; exit 1 on an unsuppressed failure at or above --fail-on
 *   ai-platform cost <spec> [--format F]     worst-case GPU spend per pool and team (table or json)
 *   ai-platform schema [--out FILE]          print or write the spec's JSON Schema
 *   ai-platform init [DIR]                   scaffold a platform repository (see init.ts)
 *   ai-platform stacks <spec> [--layer L]    the spec's stacks as JSON, for CI matrices
 */
import { writeFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import type * as Compliance from "../compliance";
import { FORMATS, SEVERITIES, type Format, type Severity } from "../compliance/model";
import { specJsonSchemaText } from "../spec/json-schema";
import { loadSpecFile } from "../spec/load";
import { formatProblems, formatWarnings } from "../spec/problems";
import { CliError, describeIoError, errnoCode, io } from "./errors";
import { budgetWarnings } from "../catalog/cost";
import { COST_FORMATS, runCost, type CostFormat } from "./cost";
import { EXIT } from "./exit";
import { addInitCommands } from "./init";
import type * as Synth from "./synth";

// Each command loads only what it needs: `validate` and `check` never load the
// provider classes that synthesis needs (most of the command's start-up time).
const loadSynth = (): typeof Synth => require("./synth") as typeof Synth;
const loadCompliance = (): typeof Compliance => require("../compliance") as typeof Compliance;

/** Builds the command; `run` parses argv and returns the exit code. */
export function createProgram(out: { stdout: (s: string) => void; stderr: (s: string) => void }): Command {
  const program = new Command("ai-platform")
    .description("Build a private, GPU-ready AI platform on AWS (EKS) or GCP (GKE) from one cloud-neutral spec.")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => out.stdout(s.replace(/\n$/, "")), writeErr: (s) => out.stderr(s.replace(/\n$/, "")) })
    .exitOverride();
  let exitCode: number = EXIT.ok;
  program.hook("postAction", () => {
    program.setOptionValue("__exitCode", exitCode);
  });

  program
    .command("validate")
    .description("Check a spec (YAML or JSON). Exit 0 if valid; exit 2 listing every problem with its path.")
    .argument("<spec>", "path to the spec file (.yaml, .yml or .json)")
    .action((specPath: string) => {
      const loaded = loadSpecFile(specPath);
      if (!loaded.ok) {
        out.stderr(formatProblems(loaded.problems, loaded.source));
        exitCode = EXIT.invalid;
        return;
      }
      for (const line of formatWarnings(loaded.warnings, loaded.source)) out.stderr(line);
      const s = loaded.spec;
      const targets = s.targets.map((t) => `${t.cloud} ${t.region}`).join(", ");
      out.stdout(
        `${specPath}: valid: ${s.name} in ${s.residency} on ${targets}; ${s.gpuPools.length} GPU pools, ${s.teams.length} teams, ${s.dataLake.zones.length} data-lake zones`,
      );
      for (const w of budgetWarnings(s)) out.stderr(`warning: ${w}`);
      exitCode = EXIT.ok;
    });

  program
    .command("synth")
    .description("Synthesize every stack of a spec as Terraform JSON. An invalid spec exits 2 and writes nothing.")
    .argument("<spec>", "path to the spec file (.yaml, .yml or .json)")
    .option("-o, --out <dir>", "output directory", "cdktf.out")
    .action((specPath: string, opts: { out: string }) => {
      exitCode = loadSynth().synthesizeSpecFile(specPath, { outdir: opts.out, stdout: out.stdout, stderr: out.stderr });
    });

  program
    .command("check")
    .description(
      "Review synthesized Terraform JSON (any cdktf output) against the compliance rules. Exit 1 on an unsuppressed failure at or above --fail-on; exit 2 on bad input.",
    )
    .argument("[dir]", "the cdktf output directory", "cdktf.out")
    .addOption(new Option("-f, --format <format>", "report format").choices([...FORMATS]).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails the check").choices([...SEVERITIES]).default("high"))
    .option("--residency <jurisdiction>", "jurisdiction for the residency rule (default: the stacks' residency tag or label)")
    .option("--packs <packs>", "comma-separated rule packs to run (default: all)")
    .action((dir: string, opts: { format: Format; output?: string; failOn: Severity; residency?: string; packs?: string }) => {
      const { runCheck, CheckInputError } = loadCompliance();
      try {
        const result = runCheck({
          dir,
          format: opts.format,
          failOn: opts.failOn,
          ...(opts.residency ? { residency: opts.residency } : {}),
          ...(opts.packs ? { packs: opts.packs.split(",").map((p) => p.trim()) } : {}),
        });
        if (opts.output) {
          const file = opts.output;
          io("write the report to", file, () => writeFileSync(file, result.report));
          const failed = result.findings.filter((f) => f.status === "fail").length;
          out.stdout(`${opts.output}: ${opts.format} report written (${failed} unsuppressed failures)`);
        } else {
          out.stdout(result.report.replace(/\n$/, ""));
        }
        exitCode = result.exitCode;
      } catch (e) {
        if (!(e instanceof CheckInputError)) throw e;
        out.stderr(e.message);
        exitCode = EXIT.invalid;
      }
    });

  program
    .command("cost")
    .description("Worst-case hourly and monthly GPU spend of a spec (every pool at maxNodes), per pool and per team quota, with the price source.")
    .argument("<spec>", "path to the spec file (.yaml, .yml or .json)")
    .addOption(new Option("-f, --format <format>", "report format").choices([...COST_FORMATS]).default("table"))
    .action((specPath: string, opts: { format: CostFormat }) => {
      exitCode = runCost(specPath, opts.format, out);
    });

  program
    .command("schema")
    .description("Print the spec's JSON Schema (for editor completion), or write it to a file.")
    .option("-o, --out <file>", "write to this file instead of standard output")
    .action((opts: { out?: string }) => {
      const text = specJsonSchemaText();
      const file = opts.out;
      if (file) io("write the schema to", file, () => writeFileSync(file, text));
      else out.stdout(text.replace(/\n$/, ""));
      exitCode = EXIT.ok;
    });

  addInitCommands(program, out, (code) => {
    exitCode = code;
  });

  return program;
}

/** Runs the command with the given arguments (without `node` and the script). */
export function run(args: readonly string[], io = { stdout: (s: string) => console.log(s), stderr: (s: string) => console.error(s) }): number {
  const program = createProgram(io);
  try {
    program.parse(args as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes exit 2.
      return e.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    // A file the command could not read or write: the path, what happened, what to do; exit 2.
    if (e instanceof CliError) {
      io.stderr(e.message);
      return EXIT.invalid;
    }
    if (errnoCode(e) !== undefined) {
      const path = (e as { path?: unknown }).path;
      io.stderr(describeIoError(e, "use", typeof path === "string" ? path : "(a file)"));
      return EXIT.invalid;
    }
    throw e;
  }
  return (program.getOptionValue("__exitCode") as number | undefined) ?? EXIT.ok;
}

/**
 * The process entry: a reader that closes the pipe early (`ai-platform check | head`) ends
 * the command quietly with its own exit code; an unexpected error is reported in one line
 * (the stack trace only with AI_PLATFORM_DEBUG=1) and exits 2, never 1, which means only
 * "the check found failures".
 */
export function main(argv: readonly string[]): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: unknown) => {
      if (errnoCode(e) === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
      process.exit(EXIT.invalid);
    });
  }
  try {
    process.exitCode = run(argv);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`ai-platform: internal error: ${message.split("\n")[0]}\n`);
    if (process.env.AI_PLATFORM_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ""}\n`);
    else process.stderr.write("(a bug in ai-platform; run with AI_PLATFORM_DEBUG=1 to see where)\n");
    process.exitCode = EXIT.invalid;
  }
}

if (require.main === module) {
  main(process.argv.slice(2));
}
