import { at, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** No client certificate issued: a static credential that cannot be revoked. */
export const GkeClientCertificateDisabled: Rule = {
  id: "AIP-GKE-008",
  title: "GKE clusters do not issue a client certificate",
  severity: "medium",
  rationale: "The legacy client certificate is a cluster-admin credential that cannot be revoked short of rotating the cluster CA; it bypasses IAM.",
  fix: "Leave master_auth.client_certificate_config.issue_client_certificate unset or false.",
  appliesTo: ["google_container_cluster"],
  references: [
    { source: "checkov", id: "CKV_GCP_13", verified: true },
    { source: "cis", id: "CIS GKE 5.8.2", verified: false },
  ],
  evaluate(cluster) {
    return isTrue(at(cluster.attributes, "master_auth.client_certificate_config.issue_client_certificate"))
      ? fail("master_auth.client_certificate_config.issue_client_certificate = true")
      : pass();
  },
};
