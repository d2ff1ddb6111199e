import { at, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** NetworkPolicy is enforced: Dataplane V2 or the Calico network policy add-on. */
export const GkeNetworkPolicy: Rule = {
  id: "AIP-GKE-011",
  title: "GKE clusters enforce NetworkPolicy (Dataplane V2 or network_policy)",
  severity: "medium",
  rationale: "Without an enforcing dataplane, the default-deny NetworkPolicies of team namespaces are accepted by the API and silently ignored.",
  fix: "Set datapath_provider = \"ADVANCED_DATAPATH\" (Dataplane V2) or network_policy { enabled = true }.",
  appliesTo: ["google_container_cluster"],
  references: [
    { source: "checkov", id: "CKV_GCP_12", verified: true },
    { source: "trivy", id: "AVD-GCP-0056", verified: false },
    { source: "cis", id: "CIS GKE 5.6.7", verified: false },
  ],
  evaluate(cluster) {
    if (cluster.attributes["datapath_provider"] === "ADVANCED_DATAPATH") return pass("Dataplane V2");
    return isTrue(at(cluster.attributes, "network_policy.enabled")) ? pass("network_policy enabled") : fail("neither Dataplane V2 nor network_policy.enabled");
  },
};
