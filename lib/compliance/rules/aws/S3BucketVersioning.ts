import { at, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, s3Configs, show } from "../util";

/** Versioning enabled through the linked `aws_s3_bucket_versioning` (or the legacy inline block). */
export const S3BucketVersioning: Rule = {
  id: "AIP-S3-002",
  title: "S3 buckets keep object versions",
  severity: "medium",
  rationale: "Without versioning an overwrite or delete (by mistake, by a compromised workload or by ransomware) destroys training data and models for good.",
  fix: "Add an aws_s3_bucket_versioning with versioning_configuration.status = \"Enabled\".",
  appliesTo: ["aws_s3_bucket"],
  references: [
    { source: "checkov", id: "CKV_AWS_21", verified: false },
    { source: "trivy", id: "AVD-AWS-0090", verified: false },
  ],
  evaluate(bucket, index) {
    const configs = s3Configs(bucket, index, "aws_s3_bucket_versioning");
    const statuses = configs.map((c) => at(c.attributes, "versioning_configuration.status"));
    if (statuses.includes("Enabled") || isTrue(at(bucket.attributes, "versioning.enabled"))) return pass();
    return fail(configs.length === 0 ? "no aws_s3_bucket_versioning is linked to the bucket" : `versioning_configuration.status = ${show(statuses[0])}`);
  },
};
