import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Default encryption with a Cloud KMS key. */
export const GcsCmek: Rule = {
  id: "AIP-GCS-004",
  title: "Cloud Storage buckets encrypt with a customer-managed key",
  severity: "medium",
  rationale: "A customer-managed key adds a second, auditable gate (cloudkms.cryptoKeyEncrypterDecrypter) to reading the data, and can be disabled to make it unreadable.",
  fix: "Set encryption.default_kms_key_name and let the Cloud Storage service agent use the key.",
  appliesTo: ["google_storage_bucket"],
  references: [{ source: "trivy", id: "AVD-GCP-0066", verified: false }],
  evaluate(bucket) {
    const key = at(bucket.attributes, "encryption.default_kms_key_name");
    return typeof key === "string" && key !== "" ? pass() : fail("encryption.default_kms_key_name is not set");
  },
};
