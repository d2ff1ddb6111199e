import * as R from "../../lib/compliance/rules";
import type { Json } from "../../lib/compliance/model";
import { aws, describeRuleCases, indexOf, k8s, statusOf, type RuleCase } from "./helpers";

const ns = { kubernetes_namespace_v1: { team: { metadata: { name: "team-research" } } } };
const quota = (hard: Json, namespace = "${kubernetes_namespace_v1.team.metadata[0].name}") => ({
  kubernetes_resource_quota_v1: { q: { metadata: [{ name: "quota", namespace }], spec: [{ hard }] } },
});
const denyAll = (spec: Json) => ({ kubernetes_network_policy_v1: { deny: { metadata: { name: "default-deny", namespace: "team-research" }, spec } } });
const role = (rule: Json) => ({ kubernetes_cluster_role_v1: { r: { metadata: { name: "r" }, rule: [rule] } } });
const binding = (subject: Json) => ({
  kubernetes_role_binding_v1: { b: { metadata: { name: "b", namespace: "team-research" }, role_ref: { api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subject: [subject] } },
});

const K8S_CASES: RuleCase[] = [
  {
    rule: R.NamespaceResourceQuota,
    address: "kubernetes_namespace_v1.team",
    compliant: k8s({ ...ns, ...quota({ "requests.cpu": "64" }) }),
    nonCompliant: k8s({ ...ns, ...quota({ "requests.cpu": "64" }, "other") }),
  },
  {
    rule: R.NamespaceDefaultDenyNetworkPolicy,
    address: "kubernetes_namespace_v1.team",
    compliant: k8s({ ...ns, ...denyAll({ pod_selector: {}, policy_types: ["Ingress", "Egress"] }) }),
    nonCompliant: k8s({ ...ns, ...denyAll({ pod_selector: { match_labels: { app: "x" } }, policy_types: ["Ingress"] }) }),
  },
  {
    rule: R.NamespaceGpuQuota,
    address: "kubernetes_namespace_v1.team",
    compliant: k8s({ ...ns, ...quota({ "requests.nvidia.com/gpu": "8" }) }),
    nonCompliant: k8s({ ...ns, ...quota({ "requests.cpu": "64" }) }),
  },
  {
    rule: R.RbacNoWildcards,
    address: "kubernetes_cluster_role_v1.r",
    compliant: k8s(role({ api_groups: [""], resources: ["pods"], verbs: ["get", "list"] })),
    nonCompliant: k8s(role({ api_groups: ["*"], resources: ["*"], verbs: ["*"] })),
  },
  {
    rule: R.RbacNoDefaultServiceAccountBinding,
    address: "kubernetes_role_binding_v1.b",
    compliant: k8s(binding({ kind: "ServiceAccount", name: "workload", namespace: "team-research" })),
    nonCompliant: k8s(binding({ kind: "ServiceAccount", name: "default", namespace: "team-research" })),
  },
  {
    rule: R.NamespaceDefaultSaNoAutomount,
    address: "kubernetes_namespace_v1.team",
    compliant: k8s({ ...ns, kubernetes_default_service_account_v1: { d: { metadata: { namespace: "team-research" }, automount_service_account_token: false } } }),
    nonCompliant: k8s({ ...ns, kubernetes_default_service_account_v1: { d: { metadata: { namespace: "team-research" }, automount_service_account_token: true } } }),
  },
  {
    rule: R.ResidencyPinned,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_s3_bucket: { b: { bucket: "x" } } }),
    nonCompliant: aws({ aws_s3_bucket: { b: { bucket: "x", region: "us-east-1" } } }),
  },
  {
    rule: R.HelmReleasePinned,
    address: "helm_release.r",
    compliant: k8s({ helm_release: { r: { name: "kueue", chart: "kueue", repository: "oci://registry.k8s.io/kueue/charts", version: "0.19.2" } } }),
    nonCompliant: k8s({ helm_release: { r: { name: "kueue", chart: "kueue", repository: "oci://registry.k8s.io/kueue/charts" } } }),
  },
  {
    rule: R.KueueQueueProtectsShare,
    address: "kubernetes_manifest.q",
    compliant: k8s({
      kubernetes_manifest: {
        q: { manifest: { apiVersion: "kueue.x-k8s.io/v1beta2", kind: "ClusterQueue", metadata: { name: "team-a" }, spec: { cohortName: "teams", preemption: { reclaimWithinCohort: "Any" } } } },
      },
    }),
    // In a cohort but never reclaims what it lent.
    nonCompliant: k8s({
      kubernetes_manifest: {
        q: { manifest: { apiVersion: "kueue.x-k8s.io/v1beta2", kind: "ClusterQueue", metadata: { name: "team-a" }, spec: { cohortName: "teams", preemption: { reclaimWithinCohort: "Never" } } } },
      },
    }),
  },
];

describe("Kubernetes and residency rules", () => {
  describeRuleCases(K8S_CASES);

  test("every Kubernetes and residency rule has both cases", () => {
    expect(K8S_CASES.map((c) => c.rule.id).sort()).toEqual([...R.KUBERNETES_RULES, ...R.RESIDENCY_RULES].map((r) => r.id).sort());
  });

  test("kube-* namespaces are not required to have quotas", () => {
    const config = k8s({ kubernetes_namespace_v1: { sys: { metadata: { name: "kube-system" } } } });
    expect(statusOf(R.NamespaceResourceQuota, config, "kubernetes_namespace_v1.sys")).toBe("not-applicable");
  });

  test("a namespace is linked by literal name as well as by reference", () => {
    expect(statusOf(R.NamespaceGpuQuota, k8s({ ...ns, ...quota({ "requests.nvidia.com/gpu": "0" }, "team-research") }), "kubernetes_namespace_v1.team")).toBe("compliant");
  });

  test("a default-deny NetworkPolicy may be a kubernetes_manifest", () => {
    const config = k8s({
      ...ns,
      kubernetes_manifest: {
        deny: { manifest: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny", namespace: "team-research" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } } },
      },
    });
    expect(statusOf(R.NamespaceDefaultDenyNetworkPolicy, config, "kubernetes_namespace_v1.team")).toBe("compliant");
  });

  test("residency is not checked without a jurisdiction", () => {
    const config = { provider: { aws: [{ region: "us-east-1" }] }, resource: { aws_s3_bucket: { b: { bucket: "x" } } } };
    expect(statusOf(R.ResidencyPinned, config, "aws_s3_bucket.b")).toBe("not-applicable");
  });

  test("--residency wins over the provider tag", () => {
    const index = indexOf(aws({ aws_s3_bucket: { b: { bucket: "x" } } }), "us");
    expect(index.jurisdiction).toBe("us");
    const provider = index.get("provider.aws");
    expect(provider).toBeDefined();
    const verdict = R.ResidencyPinned.evaluate(provider!, index);
    expect(typeof verdict === "string" ? verdict : verdict.status).toBe("non-compliant");
  });
});
