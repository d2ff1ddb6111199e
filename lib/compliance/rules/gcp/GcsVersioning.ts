import { at, isTrue, num } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, skip } from "../util";

/**
 * Object versioning on, unless the bucket has a retention policy: Cloud Storage does
 * not allow Object Versioning on a bucket with a retention policy (the retention policy
 * is what protects objects there; see cloud.google.com/storage/docs/bucket-lock).
 */
export const GcsVersioning: Rule = {
  id: "AIP-GCS-003",
  title: "Cloud Storage buckets keep object versions",
  severity: "medium",
  rationale: "Without versioning an overwrite or delete destroys training data and models for good.",
  fix: "Set versioning { enabled = true }.",
  appliesTo: ["google_storage_bucket"],
  references: [{ source: "checkov", id: "CKV_GCP_78", verified: true }],
  evaluate(bucket) {
    const retention = num(at(bucket.attributes, "retention_policy.retention_period"));
    if (retention !== undefined && retention > 0 && !isTrue(at(bucket.attributes, "versioning.enabled")))
      return skip("a retention policy protects the objects (Cloud Storage does not combine it with Object Versioning)");
    return isTrue(at(bucket.attributes, "versioning.enabled")) ? pass() : fail("versioning.enabled is not true");
  },
};
