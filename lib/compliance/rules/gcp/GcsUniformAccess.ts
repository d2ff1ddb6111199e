import { isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Uniform bucket-level access: IAM only, no object ACLs. */
export const GcsUniformAccess: Rule = {
  id: "AIP-GCS-001",
  title: "Cloud Storage buckets use uniform bucket-level access",
  severity: "high",
  rationale: "With object ACLs, any object can be made public or shared on its own, invisible to a review of bucket IAM.",
  fix: "Set uniform_bucket_level_access = true.",
  appliesTo: ["google_storage_bucket"],
  references: [
    { source: "checkov", id: "CKV_GCP_29", verified: true },
    { source: "trivy", id: "AVD-GCP-0002", verified: false },
    { source: "cis", id: "CIS GCP Foundations 5.2", verified: false },
  ],
  evaluate(bucket) {
    return isTrue(bucket.attributes["uniform_bucket_level_access"]) ? pass() : fail("uniform_bucket_level_access is not true");
  },
};
