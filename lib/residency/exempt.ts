/**
 * The explicit, visible opt-out of residency pinning, one construct at a time: for a
 * resource that must live outside the jurisdiction (say, a certificate CloudFront only
 * reads from us-east-1) or whose location cannot be proven at synth time (a region that
 * really must come from a variable).
 *
 * The exemption is recorded next to the block in the synthesized JSON, where every reader
 * of cdk.tf.json (and the review) sees it:
 *
 * ```json
 * "aws_acm_certificate": { "cdn": { "//": { "ai_platform_residency_exemption": {
 *   "reason": "CloudFront reads certificates only from us-east-1" }, "metadata": { … } }, … } }
 * ```
 *
 * It is also recorded as a suppression of the review's residency rule (AIP-RES-001) with
 * the same reason, so `ai-platform check` lists it among the suppressions instead of
 * failing on it. Recording it loads no rule of the review.
 */
import { TerraformElement, TerraformProvider, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { suppress } from "../compliance/suppress";
import { MIN_EXEMPTION_REASON_LENGTH, RESIDENCY_EXEMPTION_KEY } from "./pinning";

/** The review's residency rule, suppressed with the same reason. */
const RESIDENCY_RULE = "AIP-RES-001";

function elementsOf(construct: IConstruct): TerraformElement[] {
  if (TerraformElement.isTerraformElement(construct) && !TerraformStack.isStack(construct)) return [construct];
  return construct.node.findAll().filter((c): c is TerraformElement => TerraformElement.isTerraformElement(c) && !TerraformStack.isStack(c));
}

/**
 * Exempts a resource, data source or aliased provider (or every one of them under a
 * construct) from the residency pin of its stack.
 *
 * A stack's default provider cannot be exempted: every resource without a location of
 * its own inherits the default provider's, so that would exempt the whole stack.
 *
 * @param construct the Terraform element, or a construct whose elements it applies to
 * @param reason why the exception is acceptable: at least 10 characters, recorded in the JSON and shown by the review
 * @throws Error naming the construct when the reason is too short, no Terraform element is found, or a default provider is named
 */
export function exemptFromResidency(construct: IConstruct, reason: string): void {
  const where = construct.node.path || "(app)";
  const why = reason.trim();
  if (why.length < MIN_EXEMPTION_REASON_LENGTH) {
    throw new Error(
      `exemptFromResidency(${where}): reason ${JSON.stringify(reason)} is shorter than ${MIN_EXEMPTION_REASON_LENGTH} characters; say why this resource may be outside the jurisdiction`,
    );
  }
  const elements = elementsOf(construct);
  if (elements.length === 0) throw new Error(`exemptFromResidency(${where}): no Terraform resource, data source or provider in this construct`);
  for (const element of elements) {
    if (element instanceof TerraformProvider && element.alias === undefined) {
      throw new Error(
        `exemptFromResidency(${where}): ${element.node.path} is a default provider; every resource without its own location inherits its region, so it cannot be exempted (give the provider an alias and exempt the resources that use it)`,
      );
    }
  }
  for (const element of elements) element.addOverride(`//.${RESIDENCY_EXEMPTION_KEY}`, { reason: why });
  suppress(construct, RESIDENCY_RULE, why);
}
