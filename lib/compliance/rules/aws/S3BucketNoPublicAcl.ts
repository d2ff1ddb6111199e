import { allAt, at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, s3Configs } from "../util";

const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

/** No canned public ACL and no grant to AllUsers/AuthenticatedUsers, on the bucket or a linked `aws_s3_bucket_acl`. */
export const S3BucketNoPublicAcl: Rule = {
  id: "AIP-S3-008",
  title: "S3 buckets grant nothing to everyone through ACLs",
  severity: "critical",
  rationale: "A public-read ACL publishes every object to the internet; authenticated-read publishes it to every AWS account in the world.",
  fix: "Remove the ACL (disable ACLs with BucketOwnerEnforced) and grant access with IAM policies.",
  appliesTo: ["aws_s3_bucket"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_AWS_20", verified: false },
    { source: "checkov", id: "CKV_AWS_57", verified: false },
    { source: "trivy", id: "AVD-AWS-0092", verified: false },
  ],
  evaluate(bucket, index) {
    const acls = [bucket, ...s3Configs(bucket, index, "aws_s3_bucket_acl")];
    for (const r of acls) {
      const acl = r.attributes["acl"];
      if (typeof acl === "string" && PUBLIC_ACLS.has(acl)) return fail(`${r.address}: acl = "${acl}"`);
      const grants = allAt(r.attributes, "access_control_policy.grant");
      const open = grants.find((g) => PUBLIC_GROUPS.includes(String(at(g, "grantee.uri") ?? "")));
      if (open !== undefined) return fail(`${r.address}: grant to ${String(at(open, "grantee.uri"))}`);
    }
    return pass();
  },
};
