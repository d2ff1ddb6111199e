import { isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Legacy ABAC off: RBAC alone authorizes. */
export const GkeLegacyAbacDisabled: Rule = {
  id: "AIP-GKE-007",
  title: "GKE clusters disable legacy ABAC",
  severity: "high",
  rationale: "Legacy ABAC grants broad rights outside RBAC, so the namespaces, roles and bindings the platform reviews would not be the whole story.",
  fix: "Leave enable_legacy_abac unset or false.",
  appliesTo: ["google_container_cluster"],
  references: [
    { source: "checkov", id: "CKV_GCP_7", verified: true },
    { source: "cis", id: "CIS GKE 5.8.4", verified: false },
  ],
  evaluate(cluster) {
    return isTrue(cluster.attributes["enable_legacy_abac"]) ? fail("enable_legacy_abac = true") : pass();
  },
};
