import { isFalse } from "../../json";
import type { Rule } from "../../model";
import { fail, isSystemNamespace, k8sTypes, namespaceName, pass, skip } from "../util";
import { inNamespace } from "../util";
import { NAMESPACE_TYPES, nsLabel } from "./k8s-common";

/** The namespace's default service account does not automount its token. */
export const NamespaceDefaultSaNoAutomount: Rule = {
  id: "AIP-K8S-006",
  title: "Default service accounts do not automount API tokens",
  severity: "medium",
  rationale: "Pods that do not need the Kubernetes API still get a token by default; a compromised pod then talks to the API server with it.",
  fix: "Manage the namespace's default service account with kubernetes_default_service_account_v1 and automount_service_account_token = false.",
  appliesTo: NAMESPACE_TYPES,
  references: [{ source: "checkov", id: "CKV_K8S_38", verified: false, note: "manifests, pod level" }],
  evaluate(ns, index) {
    if (isSystemNamespace(namespaceName(ns))) return skip("system namespace");
    const defaults = inNamespace(ns, index, k8sTypes("default_service_account"));
    if (defaults.length === 0) return fail(`the default service account of ${nsLabel(ns)} is not managed (automount stays on)`);
    return defaults.every((d) => isFalse(d.attributes["automount_service_account_token"]))
      ? pass()
      : fail(`automount_service_account_token is not false on ${defaults.map((d) => d.address).join(", ")}`);
  },
};
