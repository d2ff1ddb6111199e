import { blocks, strings } from "../../json";
import type { Rule } from "../../model";
import { fail, k8sTypes, manifestKind, pass, skip } from "../util";
import { manifestOf } from "./k8s-common";

/** Roles and ClusterRoles use no `*` in verbs, resources or apiGroups. */
export const RbacNoWildcards: Rule = {
  id: "AIP-K8S-004",
  title: "Roles and ClusterRoles use no wildcard verbs, resources or apiGroups",
  severity: "high",
  rationale: "A wildcard grants every present and future resource or verb (secrets, escalate, impersonate): the role is admin in disguise. Use the built-in cluster-admin binding when admin is meant, so reviewers see it.",
  fix: "List the apiGroups, resources and verbs explicitly.",
  appliesTo: [...k8sTypes("role", "cluster_role"), "kubernetes_manifest"],
  references: [
    { source: "trivy", id: "KSV044", verified: false, note: "manifests; KSV045/KSV046 similar" },
    { source: "checkov", id: "CKV_K8S_49", verified: false, note: "manifests" },
  ],
  evaluate(role) {
    let rules;
    if (role.type === "kubernetes_manifest") {
      const kind = manifestKind(role);
      if (kind !== "Role" && kind !== "ClusterRole") return skip();
      rules = blocks(manifestOf(role)?.["rules"]).map((r) => ({ api_groups: r["apiGroups"], resources: r["resources"], verbs: r["verbs"] }));
    } else {
      rules = blocks(role.attributes["rule"]);
    }
    const wild: string[] = [];
    for (const r of rules) {
      for (const key of ["api_groups", "resources", "verbs"] as const) {
        if (strings(r[key]).includes("*")) wild.push(key);
      }
    }
    return wild.length === 0 ? pass() : fail(`"*" in ${[...new Set(wild)].join(", ")}`);
  },
};
