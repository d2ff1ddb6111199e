import type { Rule } from "../../model";
import { isOpenToAnyone, parsePolicy, unreadableMessage } from "../../policy";
import { fail, pass, s3Configs } from "../util";

/** No bucket policy statement allows principal `*` without a condition that pins the caller. */
export const S3BucketPolicyNoPublicPrincipal: Rule = {
  id: "AIP-S3-009",
  title: "S3 bucket policies allow nothing to any principal (*)",
  severity: "critical",
  rationale: "An Allow for principal * (without an account, organisation or VPC endpoint condition) makes the bucket readable or writable by anyone on the internet.",
  fix: "Name the principals (roles of this account) instead of *, or add an aws:PrincipalOrgID / aws:SourceVpce condition.",
  appliesTo: ["aws_s3_bucket"],
  exposure: true,
  references: [{ source: "checkov", id: "CKV_AWS_70", verified: true }],
  evaluate(bucket, index) {
    const values = [...s3Configs(bucket, index, "aws_s3_bucket_policy").map((p) => p.attributes["policy"]), bucket.attributes["policy"]].filter(
      (v) => v !== undefined,
    );
    for (const v of values) {
      const statements = parsePolicy(v, index);
      if (statements === undefined) return fail(unreadableMessage(["policy"]) ?? "");
      const open = statements.find(isOpenToAnyone);
      if (open !== undefined) return fail(`statement ${open.sid ?? "(no Sid)"} allows ${open.actions.join(", ")} to principal *`);
    }
    return pass();
  },
};
