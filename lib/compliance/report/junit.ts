/**
 * JUnit XML for CI test reporters: one testsuite per stack, one testcase per
 * (rule, resource); unsuppressed non-compliance is a failure, a suppressed one is
 * skipped with its reason, an engine error (unknown suppression) is an error.
 */
import { type ReportData } from "./data";

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Renders the review as JUnit XML. */
export function renderJunit(data: ReportData): string {
  const { review, summary } = data;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="ai-platform check" tests="${summary.checks}" failures="${summary.failed}" errors="${summary.errors}" skipped="${summary.suppressed}">`,
  );
  for (const index of review.stacks) {
    const findings = review.findings.filter((f) => f.stack === index.stack);
    const n = (s: string) => findings.filter((f) => f.status === s).length;
    lines.push(
      `  <testsuite name="${xmlEscape(index.stack)}" tests="${findings.length}" failures="${n("fail")}" errors="${n("error")}" skipped="${n("suppressed")}" file="${xmlEscape(index.file)}">`,
    );
    const suppressions = review.suppressions.filter((s) => s.stack === index.stack);
    if (suppressions.length > 0 || index.jurisdiction !== undefined) {
      lines.push("    <properties>");
      if (index.jurisdiction !== undefined) lines.push(`      <property name="jurisdiction" value="${xmlEscape(index.jurisdiction)}"/>`);
      for (const s of suppressions) lines.push(`      <property name="suppression ${xmlEscape(`${s.ruleId} ${s.address}`)}" value="${xmlEscape(s.reason)}"/>`);
      lines.push("    </properties>");
    }
    for (const f of findings) {
      const open = `    <testcase name="${xmlEscape(`${f.ruleId} ${f.address}`)}" classname="${xmlEscape(`${f.stack}.${f.ruleId}`)}" file="${xmlEscape(f.file)}"`;
      const text = xmlEscape(`${f.title}\n${f.address}${f.constructPath ? ` (${f.constructPath})` : ""}: ${f.message}`);
      if (f.status === "pass") lines.push(`${open}/>`);
      else if (f.status === "fail") lines.push(`${open}>`, `      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${text}</failure>`, "    </testcase>");
      else if (f.status === "error") lines.push(`${open}>`, `      <error message="${xmlEscape(f.message)}" type="${f.severity}">${text}</error>`, "    </testcase>");
      else lines.push(`${open}>`, `      <skipped message="${xmlEscape(`suppressed: ${f.suppressionReason ?? ""}`)}"/>`, "    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}
