import { isExpression } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, show } from "../util";

/** Alert messages name workloads and teams: the topic carrying them is encrypted. */
export const AlertTopicEncrypted: Rule = {
  id: "AIP-SPEND-003",
  title: "SNS topics are encrypted with a KMS key",
  severity: "medium",
  rationale: "Alert notifications name workloads, teams and hosts; an unencrypted topic stores them in the clear, unlike the platform's other data.",
  fix: "Set kms_master_key_id on the aws_sns_topic (a customer-managed key the publishing service may use).",
  appliesTo: ["aws_sns_topic"],
  references: [{ source: "checkov", id: "CKV_AWS_26", verified: false }],
  evaluate(topic) {
    const key = topic.attributes["kms_master_key_id"];
    return typeof key === "string" && key !== "" ? pass(isExpression(key) ? "customer-managed key" : `key ${key}`) : fail(`kms_master_key_id = ${show(key)}`);
  },
};
