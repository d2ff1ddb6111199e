import { at, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Nodes have internal IPs only. */
export const GkePrivateNodes: Rule = {
  id: "AIP-GKE-001",
  title: "GKE clusters use private nodes",
  severity: "high",
  rationale: "Nodes with external IPs are reachable from the internet; private nodes only have internal addresses and reach out through Cloud NAT.",
  fix: "Set private_cluster_config.enable_private_nodes = true.",
  appliesTo: ["google_container_cluster"],
  references: [
    { source: "checkov", id: "CKV_GCP_64", verified: true },
    { source: "checkov", id: "CKV_GCP_25", verified: true },
    { source: "trivy", id: "AVD-GCP-0059", verified: true },
    { source: "cis", id: "CIS GKE 5.6.5", verified: false },
  ],
  evaluate(cluster) {
    const nodes = at(cluster.attributes, "private_cluster_config.enable_private_nodes") ?? at(cluster.attributes, "network_config.enable_private_nodes");
    return isTrue(nodes) ? pass() : fail("private_cluster_config.enable_private_nodes is not true");
  },
};
