/**
 * `ai-platform cost <spec> [--format table|json]`: the worst-case GPU spend of a spec's
 * pools on each target, per pool and per team quota, with the price source beside it.
 * Exit 0 with the report (budget overruns are warnings); exit 2 on an invalid spec.
 */
import { estimateSpend, formatSpendTable } from "../catalog/cost";
import { loadSpecFile } from "../spec/load";
import { formatProblems } from "../spec/problems";
import { EXIT } from "./exit";

/** Report formats of `cost`. */
export const COST_FORMATS = ["table", "json"] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

/** Runs `cost` and returns the exit code. */
export function runCost(specPath: string, format: CostFormat, io: { stdout: (s: string) => void; stderr: (s: string) => void }): number {
  const loaded = loadSpecFile(specPath);
  if (!loaded.ok) {
    io.stderr(formatProblems(loaded.problems, loaded.source));
    return EXIT.invalid;
  }
  const estimate = estimateSpend(loaded.spec);
  io.stdout(format === "json" ? JSON.stringify(estimate, null, 2) : formatSpendTable(estimate));
  return EXIT.ok;
}
