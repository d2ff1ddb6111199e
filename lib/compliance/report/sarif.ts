/**
 * SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps). The `sarif` types check the
 * log as it is built; no exported signature names them, so the package's declarations do
 * not need `@types/sarif`.
 */
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Severity } from "../model";
import { packsOf } from "../packs";
import { type ReportData, TOOL } from "./data";

/** The SARIF 2.1.0 JSON schema. */
export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** A SARIF result level this review emits. */
export type SarifLevel = "error" | "warning" | "note";

/** SARIF level of a severity: critical/high error, medium warning, low/info note. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}

/** Renders the review as a SARIF 2.1.0 log (one run). Passes are not listed; suppressed failures carry their justification. */
export function renderSarif(data: ReportData): string {
  const { review } = data;
  const rules: ReportingDescriptor[] = review.rules.map((r) => ({
    id: r.id,
    name: r.title,
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: {
      text: `${r.rationale}\nFix: ${r.fix}`,
      markdown: `${r.rationale}\n\n**Fix:** ${r.fix}${r.references.length ? `\n\n**Equivalent controls:** ${r.references.map((x) => `${x.id}${x.verified ? "" : " (unverified)"}`).join(", ")}` : ""}`,
    },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: { severity: r.severity, tags: packsOf(r.id), references: r.references.map((x) => `${x.source}:${x.id}`) },
  }));
  const ruleIndex = new Map(review.rules.map((r, i) => [r.id, i]));
  const results: Result[] = review.findings
    .filter((f) => f.status !== "pass")
    .map((f) => {
      const result: Result = {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: sarifLevel(f.severity),
        kind: "fail",
        message: { text: `${f.address}: ${f.message}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: f.file } },
            logicalLocations: [
              { name: f.address, fullyQualifiedName: `${f.stack}/${f.address}`, kind: "resource" },
              ...(f.constructPath === undefined ? [] : [{ name: f.constructPath.split("/").pop() ?? f.constructPath, fullyQualifiedName: f.constructPath, kind: "module" }]),
            ],
          },
        ],
        partialFingerprints: { "aipFinding/v1": `${f.stack}|${f.ruleId}|${f.address}` },
        properties: { severity: f.severity, status: f.status, stack: f.stack },
      };
      if (f.status === "suppressed") result.suppressions = [{ kind: "inSource", status: "accepted", justification: f.suppressionReason ?? "" }];
      return result;
    });
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: TOOL.name, version: TOOL.version, informationUri: TOOL.informationUri, rules } },
        columnKind: "utf16CodeUnits",
        results,
        properties: {
          failOn: data.failOn,
          exitCode: data.exitCode,
          suppressions: review.suppressions.map((s) => ({ stack: s.stack, address: s.address, ruleId: s.ruleId, reason: s.reason, known: s.known })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
