import type { Rule } from "../../model";
import { fail, pass, show } from "../util";
import { nodeConfigAt } from "./node-pool-common";

/** The GKE metadata server (mode GKE_METADATA): pods see their own identity only. */
export const GkeNodeMetadataServer: Rule = {
  id: "AIP-GKE-012",
  title: "GKE node pools run the GKE metadata server (GKE_METADATA)",
  severity: "high",
  rationale: "Without the GKE metadata server pods read the node's metadata: its service account token and the kubelet bootstrap credentials.",
  fix: "Set node_config.workload_metadata_config.mode = \"GKE_METADATA\".",
  appliesTo: ["google_container_node_pool"],
  references: [
    { source: "checkov", id: "CKV_GCP_69", verified: true },
    { source: "cis", id: "CIS GKE 5.4.2", verified: false },
  ],
  evaluate(pool) {
    const mode = nodeConfigAt(pool, "workload_metadata_config.mode");
    return mode === "GKE_METADATA" ? pass() : fail(`node_config.workload_metadata_config.mode = ${show(mode)}`);
  },
};
