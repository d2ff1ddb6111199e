import { blocks } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** The VPC's default security group is managed and empty. */
export const DefaultSecurityGroupNoRules: Rule = {
  id: "AIP-VPC-004",
  title: "Default security groups have no rules",
  severity: "medium",
  rationale: "Anything launched without an explicit security group lands in the default one; with rules in it, a forgotten resource is silently reachable.",
  fix: "Manage the group with an aws_default_security_group that declares no ingress and no egress.",
  appliesTo: ["aws_default_security_group"],
  references: [
    { source: "checkov", id: "CKV2_AWS_12", verified: false },
    { source: "cis", id: "CIS AWS Foundations 5.4", verified: false },
  ],
  evaluate(group) {
    const n = blocks(group.attributes["ingress"]).length + blocks(group.attributes["egress"]).length;
    return n === 0 ? pass() : fail(`${n} rule(s) in the default security group`);
  },
};
