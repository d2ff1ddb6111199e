/** The machine-readable report: rules, findings, suppressions, inventory and access matrix per stack. */
import { packsOf } from "../packs";
import { type ReportData, TOOL } from "./data";

/** Renders the review as pretty-printed, deterministic JSON. */
export function renderJson(data: ReportData): string {
  const { review } = data;
  const out = {
    tool: { name: TOOL.name, version: TOOL.version },
    failOn: data.failOn,
    exitCode: data.exitCode,
    summary: data.summary,
    rules: review.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      rationale: r.rationale,
      fix: r.fix,
      appliesTo: r.appliesTo,
      packs: packsOf(r.id),
      references: r.references,
      exposure: r.exposure === true,
    })),
    stacks: data.inventories.map((inv) => ({
      stack: inv.stack,
      file: inv.file,
      jurisdiction: inv.jurisdiction ?? null,
      jurisdictionSource: inv.jurisdictionSource ?? null,
      resourceCount: inv.resourceCount,
      inventory: { regions: inv.regions, keys: inv.keys, internetExposure: inv.internetExposure },
      accessMatrix: inv.accessMatrix,
    })),
    findings: review.findings,
    suppressions: review.suppressions,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
