import { ADMIN_CLUSTER_ROLE_BINDING, AUDITOR_CLUSTER_ROLE } from "../../lib/k8s";
import { cloudProps, exampleSpec, fixtureSpec, synthLayer, type Synth, synthBothClouds } from "./helpers";

describe("PlatformAuditors and PlatformAdmins", () => {
  const spec = exampleSpec();
  let aws: Synth;
  let gcp: Synth;
  beforeAll(() => {
    ({ aws, gcp } = synthBothClouds(spec));
  });

  test("the auditor ClusterRole reads, only reads, and never Secrets", () => {
    const role = aws.one("kubernetes_cluster_role_v1", "Auditors");
    expect(role.metadata.name).toBe(AUDITOR_CLUSTER_ROLE);
    const resources = (role.rule as { resources: string[] }[]).flatMap((r) => r.resources);
    expect(resources).not.toContain("secrets");
    expect(resources).not.toContain("pods/exec");
    expect(resources).toEqual(expect.arrayContaining(["pods", "namespaces", "roles", "clusterrolebindings", "networkpolicies", "resourcequotas"]));
    for (const r of role.rule as { verbs: string[] }[]) expect(r.verbs).toEqual(["get", "list", "watch"]);
  });

  test("auditors are bound cluster-wide to the cloud's subjects", () => {
    const binding = aws.one("kubernetes_cluster_role_binding_v1", "Auditors_Binding");
    expect(binding.role_ref).toMatchObject({ kind: "ClusterRole", api_group: "rbac.authorization.k8s.io" });
    expect(binding.subject).toEqual([{ kind: "Group", name: "acme-ml:auditors", api_group: "rbac.authorization.k8s.io" }]);
    expect(gcp.one("kubernetes_cluster_role_binding_v1", "Auditors_Binding").subject).toEqual([
      { kind: "Group", name: "auditors@acme.example", api_group: "rbac.authorization.k8s.io" },
    ]);
  });

  test("admins are bound to the built-in cluster-admin", () => {
    const binding = gcp.one("kubernetes_cluster_role_binding_v1", "Admins");
    expect(binding.metadata.name).toBe(ADMIN_CLUSTER_ROLE_BINDING);
    expect(binding.role_ref).toEqual({ api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
    expect(binding.subject).toEqual([{ kind: "Group", name: "platform-admins@acme.example", api_group: "rbac.authorization.k8s.io" }]);
  });

  test("without auditors or admins there is no binding, and the auditor role stays", () => {
    const bare = synthLayer(cloudProps(fixtureSpec(), "aws"));
    // Only the add-ons' own bindings (EKS: the cluster autoscaler, the metrics collector's read access).
    expect(bare.resources("kubernetes_cluster_role_binding_v1").map((r) => r.id)).toEqual([
      expect.stringContaining("ClusterAutoscaler"),
      expect.stringContaining("GpuMetrics_CollectorRoleBinding"),
    ]);
    expect(bare.resources("kubernetes_cluster_role_v1").some((r) => r.config.metadata.name === AUDITOR_CLUSTER_ROLE)).toBe(true);
  });
});
