import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** CloudWatch log groups encrypted with a customer-managed key. */
export const LogGroupKms: Rule = {
  id: "AIP-CWL-001",
  title: "CloudWatch log groups are encrypted with a KMS key",
  severity: "medium",
  rationale: "Control plane and flow logs contain identities, IPs and object keys; a customer-managed key lets access to them be audited and revoked.",
  fix: "Set kms_key_id on the aws_cloudwatch_log_group (the key policy must allow logs.<region>.amazonaws.com).",
  appliesTo: ["aws_cloudwatch_log_group"],
  references: [
    { source: "checkov", id: "CKV_AWS_158", verified: true },
    { source: "trivy", id: "AVD-AWS-0017", verified: false },
  ],
  evaluate(group) {
    const key = group.attributes["kms_key_id"];
    return typeof key === "string" && key !== "" ? pass() : fail("kms_key_id is not set");
  },
};
