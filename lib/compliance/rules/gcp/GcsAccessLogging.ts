import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, memo, pass, skip } from "../util";

/** Usage logs delivered to a log bucket (the log bucket itself is exempt). */
export const GcsAccessLogging: Rule = {
  id: "AIP-GCS-005",
  title: "Cloud Storage buckets log usage to a log bucket",
  severity: "low",
  rationale: "Usage logs record requests to the bucket for chargeback and investigation (Data Access audit logs are the complement).",
  fix: "Set logging { log_bucket = <log bucket> }.",
  appliesTo: ["google_storage_bucket"],
  references: [{ source: "checkov", id: "CKV_GCP_62", verified: true }],
  evaluate(bucket, index) {
    if (at(bucket.attributes, "logging.log_bucket") !== undefined) return pass();
    const name = bucket.attributes["name"];
    const isTarget =
      index.referrers(bucket, ["google_storage_bucket"], "logging").length > 0 ||
      (typeof name === "string" &&
        memo(index, "gcsLogTargets", () => new Set(index.ofType("google_storage_bucket").map((b) => at(b.attributes, "logging.log_bucket")))).has(name));
    return isTarget ? skip("the bucket is the log destination of other buckets") : fail("logging.log_bucket is not set");
  },
};
