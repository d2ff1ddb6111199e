import type { Rule } from "../../model";
import { fail, isSystemNamespace, namespaceName, pass, skip } from "../util";
import { NAMESPACE_TYPES, nsLabel, objectsInNamespace } from "./k8s-common";

/** Every platform namespace has a ResourceQuota. */
export const NamespaceResourceQuota: Rule = {
  id: "AIP-K8S-001",
  title: "Every namespace (except kube-*) has a ResourceQuota",
  severity: "medium",
  rationale: "Without a quota one team's runaway job takes every node of the shared cluster (and its budget); quotas make the sharing explicit.",
  fix: "Add a kubernetes_resource_quota_v1 in the namespace (teams[].gpuQuota sets its GPU line).",
  appliesTo: NAMESPACE_TYPES,
  references: [],
  evaluate(ns, index) {
    if (isSystemNamespace(namespaceName(ns))) return skip("system namespace");
    const quotas = objectsInNamespace(ns, index, "resource_quota", "ResourceQuota");
    return quotas.length > 0 ? pass(quotas.map((q) => q.address).join(", ")) : fail(`no ResourceQuota in ${nsLabel(ns)}`);
  },
};
