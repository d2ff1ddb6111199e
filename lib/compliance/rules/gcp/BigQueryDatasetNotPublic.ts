import { allAt } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** No access entry for allUsers / allAuthenticatedUsers. */
export const BigQueryDatasetNotPublic: Rule = {
  id: "AIP-BQ-002",
  title: "BigQuery datasets are not public",
  severity: "critical",
  rationale: "A dataset access entry for allUsers or allAuthenticatedUsers publishes every table in it.",
  fix: "Remove the access entry; grant to groups or service accounts.",
  appliesTo: ["google_bigquery_dataset"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_GCP_15", verified: true },
    { source: "trivy", id: "AVD-GCP-0046", verified: false },
  ],
  evaluate(dataset) {
    const open = allAt(dataset.attributes, "access").filter(
      (a) => a["special_group"] === "allAuthenticatedUsers" || a["iam_member"] === "allUsers" || a["iam_member"] === "allAuthenticatedUsers",
    );
    return open.length === 0 ? pass() : fail(`access for ${open.map((a) => String(a["special_group"] ?? a["iam_member"])).join(", ")}`);
  },
};
