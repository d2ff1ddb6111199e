/**
 * The review engine: runs rules over stack indexes, applies the suppressions
 * recorded in the JSON, and reports every suppression with its reason.
 */
import type { Finding, Resource, Rule, RuleResult, RuleVerdict, StackIndex, SuppressionRecord } from "./model";
import { getRule } from "./rules";
import { SuppressionValid } from "./rules/meta/SuppressionValid";
import { compare } from "./json";
import { MIN_REASON_LENGTH } from "./rule-ids";

export { MIN_REASON_LENGTH };

/** Everything one review produced. */
export interface Review {
  readonly stacks: readonly StackIndex[];
  readonly rules: readonly Rule[];
  /** Every evaluated (rule, resource) pair that applied, sorted by stack, rule id, address. */
  readonly findings: readonly Finding[];
  /** Every suppression found in the JSON, sorted by stack, address, rule id. */
  readonly suppressions: readonly SuppressionRecord[];
}

function toVerdict(result: RuleResult): RuleVerdict {
  return typeof result === "string" ? { status: result } : result;
}

function applies(rule: Rule, resource: Resource): boolean {
  if (rule.appliesTo.includes("*")) return true;
  return resource.kind === "resource" && rule.appliesTo.includes(resource.type);
}

function base(rule: Rule, resource: Resource, index: StackIndex): Omit<Finding, "status" | "message"> {
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    stack: index.stack,
    file: index.file,
    address: resource.address,
    resourceType: resource.type,
    ...(resource.constructPath === undefined ? {} : { constructPath: resource.constructPath }),
  };
}

/** Runs `rules` over every block of every stack. A rule that throws becomes an error finding naming the rule and the exception. */
export function review(stacks: readonly StackIndex[], rules: readonly Rule[]): Review {
  const findings: Finding[] = [];
  const suppressions: SuppressionRecord[] = [];
  // Rules by the type they apply to, so each block meets only its own rules (linear in blocks).
  const universal = rules.filter((r) => r.appliesTo.includes("*"));
  const byType = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (rule.appliesTo.includes("*")) continue;
    for (const t of new Set(rule.appliesTo)) byType.set(t, [...(byType.get(t) ?? []), rule]);
  }
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const rulesFor = (resource: Resource): Rule[] =>
    [...universal, ...(resource.kind === "resource" ? (byType.get(resource.type) ?? []) : [])].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  for (const index of stacks) {
    for (const resource of index.resources) {
      const valid = new Map<string, string>();
      const counts = new Map<string, number>();
      for (const s of resource.suppressions) {
        const known = getRule(s.ruleId) !== undefined;
        if (!known) {
          findings.push({
            ...base(SuppressionValid, resource, index),
            status: "error",
            message: `suppression names unknown rule id ${JSON.stringify(s.ruleId)} (reason: ${JSON.stringify(s.reason)})`,
          });
        } else if (s.reason.trim().length < MIN_REASON_LENGTH) {
          findings.push({
            ...base(SuppressionValid, resource, index),
            status: "error",
            message: `suppression of ${s.ruleId} has a reason shorter than ${MIN_REASON_LENGTH} characters (${JSON.stringify(s.reason)}); it is ignored`,
          });
        } else {
          valid.set(s.ruleId, s.reason);
        }
      }
      for (const rule of rulesFor(resource)) {
        if (!applies(rule, resource)) continue;
        let verdict: RuleVerdict;
        try {
          verdict = toVerdict(rule.evaluate(resource, index));
        } catch (e) {
          findings.push({ ...base(rule, resource, index), status: "error", message: `rule failed: ${(e as Error).message}` });
          continue;
        }
        if (verdict.status === "not-applicable") continue;
        const message = verdict.message ?? (verdict.status === "compliant" ? "compliant" : rule.title);
        if (verdict.status === "compliant") {
          findings.push({ ...base(rule, resource, index), status: "pass", message });
          continue;
        }
        const reason = valid.get(rule.id);
        if (reason !== undefined) {
          counts.set(rule.id, (counts.get(rule.id) ?? 0) + 1);
          findings.push({ ...base(rule, resource, index), status: "suppressed", message, suppressionReason: reason });
        } else {
          findings.push({ ...base(rule, resource, index), status: "fail", message });
        }
      }
      for (const s of resource.suppressions) {
        suppressions.push({
          stack: index.stack,
          address: resource.address,
          ...(resource.constructPath === undefined ? {} : { constructPath: resource.constructPath }),
          ruleId: s.ruleId,
          reason: s.reason,
          known: getRule(s.ruleId) !== undefined,
          suppressedCount: counts.get(s.ruleId) ?? 0,
        });
      }
    }
  }
  const byPlace = (a: { stack: string; address: string }, b: { stack: string; address: string }) =>
    compare(a.stack, b.stack) || compare(a.address, b.address);
  findings.sort((a, b) => compare(a.stack, b.stack) || compare(a.ruleId, b.ruleId) || compare(a.address, b.address) || compare(a.status, b.status));
  suppressions.sort((a, b) => byPlace(a, b) || compare(a.ruleId, b.ruleId));
  return { stacks, rules, findings, suppressions };
}
