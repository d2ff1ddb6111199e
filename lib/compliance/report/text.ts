/** The terminal report (default format). */
import { type ReportData, problems, residencyLine } from "./data";

const LABEL = { fail: "FAIL", error: "ERROR", suppressed: "SUPPRESSED", pass: "PASS" } as const;

/** Renders the review for a terminal: problems per stack, suppressions with reasons, the verdict. */
export function renderText(data: ReportData): string {
  const { review, summary, failOn } = data;
  const lines: string[] = [];
  lines.push(`ai-platform compliance review: ${summary.stacks} stack(s), ${summary.rules} rules, ${summary.checks} checks`);
  lines.push(`passed ${summary.passed}, failed ${summary.failed}, suppressed ${summary.suppressed}, errors ${summary.errors}`);
  for (const inv of data.inventories) {
    const stackProblems = problems(review.findings.filter((f) => f.stack === inv.stack));
    const residency = residencyLine(inv);
    lines.push("");
    lines.push(`[${inv.stack}] ${inv.file}: ${inv.resourceCount} resources; regions ${inv.regions.join(", ") || "-"}; ${residency}`);
    if (stackProblems.length === 0) lines.push("  no problems");
    for (const f of stackProblems) {
      lines.push(`  ${LABEL[f.status].padEnd(10)} ${f.severity.padEnd(8)} ${f.ruleId.padEnd(12)} ${f.address}${f.constructPath ? ` (${f.constructPath})` : ""}`);
      lines.push(`             ${f.message}`);
      if (f.suppressionReason !== undefined) lines.push(`             reason: ${f.suppressionReason}`);
    }
    if (inv.internetExposure.length > 0) {
      lines.push(`  reachable from the internet: ${inv.internetExposure.map((e) => `${e.address} (${e.ruleId}${e.status === "suppressed" ? ", suppressed" : ""})`).join(", ")}`);
    }
  }
  lines.push("");
  lines.push(`Suppressions (${review.suppressions.length}):`);
  if (review.suppressions.length === 0) lines.push("  none");
  for (const s of review.suppressions) {
    lines.push(`  - [${s.stack}] ${s.address} ${s.ruleId}${s.known ? "" : " (UNKNOWN RULE)"}: ${JSON.stringify(s.reason)} (suppressed ${s.suppressedCount})`);
  }
  lines.push("");
  lines.push(
    data.exitCode === 1
      ? `FAILED: ${summary.blocking} unsuppressed failure(s) at or above ${failOn}`
      : `OK: no unsuppressed failure at or above ${failOn}`,
  );
  return `${lines.join("\n")}\n`;
}
