import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, s3Configs, show } from "../util";

/** Object ownership `BucketOwnerEnforced`: ACLs disabled. */
export const S3BucketOwnershipEnforced: Rule = {
  id: "AIP-S3-004",
  title: "S3 buckets disable ACLs (object ownership BucketOwnerEnforced)",
  severity: "medium",
  rationale: "With ACLs disabled, access is decided by policies alone and every object belongs to the bucket owner, so an uploader cannot keep objects the platform cannot read, delete or audit.",
  fix: "Add an aws_s3_bucket_ownership_controls with rule.object_ownership = \"BucketOwnerEnforced\".",
  appliesTo: ["aws_s3_bucket"],
  references: [{ source: "checkov", id: "CKV2_AWS_65", verified: false }],
  evaluate(bucket, index) {
    const controls = s3Configs(bucket, index, "aws_s3_bucket_ownership_controls");
    if (controls.length === 0) return fail("no aws_s3_bucket_ownership_controls is linked to the bucket");
    const ownership = controls.map((c) => at(c.attributes, "rule.object_ownership"));
    return ownership.includes("BucketOwnerEnforced") ? pass() : fail(`rule.object_ownership = ${show(ownership[0])}`);
  },
};
