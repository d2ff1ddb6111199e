import { at, isFalse } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Auto repair and auto upgrade not turned off (defaults true). */
export const GkeNodeAutoRepairUpgrade: Rule = {
  id: "AIP-GKE-016",
  title: "GKE node pools auto-repair and auto-upgrade",
  severity: "medium",
  rationale: "Auto-upgrade keeps node images patched with the control plane; auto-repair replaces broken nodes (a wedged GPU driver) without a human.",
  fix: "Leave management.auto_repair and management.auto_upgrade unset (true) or set them to true.",
  appliesTo: ["google_container_node_pool"],
  references: [
    { source: "checkov", id: "CKV_GCP_9", verified: true },
    { source: "checkov", id: "CKV_GCP_10", verified: true },
  ],
  evaluate(pool) {
    const off = ["auto_repair", "auto_upgrade"].filter((k) => isFalse(at(pool.attributes, `management.${k}`)));
    return off.length === 0 ? pass() : fail(`management.${off.join(", management.")} = false`);
  },
};
