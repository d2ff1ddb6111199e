import type { Rule } from "../../model";
import { conditionValue, parsePolicy } from "../../policy";
import { fail, pass, s3Configs } from "../util";

/** A bucket policy statement that denies every request made without TLS. */
export const S3BucketTlsOnly: Rule = {
  id: "AIP-S3-005",
  title: "S3 bucket policies deny requests without TLS",
  severity: "high",
  rationale: "S3 accepts plain HTTP. Only a Deny on aws:SecureTransport = false guarantees that data and credentials never travel unencrypted, whatever client or SDK setting is used.",
  fix: "Attach an aws_s3_bucket_policy with a Deny of s3:* for principal * on the bucket and its objects when aws:SecureTransport is false.",
  appliesTo: ["aws_s3_bucket"],
  references: [
    { source: "aws-config", id: "S3_BUCKET_SSL_REQUESTS_ONLY", verified: false },
    { source: "cdk-nag", id: "S3BucketSSLRequestsOnly", verified: false },
  ],
  evaluate(bucket, index) {
    const policies = s3Configs(bucket, index, "aws_s3_bucket_policy");
    if (policies.length === 0 && bucket.attributes["policy"] === undefined) return fail("no bucket policy is linked to the bucket");
    const statements = [...policies.map((p) => p.attributes["policy"]), bucket.attributes["policy"]]
      .filter((v) => v !== undefined)
      .flatMap((v) => parsePolicy(v, index) ?? []);
    const denies = statements.some(
      (s) =>
        s.effect === "Deny" &&
        s.principals.some((p) => p.id === "*") &&
        s.actions.some((a) => a === "s3:*" || a === "*") &&
        conditionValue(s, "aws:SecureTransport").some((v) => v === "false"),
    );
    return denies ? pass() : fail("no statement denies s3:* to * when aws:SecureTransport is false");
  },
};
