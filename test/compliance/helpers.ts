/** Helpers of the compliance tests: hand-built Terraform JSON and rule evaluation. */
import { buildIndex } from "../../lib/compliance/load";
import type { Json, Rule, RuleStatus, StackIndex } from "../../lib/compliance/model";

/** A stack index of a hand-built configuration. */
export function indexOf(config: Json, residency?: string): StackIndex {
  return buildIndex({ stack: "test", file: "stacks/test/cdk.tf.json", config }, residency === undefined ? {} : { residency });
}

/** A configuration with an AWS provider in eu-central-1 (tagged residency eu) and the given resources. */
export function aws(resource: Json, data: Json = {}): Json {
  return {
    provider: { aws: [{ region: "eu-central-1", default_tags: [{ tags: { residency: "eu" } }] }] },
    resource,
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
}

/** A configuration with a Google provider in europe-west4 and the given resources. */
export function gcp(resource: Json): Json {
  return { provider: { google: [{ region: "europe-west4", project: "p" }] }, resource };
}

/** A configuration with a kubernetes provider and the given resources. */
export function k8s(resource: Json): Json {
  return { provider: { kubernetes: [{}] }, resource };
}

/** The status a rule gives the block at `address`. */
export function statusOf(rule: Rule, config: Json, address: string): RuleStatus {
  const index = indexOf(config);
  const resource = index.get(address);
  if (resource === undefined) throw new Error(`no ${address} in the test configuration`);
  const result = rule.evaluate(resource, index);
  return typeof result === "string" ? result : result.status;
}

/** One compliant and one non-compliant case of a rule. */
export interface RuleCase {
  readonly rule: Rule;
  readonly address: string;
  readonly compliant: Json;
  readonly nonCompliant: Json;
}

/** Registers the two tests of each case. */
export function describeRuleCases(cases: readonly RuleCase[]): void {
  describe.each(cases.map((c) => [c.rule.id, c] as const))("%s", (_id, c) => {
    test(`is compliant: ${c.rule.title}`, () => {
      expect(statusOf(c.rule, c.compliant, c.address)).toBe("compliant");
    });
    test("fails when the control is missing", () => {
      expect(statusOf(c.rule, c.nonCompliant, c.address)).toBe("non-compliant");
    });
  });
}

/** An IAM policy JSON string. */
export function policy(...statements: Json[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
