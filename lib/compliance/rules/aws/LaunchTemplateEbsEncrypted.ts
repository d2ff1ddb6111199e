import { allAt, at, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Every EBS volume of the launch template is encrypted. */
export const LaunchTemplateEbsEncrypted: Rule = {
  id: "AIP-EC2-003",
  title: "Launch templates encrypt every EBS volume",
  severity: "high",
  rationale: "Node volumes hold container images, model weights cached for inference and scratch data; unencrypted, a snapshot shared by mistake exposes them.",
  fix: "Give each block_device_mappings entry ebs { encrypted = true } (and kms_key_id for a customer-managed key).",
  appliesTo: ["aws_launch_template"],
  references: [{ source: "checkov", id: "CKV_AWS_8", verified: false, note: "launch configurations" }],
  evaluate(template) {
    const mappings = allAt(template.attributes, "block_device_mappings");
    if (mappings.length === 0) return fail("no block_device_mappings: volume encryption depends on the account default");
    const plain = mappings.filter((m) => !isTrue(at(m, "ebs.encrypted")));
    return plain.length === 0 ? pass() : fail(`not encrypted: ${plain.map((m) => String(m["device_name"] ?? "?")).join(", ")}`);
  },
};
