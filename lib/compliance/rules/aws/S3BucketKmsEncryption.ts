import { allAt, isExpression } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, s3Configs, show } from "../util";

/**
 * S3 default encryption with a KMS key (SSE-KMS or DSSE-KMS), read from the
 * linked `aws_s3_bucket_server_side_encryption_configuration` (or the legacy inline block).
 * AWS Config S3_DEFAULT_ENCRYPTION_KMS: docs.aws.amazon.com/config/latest/developerguide/s3-default-encryption-kms.html.
 */
export const S3BucketKmsEncryption: Rule = {
  id: "AIP-S3-001",
  title: "S3 buckets encrypt by default with a customer-managed KMS key",
  severity: "high",
  rationale:
    "SSE-S3 encrypts with a key anyone with s3:GetObject can use. With SSE-KMS, reading an object also needs kms:Decrypt on the key, so the key policy is a second, auditable gate, and disabling the key makes the data unreadable.",
  fix: "Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm \"aws:kms\" and kms_master_key_id set to a customer-managed key (SecureBucket does this).",
  appliesTo: ["aws_s3_bucket"],
  references: [
    { source: "checkov", id: "CKV_AWS_145", verified: false },
    { source: "trivy", id: "AVD-AWS-0132", verified: false },
    { source: "aws-config", id: "S3_DEFAULT_ENCRYPTION_KMS", verified: true },
  ],
  evaluate(bucket, index) {
    const configs = s3Configs(bucket, index, "aws_s3_bucket_server_side_encryption_configuration");
    const defaults = [
      ...configs.flatMap((c) => allAt(c.attributes, "rule.apply_server_side_encryption_by_default")),
      ...allAt(bucket.attributes, "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default"),
    ];
    if (defaults.length === 0) return fail("no server-side encryption configuration is linked to the bucket");
    const kms = defaults.find((d) => d["sse_algorithm"] === "aws:kms" || d["sse_algorithm"] === "aws:kms:dsse");
    if (kms === undefined) return fail(`sse_algorithm = ${show(defaults[0]?.["sse_algorithm"])}, not aws:kms`);
    const key = kms["kms_master_key_id"];
    if (typeof key !== "string" || key === "") return fail("sse_algorithm is aws:kms but kms_master_key_id is not set (the AWS-managed aws/s3 key is used)");
    return pass(`encrypted with ${isExpression(key) ? (index.resolve(key)?.address ?? key) : key}`);
  },
};
