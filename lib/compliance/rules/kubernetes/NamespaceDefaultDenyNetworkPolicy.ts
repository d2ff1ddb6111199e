import { at, blocks, isObject, strings } from "../../json";
import type { Resource, Rule } from "../../model";
import { fail, isSystemNamespace, namespaceName, pass, skip } from "../util";
import { manifestOf, NAMESPACE_TYPES, nsLabel, objectsInNamespace } from "./k8s-common";

function emptySelector(selector: unknown): boolean {
  if (selector === undefined) return false;
  const s = blocks(selector)[0] ?? {};
  const labels = s["match_labels"] ?? s["matchLabels"];
  const expressions = s["match_expressions"] ?? s["matchExpressions"];
  return (!isObject(labels) || Object.keys(labels).length === 0) && blocks(expressions).length === 0;
}

/** True when a NetworkPolicy selects every pod and allows no ingress. */
export function isDefaultDeny(policy: Resource): boolean {
  const spec = policy.type === "kubernetes_manifest" ? at(manifestOf(policy), "spec") : at(policy.attributes, "spec");
  const s = blocks(spec)[0];
  if (s === undefined) return false;
  const selector = s["pod_selector"] ?? s["podSelector"] ?? (policy.type === "kubernetes_manifest" ? undefined : {});
  const types = strings(s["policy_types"] ?? s["policyTypes"]);
  return emptySelector(selector) && types.includes("Ingress") && blocks(s["ingress"]).length === 0;
}

/** Every platform namespace has a default-deny ingress NetworkPolicy. */
export const NamespaceDefaultDenyNetworkPolicy: Rule = {
  id: "AIP-K8S-002",
  title: "Every namespace (except kube-*) has a default-deny NetworkPolicy",
  severity: "high",
  rationale: "Kubernetes allows all pod-to-pod traffic by default: any compromised pod reaches every team's model servers and notebooks. A default-deny policy makes each allowed flow explicit.",
  fix: "Add a kubernetes_network_policy_v1 with an empty pod_selector, policy_types [\"Ingress\", \"Egress\"] and no ingress rules, then allow what is needed.",
  appliesTo: NAMESPACE_TYPES,
  references: [],
  evaluate(ns, index) {
    if (isSystemNamespace(namespaceName(ns))) return skip("system namespace");
    const policies = objectsInNamespace(ns, index, "network_policy", "NetworkPolicy");
    const deny = policies.find(isDefaultDeny);
    return deny !== undefined ? pass(deny.address) : fail(`no default-deny NetworkPolicy in ${nsLabel(ns)}`);
  },
};
