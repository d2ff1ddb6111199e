import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, isS3LogTarget, pass, s3Configs, skip } from "../util";

/** Server access logging through a linked `aws_s3_bucket_logging` (the access-log bucket itself is exempt). */
export const S3BucketAccessLogging: Rule = {
  id: "AIP-S3-006",
  title: "S3 buckets log access",
  severity: "medium",
  rationale: "Access logs are the record of who read which training data or model; without them an exfiltration cannot be scoped.",
  fix: "Add an aws_s3_bucket_logging with target_bucket set to the platform's access-log bucket.",
  appliesTo: ["aws_s3_bucket"],
  references: [
    { source: "checkov", id: "CKV_AWS_18", verified: false },
    { source: "trivy", id: "AVD-AWS-0089", verified: false },
  ],
  evaluate(bucket, index) {
    const isTarget = isS3LogTarget(bucket, index);
    const logging = s3Configs(bucket, index, "aws_s3_bucket_logging");
    if (logging.length > 0 || at(bucket.attributes, "logging.target_bucket") !== undefined) return pass();
    if (isTarget) return skip("the bucket is the access-log destination of other buckets");
    return fail("no aws_s3_bucket_logging is linked to the bucket");
  },
};
