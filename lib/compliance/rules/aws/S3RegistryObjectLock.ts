import { at, isTrue, num } from "../../json";
import type { Rule } from "../../model";
import { fail, isRegistryBucket, pass, s3Configs, skip } from "../util";

/** The model registry bucket is write-once: Object Lock on, with a default retention. */
export const S3RegistryObjectLock: Rule = {
  id: "AIP-S3-010",
  title: "The model registry bucket has Object Lock with a default retention",
  severity: "medium",
  rationale: "A published model must not be silently replaced or deleted: Object Lock makes each version write-once for the retention period, which is what makes a model version auditable.",
  fix: "Create the bucket with object_lock_enabled = true and add an aws_s3_bucket_object_lock_configuration with rule.default_retention (ModelRegistry does this).",
  appliesTo: ["aws_s3_bucket"],
  references: [{ source: "checkov", id: "CKV_AWS_143", verified: true, note: "checks every bucket; here only the registry" }],
  evaluate(bucket, index) {
    if (!isRegistryBucket(bucket, index)) return skip("not the model registry (no registry tag, name or construct path)");
    if (!isTrue(bucket.attributes["object_lock_enabled"]) && !isTrue(at(bucket.attributes, "object_lock_configuration.object_lock_enabled")))
      return fail("object_lock_enabled is not true");
    const configs = s3Configs(bucket, index, "aws_s3_bucket_object_lock_configuration");
    const retention = configs.map((c) => at(c.attributes, "rule.default_retention")).find((r) => r !== undefined);
    const days = configs.map((c) => num(at(c.attributes, "rule.default_retention.days")) ?? num(at(c.attributes, "rule.default_retention.years"))).find((d) => d !== undefined);
    if (retention === undefined || days === undefined || days <= 0) return fail("no aws_s3_bucket_object_lock_configuration with a default retention is linked");
    return pass();
  },
};
