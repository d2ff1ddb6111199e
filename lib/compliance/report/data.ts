/**
 * What every report format renders: the review, the inventories, the threshold
 * and the exit code. Deterministic: everything is sorted, nothing is timed.
 */
import type { Review } from "../engine";
import type { StackInventory } from "../inventory";
import { type Finding, type Severity, severityRank } from "../model";
import { compare } from "../json";

/** Name and version of the tool, as shown in reports. */
export const TOOL = { name: "ai-platform-check", version: "0.1.0", informationUri: "https://github.com/ai-platform/ai-platform-cdktf" } as const;

/** Counts of a review. */
export interface Summary {
  readonly stacks: number;
  readonly rules: number;
  readonly checks: number;
  readonly passed: number;
  readonly failed: number;
  readonly suppressed: number;
  readonly errors: number;
  /** Unsuppressed failures and errors at or above the threshold. */
  readonly blocking: number;
}

/** The input of every renderer. */
export interface ReportData {
  readonly review: Review;
  readonly inventories: readonly StackInventory[];
  readonly failOn: Severity;
  readonly summary: Summary;
  readonly exitCode: 0 | 1;
}

/** True when a finding blocks at `failOn`: an unsuppressed failure or error at or above it. */
export function isBlocking(finding: Finding, failOn: Severity): boolean {
  return (finding.status === "fail" || finding.status === "error") && severityRank(finding.severity) >= severityRank(failOn);
}

/** Builds the report data of a review. */
export function reportData(review: Review, inventories: readonly StackInventory[], failOn: Severity): ReportData {
  const count = (s: Finding["status"]) => review.findings.filter((f) => f.status === s).length;
  const blocking = review.findings.filter((f) => isBlocking(f, failOn)).length;
  return {
    review,
    inventories,
    failOn,
    summary: {
      stacks: review.stacks.length,
      rules: review.rules.length,
      checks: review.findings.length,
      passed: count("pass"),
      failed: count("fail"),
      suppressed: count("suppressed"),
      errors: count("error"),
      blocking,
    },
    exitCode: blocking > 0 ? 1 : 0,
  };
}

/** Findings that need attention (not passes), most severe first, then stack, rule, address. */
export function problems(findings: readonly Finding[]): Finding[] {
  return findings
    .filter((f) => f.status !== "pass")
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        compare(a.stack, b.stack) ||
        compare(a.ruleId, b.ruleId) ||
        compare(a.address, b.address),
    );
}

/** What the report says about residency for one stack: checked against what, from where, or plainly not checked. */
export function residencyLine(inv: StackInventory): string {
  if (inv.jurisdiction === undefined) {
    return "RESIDENCY NOT CHECKED: no --residency was given and no provider carries a residency tag/label; pass --residency <jurisdiction>";
  }
  return `residency checked against ${inv.jurisdiction} (from ${inv.jurisdictionSource ?? "?"})`;
}
