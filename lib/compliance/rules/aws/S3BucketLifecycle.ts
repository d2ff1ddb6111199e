import { allAt, blocks } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, s3Configs } from "../util";

/** A lifecycle configuration that expires noncurrent versions and aborts incomplete multipart uploads. */
export const S3BucketLifecycle: Rule = {
  id: "AIP-S3-007",
  title: "S3 buckets expire noncurrent versions and abort incomplete multipart uploads",
  severity: "low",
  rationale: "Versioned buckets keep every overwritten object forever, and abandoned multipart uploads of large model files are billed but invisible. Both grow cost and the amount of data to protect.",
  fix: "Add an aws_s3_bucket_lifecycle_configuration with an enabled rule holding noncurrent_version_expiration and one holding abort_incomplete_multipart_upload.",
  appliesTo: ["aws_s3_bucket"],
  references: [
    { source: "checkov", id: "CKV2_AWS_61", verified: false },
    { source: "checkov", id: "CKV_AWS_300", verified: true, note: "abort incomplete multipart uploads only" },
  ],
  evaluate(bucket, index) {
    const configs = s3Configs(bucket, index, "aws_s3_bucket_lifecycle_configuration");
    if (configs.length === 0) return fail("no aws_s3_bucket_lifecycle_configuration is linked to the bucket");
    const rules = configs.flatMap((c) => allAt(c.attributes, "rule")).filter((r) => r["status"] === "Enabled");
    const missing: string[] = [];
    if (!rules.some((r) => blocks(r["noncurrent_version_expiration"]).length > 0)) missing.push("noncurrent_version_expiration");
    if (!rules.some((r) => blocks(r["abort_incomplete_multipart_upload"]).length > 0)) missing.push("abort_incomplete_multipart_upload");
    return missing.length === 0 ? pass() : fail(`no enabled rule has ${missing.join(" or ")}`);
  },
};
