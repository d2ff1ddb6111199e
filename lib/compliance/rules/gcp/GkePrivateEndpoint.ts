import type { Rule } from "../../model";
import { fail, pass } from "../util";
import { authorizedCidrs, authorizedNetworksOpen, hasPrivateEndpoint } from "./gke-common";

/** The control plane endpoint is private, unless authorized networks restrict the public one. */
export const GkePrivateEndpoint: Rule = {
  id: "AIP-GKE-002",
  title: "GKE control planes have a private endpoint (or a public one only for authorized networks)",
  severity: "high",
  rationale: "A public control plane endpoint without authorized networks accepts connections from the whole internet; the API server is then one vulnerability away from the cluster.",
  fix: "Set private_cluster_config.enable_private_endpoint = true (network.apiAccess: private), or list the allowed CIDRs in master_authorized_networks_config.",
  appliesTo: ["google_container_cluster"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_GCP_18", verified: true },
    { source: "cis", id: "CIS GKE 5.6.4", verified: false },
  ],
  evaluate(cluster) {
    if (hasPrivateEndpoint(cluster)) return pass();
    const cidrs = authorizedCidrs(cluster);
    if (cidrs === undefined || cidrs.length === 0) return fail("public endpoint without master_authorized_networks_config");
    if (authorizedNetworksOpen(cluster)) return fail(`public endpoint open to ${cidrs.join(", ")}`);
    return pass(`public endpoint limited to ${cidrs.join(", ")}`);
  },
};
