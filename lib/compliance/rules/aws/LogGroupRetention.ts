import { num } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** CloudWatch log groups have an explicit retention. */
export const LogGroupRetention: Rule = {
  id: "AIP-CWL-002",
  title: "CloudWatch log groups set a retention period",
  severity: "low",
  rationale: "Without retention, logs are kept (and billed) forever, and personal data in them outlives any retention policy.",
  fix: "Set retention_in_days (e.g. 365 for audit logs).",
  appliesTo: ["aws_cloudwatch_log_group"],
  references: [
    { source: "checkov", id: "CKV_AWS_66", verified: true },
    { source: "checkov", id: "CKV_AWS_338", verified: false, note: "requires at least one year" },
  ],
  evaluate(group) {
    const days = num(group.attributes["retention_in_days"]);
    return days !== undefined && days > 0 ? pass(`${days} days`) : fail("retention_in_days is not set (logs never expire)");
  },
};
