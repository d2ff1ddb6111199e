import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Default table encryption with a Cloud KMS key. */
export const BigQueryDatasetCmek: Rule = {
  id: "AIP-BQ-001",
  title: "BigQuery datasets encrypt tables with a customer-managed key",
  severity: "medium",
  rationale: "The catalog holds schemas and often data; a customer-managed key keeps it under the same key control as the lake.",
  fix: "Set default_encryption_configuration { kms_key_name = <crypto key id> }.",
  appliesTo: ["google_bigquery_dataset"],
  references: [{ source: "checkov", id: "CKV_GCP_81", verified: true }],
  evaluate(dataset) {
    const key = at(dataset.attributes, "default_encryption_configuration.kms_key_name");
    return typeof key === "string" && key !== "" ? pass() : fail("default_encryption_configuration.kms_key_name is not set");
  },
};
