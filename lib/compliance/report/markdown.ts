/** The reviewer's report (PR comment): Mermaid diagrams first, then findings, suppressions, inventory and access matrix. */
import { packsOf } from "../packs";
import { type ReportData, problems, residencyLine } from "./data";
import { mermaidFlowchart } from "./mermaid";

/** Escapes a value for a Markdown table cell. */
export function cell(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function code(value: string): string {
  return `\`${value.replace(/`/g, "'")}\``;
}

/** Renders the review as Markdown; opens with one Mermaid flowchart per stack. */
export function renderMarkdown(data: ReportData): string {
  const { review, summary, failOn } = data;
  const out: string[] = [];
  for (const inv of data.inventories) {
    const index = review.stacks.find((s) => s.stack === inv.stack);
    if (index === undefined) continue;
    out.push("```mermaid", mermaidFlowchart(index, inv), "```", "");
  }
  out.push("# Compliance review", "");
  out.push(data.exitCode === 1 ? `**FAILED**: ${summary.blocking} unsuppressed failure(s) at or above \`${failOn}\`.` : `**OK**: no unsuppressed failure at or above \`${failOn}\`.`, "");
  out.push("| stacks | rules | checks | passed | failed | suppressed | errors |", "|---|---|---|---|---|---|---|");
  out.push(`| ${summary.stacks} | ${summary.rules} | ${summary.checks} | ${summary.passed} | ${summary.failed} | ${summary.suppressed} | ${summary.errors} |`, "");

  const open = problems(review.findings).filter((f) => f.status !== "suppressed");
  out.push(`## Findings (${open.length})`, "");
  if (open.length === 0) out.push("None.", "");
  else {
    out.push("| severity | rule | stack | resource | construct path | message |", "|---|---|---|---|---|---|");
    for (const f of open) {
      out.push(`| ${f.status === "error" ? "ERROR " : ""}${f.severity} | ${f.ruleId} | ${cell(f.stack)} | ${code(f.address)} | ${cell(f.constructPath ?? "")} | ${cell(f.message)} |`);
    }
    out.push("");
  }

  out.push(`## Suppressions (${review.suppressions.length})`, "");
  if (review.suppressions.length === 0) out.push("None.", "");
  else {
    out.push("| rule | stack | resource | reason | suppressed |", "|---|---|---|---|---|");
    for (const s of review.suppressions) {
      out.push(`| ${s.ruleId}${s.known ? "" : " (unknown rule)"} | ${cell(s.stack)} | ${code(s.address)} | ${cell(s.reason)} | ${s.suppressedCount} |`);
    }
    out.push("");
  }

  for (const inv of data.inventories) {
    out.push(`## Stack \`${inv.stack}\``, "");
    out.push(`- file: \`${inv.file}\``);
    out.push(`- resources: ${inv.resourceCount}`);
    out.push(`- regions used: ${inv.regions.length === 0 ? "none" : inv.regions.map(code).join(", ")}`);
    out.push(`- jurisdiction: ${residencyLine(inv)}`, "");
    out.push("### Keys and what they encrypt", "");
    if (inv.keys.length === 0) out.push("No keys.", "");
    else {
      out.push("| key | aliases | encrypts |", "|---|---|---|");
      for (const k of inv.keys) out.push(`| ${code(k.address)} | ${cell(k.aliases.join(", "))} | ${cell(k.encrypts.join(", ") || "nothing in this stack")} |`);
      out.push("");
    }
    out.push("### Reachable from the internet", "");
    if (inv.internetExposure.length === 0) out.push("Nothing.", "");
    else {
      out.push("| resource | rule | status | what |", "|---|---|---|---|");
      for (const e of inv.internetExposure) out.push(`| ${code(e.address)} | ${e.ruleId} | ${e.status} | ${cell(e.message)} |`);
      out.push("");
    }
    out.push("### Access matrix", "");
    if (inv.accessMatrix.length === 0) out.push("No identities.", "");
    else {
      out.push("| identity | resource | access | via | detail |", "|---|---|---|---|---|");
      for (const a of inv.accessMatrix) out.push(`| ${cell(a.identity)} | ${cell(a.resource)} | ${a.level} | ${code(a.via)} | ${cell(a.detail)} |`);
      out.push("");
    }
  }

  out.push("## Rules", "");
  out.push("| id | severity | packs | title | equivalents |", "|---|---|---|---|---|");
  for (const r of review.rules) {
    const refs = r.references.map((x) => `${x.id}${x.verified ? "" : " (unverified)"}`).join(", ");
    out.push(`| ${r.id} | ${r.severity} | ${packsOf(r.id).join(", ")} | ${cell(r.title)} | ${cell(refs)} |`);
  }
  out.push("");
  return out.join("\n");
}
