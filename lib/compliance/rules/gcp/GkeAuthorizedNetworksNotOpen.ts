import type { Rule } from "../../model";
import { fail, pass } from "../util";
import { authorizedCidrs, authorizedNetworksOpen, hasPrivateEndpoint } from "./gke-common";

/** Master authorized networks configured and never 0.0.0.0/0. */
export const GkeAuthorizedNetworksNotOpen: Rule = {
  id: "AIP-GKE-003",
  title: "GKE master authorized networks are set and do not include 0.0.0.0/0",
  severity: "critical",
  rationale: "Authorized networks are the allow-list in front of the API server; 0.0.0.0/0 (or letting in all Google Cloud public IPs) turns it off.",
  fix: "Set master_authorized_networks_config with the VPC/office CIDRs only.",
  appliesTo: ["google_container_cluster"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_GCP_20", verified: true },
    { source: "trivy", id: "AVD-GCP-0053", verified: true },
    { source: "trivy", id: "AVD-GCP-0061", verified: false },
    { source: "cis", id: "CIS GKE 5.6.3", verified: false },
  ],
  evaluate(cluster) {
    const cidrs = authorizedCidrs(cluster);
    if (authorizedNetworksOpen(cluster)) return fail(`master_authorized_networks_config allows ${(cidrs ?? []).join(", ") || "Google Cloud public IPs"}`);
    if (cidrs === undefined) return hasPrivateEndpoint(cluster) ? pass("private endpoint, no authorized networks needed") : fail("no master_authorized_networks_config");
    return pass();
  },
};
