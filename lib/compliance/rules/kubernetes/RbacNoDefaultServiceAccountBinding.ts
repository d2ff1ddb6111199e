import { blocks } from "../../json";
import type { Rule } from "../../model";
import { fail, k8sTypes, pass } from "../util";

/** No RoleBinding/ClusterRoleBinding names a `default` service account. */
export const RbacNoDefaultServiceAccountBinding: Rule = {
  id: "AIP-K8S-005",
  title: "RBAC bindings do not grant to a default service account",
  severity: "medium",
  rationale: "Every pod that names no service account runs as default: a grant to it goes to every such pod of the namespace, not to one workload.",
  fix: "Create a dedicated service account for the workload and bind the role to it.",
  appliesTo: k8sTypes("role_binding", "cluster_role_binding"),
  references: [],
  evaluate(binding) {
    const bad = blocks(binding.attributes["subject"]).filter((s) => s["kind"] === "ServiceAccount" && s["name"] === "default");
    return bad.length === 0 ? pass() : fail(`binds ${bad.map((s) => `${String(s["namespace"] ?? "?")}/default`).join(", ")}`);
  },
};
