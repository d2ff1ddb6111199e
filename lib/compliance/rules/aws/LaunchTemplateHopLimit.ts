import { at, num } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Highest acceptable IMDS response hop limit: 2 lets containers on the node reach IMDSv2 (EKS default), more lets it travel further. */
export const MAX_HOP_LIMIT = 2;

/** IMDS response hop limit no more than {@link MAX_HOP_LIMIT}. */
export const LaunchTemplateHopLimit: Rule = {
  id: "AIP-EC2-002",
  title: `Launch templates keep the IMDS hop limit at ${MAX_HOP_LIMIT} or less`,
  severity: "medium",
  rationale: "Every extra hop lets IMDS tokens be used from further away (other network namespaces, proxies), widening who can take the node role's credentials.",
  fix: `Set metadata_options.http_put_response_hop_limit to 1 (pods use EKS Pod Identity) or ${MAX_HOP_LIMIT}.`,
  appliesTo: ["aws_launch_template"],
  references: [{ source: "checkov", id: "CKV_AWS_341", verified: true, note: "checkov requires 1; this rule accepts 2" }],
  evaluate(template) {
    const hops = num(at(template.attributes, "metadata_options.http_put_response_hop_limit"));
    if (hops === undefined) return pass("not set (AWS default 1)");
    return hops <= MAX_HOP_LIMIT ? pass() : fail(`metadata_options.http_put_response_hop_limit = ${hops}`);
  },
};
