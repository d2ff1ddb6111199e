import type { Rule } from "../../model";
import { fail, pass } from "../util";
import { nodeConfigAt } from "./node-pool-common";

/** Nodes run as a dedicated service account, not the Compute Engine default one. */
export const GkeNodeNotDefaultServiceAccount: Rule = {
  id: "AIP-GKE-014",
  title: "GKE node pools do not run as the Compute Engine default service account",
  severity: "high",
  rationale: "The default compute service account has Editor on the project by default: every node (and every pod that reaches the node's metadata) could change the project.",
  fix: "Set node_config.service_account to a dedicated, minimal node service account.",
  appliesTo: ["google_container_node_pool"],
  references: [
    { source: "checkov", id: "CKV_GCP_30", verified: true, note: "compute instances" },
    { source: "cis", id: "CIS GKE 5.2.1", verified: false },
  ],
  evaluate(pool) {
    const account = nodeConfigAt(pool, "service_account");
    if (account === undefined || account === "default") return fail("node_config.service_account is not set: the Compute Engine default service account is used");
    if (typeof account === "string" && account.endsWith("-compute@developer.gserviceaccount.com")) return fail(`node_config.service_account = ${account}`);
    return pass();
  },
};
