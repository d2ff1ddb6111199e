import { isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, s3Configs } from "../util";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

/** All four S3 Block Public Access settings on, through a linked `aws_s3_bucket_public_access_block`. */
export const S3BucketPublicAccessBlock: Rule = {
  id: "AIP-S3-003",
  title: "S3 buckets block public access (all four settings)",
  severity: "high",
  rationale: "Block Public Access is the guard that keeps a later ACL or policy mistake from publishing the data. Each of the four settings closes a different path (new ACLs, existing ACLs, new policies, cross-account access of public policies).",
  fix: "Add an aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.",
  appliesTo: ["aws_s3_bucket"],
  references: [
    { source: "checkov", id: "CKV2_AWS_6", verified: false },
    { source: "checkov", id: "CKV_AWS_53", verified: false, note: "CKV_AWS_53..56: one setting each" },
    { source: "trivy", id: "AVD-AWS-0094", verified: false },
  ],
  evaluate(bucket, index) {
    const blocks = s3Configs(bucket, index, "aws_s3_bucket_public_access_block");
    if (blocks.length === 0) return fail("no aws_s3_bucket_public_access_block is linked to the bucket");
    const off = SETTINGS.filter((s) => !blocks.some((b) => isTrue(b.attributes[s])));
    return off.length === 0 ? pass() : fail(`not true: ${off.join(", ")}`);
  },
};
