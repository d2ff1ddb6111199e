import { isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, show, skip } from "../util";

/** Automatic rotation of symmetric customer-managed keys. */
export const KmsKeyRotation: Rule = {
  id: "AIP-KMS-001",
  title: "KMS keys rotate automatically",
  severity: "medium",
  rationale: "Rotation limits how much data one key version protects and is required by most frameworks (CIS, PCI DSS). AWS rotates symmetric keys yearly (or on the configured period) without re-encrypting data.",
  fix: "Set enable_key_rotation = true on the aws_kms_key.",
  appliesTo: ["aws_kms_key"],
  references: [
    { source: "checkov", id: "CKV_AWS_7", verified: false },
    { source: "trivy", id: "AVD-AWS-0065", verified: true },
    { source: "cis", id: "CIS AWS Foundations 3.6", verified: false },
  ],
  evaluate(key) {
    const spec = key.attributes["customer_master_key_spec"];
    if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") return skip(`asymmetric or HMAC key (${spec}) cannot rotate automatically`);
    return isTrue(key.attributes["enable_key_rotation"]) ? pass() : fail(`enable_key_rotation = ${show(key.attributes["enable_key_rotation"])}`);
  },
};
