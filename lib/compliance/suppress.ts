/**
 * cdktf side of suppressions: records a justified exception next to the resource in
 * the synthesized JSON, where the review (and any reader of cdk.tf.json) sees it:
 *
 * ```json
 * "aws_s3_bucket": { "logs": { "//": { "ai_platform_suppressions": [
 *   { "id": "AIP-S3-006", "reason": "this is the access-log bucket itself" } ], "metadata": { … } }, … } }
 * ```
 *
 * Verified with cdktf 0.21: `addOverride("//.ai_platform_suppressions", …)` deep-merges
 * into the block's `"//"` object next to `metadata`, and survives `App.synth()`
 * (Terraform JSON treats `"//"` properties as comments). `Testing.synth()` strips `"//"`
 * from its output; use `Testing.fullSynth()` or a real `App` to see it.
 *
 * This is the only file of lib/compliance that imports cdktf. It checks rule ids against
 * the id table, never loading the rules: synthesis does not run them.
 */
import { TerraformElement, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { compare } from "./json";
import { SUPPRESSIONS_KEY } from "./load";
import { isRuleId, MIN_REASON_LENGTH, RULE_IDS } from "./rule-ids";

const recorded = new WeakMap<TerraformElement, Map<string, string>>();

function targetsOf(construct: IConstruct): TerraformElement[] {
  if (TerraformElement.isTerraformElement(construct) && !TerraformStack.isStack(construct)) return [construct];
  return construct.node
    .findAll()
    .filter((c): c is TerraformElement => TerraformElement.isTerraformElement(c) && !TerraformStack.isStack(c));
}

/**
 * Suppresses `ruleId` on a Terraform resource, data source or provider, or on every
 * one of them under a construct (a whole SecureBucket, a stack).
 *
 * @param construct the resource, or a construct whose Terraform elements it applies to
 * @param ruleId a known rule id (e.g. `AIP-S3-006`)
 * @param reason why the exception is acceptable: at least 10 characters, shown in every report
 * @throws Error naming the construct, the rule id and the reason when the id is unknown, the reason is too short, or no Terraform element is found
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  const where = construct.node.path || "(app)";
  if (!isRuleId(ruleId)) {
    throw new Error(
      `suppress(${where}, "${ruleId}"): unknown rule id "${ruleId}" (reason: ${JSON.stringify(reason)}). Known ids: ${RULE_IDS.join(", ")}`,
    );
  }
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `suppress(${where}, "${ruleId}"): reason ${JSON.stringify(reason)} is shorter than ${MIN_REASON_LENGTH} characters; say why the exception is acceptable`,
    );
  }
  const targets = targetsOf(construct);
  if (targets.length === 0) throw new Error(`suppress(${where}, "${ruleId}"): no Terraform resource, data source or provider in this construct`);
  for (const element of targets) {
    const map = recorded.get(element) ?? new Map<string, string>();
    map.set(ruleId, reason.trim());
    recorded.set(element, map);
    const entries = [...map.entries()].sort(([a], [b]) => compare(a, b)).map(([id, r]) => ({ id, reason: r }));
    element.addOverride(`//.${SUPPRESSIONS_KEY}`, entries);
  }
}
