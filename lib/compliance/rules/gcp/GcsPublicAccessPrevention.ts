import type { Rule } from "../../model";
import { fail, pass, show } from "../util";

/** Public access prevention enforced. */
export const GcsPublicAccessPrevention: Rule = {
  id: "AIP-GCS-002",
  title: "Cloud Storage buckets enforce public access prevention",
  severity: "high",
  rationale: "Enforced public access prevention makes a later allUsers grant fail instead of publishing the data.",
  fix: "Set public_access_prevention = \"enforced\".",
  appliesTo: ["google_storage_bucket"],
  references: [{ source: "checkov", id: "CKV_GCP_114", verified: true, note: "checkov also uses this id for folder basic roles" }],
  evaluate(bucket) {
    const value = bucket.attributes["public_access_prevention"];
    return value === "enforced" ? pass() : fail(`public_access_prevention = ${show(value)}`);
  },
};
