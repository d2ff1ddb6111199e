import { at, num } from "../../json";
import type { Rule } from "../../model";
import { fail, isRegistryBucket, pass, skip } from "../util";

/** The model registry bucket has a retention policy. */
export const GcsRegistryRetention: Rule = {
  id: "AIP-GCS-006",
  title: "The model registry bucket has a retention policy",
  severity: "medium",
  rationale: "A bucket retention policy makes each published model version undeletable and unchangeable for the period, which is what makes it auditable.",
  fix: "Set retention_policy { retention_period = <seconds> } (and is_locked once agreed) on the registry bucket.",
  appliesTo: ["google_storage_bucket"],
  references: [],
  evaluate(bucket, index) {
    if (!isRegistryBucket(bucket, index)) return skip("not the model registry");
    const period = num(at(bucket.attributes, "retention_policy.retention_period"));
    return period !== undefined && period > 0 ? pass(`${period} s`) : fail("retention_policy.retention_period is not set");
  },
};
