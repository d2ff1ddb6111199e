import { isFalse } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Shielded GKE nodes (provider default true; only an explicit false fails). */
export const GkeShieldedNodes: Rule = {
  id: "AIP-GKE-006",
  title: "GKE clusters use Shielded GKE Nodes",
  severity: "medium",
  rationale: "Shielded nodes prove their identity to the control plane, so a compromised pod cannot impersonate a node and read its secrets.",
  fix: "Leave enable_shielded_nodes unset (true) or set it to true.",
  appliesTo: ["google_container_cluster"],
  references: [
    { source: "checkov", id: "CKV_GCP_71", verified: true },
    { source: "cis", id: "CIS GKE 5.5.5", verified: false },
  ],
  evaluate(cluster) {
    return isFalse(cluster.attributes["enable_shielded_nodes"]) ? fail("enable_shielded_nodes = false") : pass();
  },
};
