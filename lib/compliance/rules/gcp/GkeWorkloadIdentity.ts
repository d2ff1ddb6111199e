import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Workload Identity Federation for GKE enabled on the cluster. */
export const GkeWorkloadIdentity: Rule = {
  id: "AIP-GKE-004",
  title: "GKE clusters enable Workload Identity",
  severity: "high",
  rationale: "Without Workload Identity, pods use the node's service account: every pod on a node has the union of all teams' cloud permissions, and there is no per-team data boundary.",
  fix: "Set workload_identity_config.workload_pool = \"<project>.svc.id.goog\".",
  appliesTo: ["google_container_cluster"],
  references: [{ source: "cis", id: "CIS GKE 5.2.2", verified: false }],
  evaluate(cluster) {
    const pool = at(cluster.attributes, "workload_identity_config.workload_pool");
    return typeof pool === "string" && pool !== "" ? pass() : fail("workload_identity_config.workload_pool is not set");
  },
};
