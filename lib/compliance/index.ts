/**
 * Compliance review of synthesized Terraform JSON (any cdktf output):
 * rules, justified suppressions, and reports for people and CI.
 *
 * ```ts
 * const { report, exitCode } = runCheck({ dir: "cdktf.out", format: "md", failOn: "high" });
 * ```
 *
 * Nothing here imports lib/aws, lib/gcp or a provider package; `suppress` (the
 * cdktf-side API) is the only part that imports cdktf.
 */
import { isJurisdictionId, JURISDICTION_IDS } from "../residency/jurisdictions";
import { review } from "./engine";
import { decodeJsonencoded, HclParserMissingError } from "./hcl";
import { inventories } from "./inventory";
import { buildIndex, CheckInputError, readStacks } from "./load";
import { type Finding, isSeverity, type Severity, SEVERITIES } from "./model";
import { rulesOf } from "./packs";
import { reportData } from "./report/data";
import { renderJson } from "./report/json";
import { renderJunit } from "./report/junit";
import { renderMarkdown } from "./report/markdown";
import { renderSarif } from "./report/sarif";
import { renderText } from "./report/text";

import { FORMATS, type Format } from "./model";

export { FORMATS, type Format };

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** The cdktf output directory (manifest.json + stacks/<stack>/cdk.tf.json). */
  readonly dir: string;
  /** @default "text" */
  readonly format?: Format;
  /** Exit 1 on any unsuppressed failure at or above this severity. @default "high" */
  readonly failOn?: Severity;
  /** Jurisdiction to check residency against. @default - each stack's provider `residency` tag/label, else not checked */
  readonly residency?: string;
  /** Only the rules of these packs. @default - every rule */
  readonly packs?: readonly string[];
}

/** What {@link runCheck} returns. */
export interface CheckResult {
  /** The rendered report. */
  readonly report: string;
  /** 1 when an unsuppressed failure (or suppression error) is at or above `failOn`. */
  readonly exitCode: 0 | 1;
  /** Every evaluated (rule, resource) pair, passes included. */
  readonly findings: Finding[];
}

/**
 * Reviews a synthesized cdktf output directory and renders the report.
 *
 * @throws CheckInputError for user mistakes (missing directory, no stacks, unknown format, severity, jurisdiction or pack), with a message naming the value and the fix
 */
export function runCheck(options: CheckOptions): CheckResult {
  const format = options.format ?? "text";
  const failOn = options.failOn ?? "high";
  if (!(FORMATS as readonly string[]).includes(format)) throw new CheckInputError(`--format ${format}: unknown format (use one of ${FORMATS.join(", ")})`);
  if (!isSeverity(failOn)) throw new CheckInputError(`--fail-on ${String(failOn)}: unknown severity (use one of ${SEVERITIES.join(", ")})`);
  if (options.residency !== undefined && !isJurisdictionId(options.residency)) {
    throw new CheckInputError(`--residency ${options.residency}: unknown jurisdiction (use one of ${JURISDICTION_IDS.join(", ")})`);
  }
  let rules;
  try {
    rules = rulesOf(options.packs);
  } catch (e) {
    throw new CheckInputError((e as Error).message);
  }
  const files = readStacks(options.dir);
  // One HCL parser run for every `${jsonencode(…)}` of every stack (none: no parser started).
  try {
    decodeJsonencoded(files.map((f) => f.config));
  } catch (e) {
    if (e instanceof HclParserMissingError) throw new CheckInputError(e.message);
    throw e;
  }
  const stacks = files.map((s) => buildIndex(s, options.residency === undefined ? {} : { residency: options.residency }));
  for (const s of stacks) {
    if (s.jurisdiction !== undefined && !isJurisdictionId(s.jurisdiction)) {
      throw new CheckInputError(`${s.file}: provider tag/label residency = "${s.jurisdiction}" is not a known jurisdiction (${JURISDICTION_IDS.join(", ")}); pass --residency`);
    }
  }
  const result = review(stacks, rules);
  const data = reportData(result, inventories(stacks, result.findings, rules), failOn);
  const render = { text: renderText, json: renderJson, md: renderMarkdown, sarif: renderSarif, junit: renderJunit }[format];
  return { report: render(data), exitCode: data.exitCode, findings: [...result.findings] };
}

export { accessMatrix, type AccessEntry } from "./access";
export { MIN_REASON_LENGTH, review, type Review } from "./engine";
export { inventories, type StackInventory } from "./inventory";
export { buildIndex, CheckInputError, readStacks, SUPPRESSIONS_KEY, type StackFile } from "./load";
export * from "./model";
export { PACK_NAMES, PACKS, packsOf, rulesOf, type PackName } from "./packs";
export { renderJson } from "./report/json";
export { renderJunit } from "./report/junit";
export { renderMarkdown } from "./report/markdown";
export { renderSarif, SARIF_SCHEMA } from "./report/sarif";
export { renderText } from "./report/text";
export { reportData, type ReportData } from "./report/data";
export { ALL_RULES, getRule } from "./rules";
export { suppress } from "./suppress";
