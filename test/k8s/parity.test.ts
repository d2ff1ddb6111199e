import { NETWORK_POLICY_NAMES } from "../../lib/k8s";
import type { TeamPersona } from "../../lib/spec/contracts";
import { awsSubjects, asymmetricSpec, gcpSubjects, type Synth, type SynthResource, synthBothClouds } from "./helpers";

/**
 * The same spec on both clouds gives the same in-cluster layer. Known differences, and
 * only these, are removed before comparing:
 * - the GPU runtime (EKS device plugin) and the cluster autoscaler (EKS only);
 * - the network policy `allow-cloud-identity` (the node-local identity endpoint);
 * - service account annotations (the cloud identity binding);
 * - binding subjects (the cloud's principals), and bindings whose persona has no
 *   principal on one cloud.
 */
const BINDING_TYPES = new Set(["kubernetes_role_binding_v1", "kubernetes_cluster_role_binding_v1"]);

function comparable(s: Synth): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const r of s.resources()) {
    // EKS-only by design: the device plugin, the cluster autoscaler and the DCGM exporter (GKE runs its own).
    if (r.id.includes("_GpuRuntime_") || r.id.includes("_ClusterAutoscaler_") || r.id.includes("_GpuMetrics_")) continue;
    if (r.type === "kubernetes_network_policy_v1" && r.config.metadata.name === NETWORK_POLICY_NAMES.cloudIdentity) continue;
    if (BINDING_TYPES.has(r.type)) continue;
    const config = JSON.parse(JSON.stringify(r.config));
    if (r.type === "kubernetes_service_account_v1") delete config.metadata.annotations;
    out.set(`${r.type}.${r.id}`, config);
  }
  return out;
}

function bindings(s: Synth): Map<string, SynthResource> {
  return new Map(s.resources().filter((r) => BINDING_TYPES.has(r.type) && !r.id.includes("ClusterAutoscaler") && !r.id.includes("GpuMetrics")).map((r) => [`${r.type}.${r.id}`, r]));
}

describe("parity of the in-cluster layer (the example, research viewers on gcp only)", () => {
  const spec = asymmetricSpec();
  let aws: Synth;
  let gcp: Synth;
  beforeAll(() => {
    ({ aws, gcp } = synthBothClouds(spec));
  });

  test("namespaces, quotas, limit ranges, policies, roles, service accounts and priority classes are identical", () => {
    const a = comparable(aws);
    const g = comparable(gcp);
    expect([...a.keys()].sort()).toEqual([...g.keys()].sort());
    for (const [key, config] of a) expect({ key, config }).toEqual({ key, config: g.get(key) });
    const types = new Set([...a.keys()].map((k) => k.split(".")[0]));
    expect([...types].sort()).toEqual([
      "helm_release", // Kueue, the same chart and values on both clouds
      "kubernetes_cluster_role_v1",
      "kubernetes_default_service_account_v1",
      "kubernetes_limit_range_v1",
      "kubernetes_namespace_v1",
      "kubernetes_network_policy_v1",
      "kubernetes_priority_class_v1",
      "kubernetes_resource_quota_v1",
      "kubernetes_service_account_v1",
    ]);
  });

  test("bindings present on both clouds differ only in their subjects", () => {
    const a = bindings(aws);
    const g = bindings(gcp);
    const strip = (r: SynthResource) => ({ ...r.config, subject: undefined });
    let shared = 0;
    for (const [key, r] of a) {
      const other = g.get(key);
      if (!other) continue;
      shared++;
      expect(strip(r)).toEqual(strip(other));
    }
    expect(shared).toBeGreaterThanOrEqual(4);
  });

  test("a binding missing on one cloud is a persona without principals there", () => {
    const a = bindings(aws);
    const g = bindings(gcp);
    const subjects = { aws: awsSubjects(spec), gcp: gcpSubjects(spec) };
    const check = (key: string, missingOn: "aws" | "gcp") => {
      const m = /Team-([a-z0-9-]+)_Rbac_Binding-(admins|developers|viewers)_/.exec(key);
      expect(m).not.toBeNull();
      expect(subjects[missingOn].team(m![1]!, m![2] as TeamPersona)).toEqual([]);
    };
    for (const key of a.keys()) if (!g.has(key)) check(key, "gcp");
    for (const key of g.keys()) if (!a.has(key)) check(key, "aws");
    // The example has research viewers on gcp only.
    expect([...g.keys()].filter((k) => !a.has(k))).toEqual([expect.stringContaining("Team-research_Rbac_Binding-viewers")]);
  });

  test("the per-cloud network policy is the only policy that differs", () => {
    const policies = (s: Synth) =>
      new Map(s.resources("kubernetes_network_policy_v1").map((r) => [r.id, r.config]));
    const a = policies(aws);
    const g = policies(gcp);
    const differing = [...a.keys()].filter((id) => JSON.stringify(a.get(id)) !== JSON.stringify(g.get(id)));
    expect(differing.map((id) => a.get(id).metadata.name)).toEqual([NETWORK_POLICY_NAMES.cloudIdentity, NETWORK_POLICY_NAMES.cloudIdentity]);
  });
});
