import { allAt, at } from "../../json";
import type { Resource, Rule, StackIndex } from "../../model";
import { fail, memo, pass, skip } from "../util";

/** Log types that together record who read and wrote objects. */
const DATA_LOG_TYPES = ["DATA_READ", "DATA_WRITE"] as const;

/**
 * Whether the configuration turns on Data Access audit logs (DATA_READ and DATA_WRITE)
 * for Cloud Storage on a project (`google_project_iam_audit_config` for
 * storage.googleapis.com or allServices).
 */
function storageDataAccessAudited(index: StackIndex): boolean {
  return memo(index, "gcsDataAccessAudited", () => index.ofType("google_project_iam_audit_config").some((config) => {
    const service = config.attributes["service"];
    if (service !== "storage.googleapis.com" && service !== "allServices") return false;
    const types = new Set(allAt(config.attributes, "audit_log_config").map((c) => c["log_type"]));
    return DATA_LOG_TYPES.every((t) => types.has(t));
  }));
}

/**
 * Access to a bucket is recorded: Data Access audit logs for Cloud Storage on the
 * project (Google's recommendation over usage logs,
 * https://cloud.google.com/storage/docs/access-logs), or legacy usage logs delivered to a
 * log bucket (the log bucket itself is exempt).
 */
export const GcsAccessLogging: Rule = {
  id: "AIP-GCS-005",
  title: "Access to Cloud Storage buckets is logged (Data Access audit logs or usage logs)",
  severity: "low",
  rationale:
    "A record of who read or wrote which object is what an investigation starts from. Data Access audit logs record it without the usage-log grant to cloud-storage-analytics@google.com, which domain-restricted sharing rejects.",
  fix: 'Add google_project_iam_audit_config { service = "storage.googleapis.com" } with DATA_READ and DATA_WRITE, or set logging { log_bucket = <log bucket> }.',
  appliesTo: ["google_storage_bucket"],
  references: [{ source: "checkov", id: "CKV_GCP_62", verified: true }],
  evaluate(bucket: Resource, index: StackIndex) {
    if (storageDataAccessAudited(index)) return pass("Data Access audit logs for storage.googleapis.com");
    if (at(bucket.attributes, "logging.log_bucket") !== undefined) return pass();
    const name = bucket.attributes["name"];
    const isTarget =
      index.referrers(bucket, ["google_storage_bucket"], "logging").length > 0 ||
      (typeof name === "string" &&
        memo(index, "gcsLogTargets", () => new Set(index.ofType("google_storage_bucket").map((b) => at(b.attributes, "logging.log_bucket")))).has(name));
    return isTarget
      ? skip("the bucket is the log destination of other buckets")
      : fail("neither Data Access audit logs for storage.googleapis.com nor logging.log_bucket is set");
  },
};
