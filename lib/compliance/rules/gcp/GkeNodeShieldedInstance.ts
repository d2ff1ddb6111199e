import { isFalse, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";
import { nodeConfigAt } from "./node-pool-common";

/** Secure boot on, integrity monitoring not off. */
export const GkeNodeShieldedInstance: Rule = {
  id: "AIP-GKE-013",
  title: "GKE node pools use secure boot and integrity monitoring",
  severity: "medium",
  rationale: "Secure boot refuses unsigned boot components and integrity monitoring reports a changed boot chain: together they catch rootkits on nodes that run GPU drivers.",
  fix: "Set node_config.shielded_instance_config { enable_secure_boot = true, enable_integrity_monitoring = true }.",
  appliesTo: ["google_container_node_pool"],
  references: [
    { source: "checkov", id: "CKV_GCP_68", verified: true },
    { source: "checkov", id: "CKV_GCP_72", verified: true },
    { source: "cis", id: "CIS GKE 5.5.7", verified: false },
  ],
  evaluate(pool) {
    const problems: string[] = [];
    if (!isTrue(nodeConfigAt(pool, "shielded_instance_config.enable_secure_boot"))) problems.push("enable_secure_boot is not true");
    if (isFalse(nodeConfigAt(pool, "shielded_instance_config.enable_integrity_monitoring"))) problems.push("enable_integrity_monitoring = false");
    return problems.length === 0 ? pass() : fail(problems.join("; "));
  },
};
