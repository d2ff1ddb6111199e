import {
  DEFAULT_FLAVOR,
  KUEUE_API_VERSION,
  TEAM_COHORT,
  poolAccelerators,
  teamGpuCeiling,
  teamQueueManifests,
} from "../../lib/k8s/kueue";
import { parseSpec } from "../../lib/spec/validate";
import { withChange } from "../spec/fixtures";

type Obj = Record<string, any>;
const LABELS = { "ai-platform.io/platform": "acme-ml" };

/** Pools: inference (nvidia-l4) and training (nvidia-h100-80gb); teams research and serving. */
const spec = (change: (s: Record<string, any>) => void = () => {}) =>
  parseSpec(
    withChange((s) => {
      s.teams = [
        { name: "research", gpuQuota: { "nvidia-l4": 2, "nvidia-h100-80gb": 8 }, gpuBorrowLimit: 4 },
        { name: "serving", gpuQuota: 4 },
      ];
      change(s);
    }),
  );

const byKind = (manifests: Obj[], kind: string) => manifests.filter((m) => m.kind === kind);

describe("team queues", () => {
  const manifests = teamQueueManifests(spec(), LABELS) as Obj[];

  test("all objects use kueue.x-k8s.io/v1beta2 and carry the platform labels", () => {
    expect(new Set(manifests.map((m) => m.apiVersion))).toEqual(new Set([KUEUE_API_VERSION]));
    for (const m of manifests) expect(m.metadata.labels).toEqual(LABELS);
  });

  test("one ResourceFlavor per accelerator of the pools, selecting by the accelerator label and tolerating the GPU taint", () => {
    const flavors = byKind(manifests, "ResourceFlavor");
    expect(flavors.map((f) => f.metadata.name)).toEqual([DEFAULT_FLAVOR, "nvidia-l4", "nvidia-h100-80gb"]);
    expect(flavors[1]!.spec).toEqual({
      nodeLabels: { "ai-platform.io/accelerator": "nvidia-l4" },
      tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(flavors[0]!.spec).toEqual({});
  });

  test("a ClusterQueue per team in one cohort, selecting the team's namespace", () => {
    const cqs = byKind(manifests, "ClusterQueue");
    expect(cqs.map((c) => c.metadata.name)).toEqual(["team-research", "team-serving"]);
    for (const c of cqs) expect(c.spec.cohortName).toBe(TEAM_COHORT);
    expect(cqs[0]!.spec.namespaceSelector).toEqual({ matchLabels: { "ai-platform.io/team": "research" } });
  });

  test("nominal GPU quota per accelerator follows gpuQuota; a number applies to each accelerator", () => {
    const gpuGroup = (team: string) =>
      byKind(manifests, "ClusterQueue").find((c) => c.metadata.name === `team-${team}`)!.spec.resourceGroups.find((g: Obj) => g.coveredResources.includes("nvidia.com/gpu"));
    expect(gpuGroup("research").flavors).toEqual([
      { name: "nvidia-l4", resources: [{ name: "nvidia.com/gpu", nominalQuota: "2", borrowingLimit: "4" }] },
      { name: "nvidia-h100-80gb", resources: [{ name: "nvidia.com/gpu", nominalQuota: "8", borrowingLimit: "4" }] },
    ]);
    // No gpuBorrowLimit: no borrowingLimit, the team may borrow whatever is idle in the cohort.
    expect(gpuGroup("serving").flavors).toEqual([
      { name: "nvidia-l4", resources: [{ name: "nvidia.com/gpu", nominalQuota: "4" }] },
      { name: "nvidia-h100-80gb", resources: [{ name: "nvidia.com/gpu", nominalQuota: "4" }] },
    ]);
  });

  test("CPU and memory are covered on the default flavor, sized like the namespace quota", () => {
    const research = byKind(manifests, "ClusterQueue")[0]!;
    // 10 GPUs: 8 + 16 x 10 CPUs, 32 + 128 x 10 GiB
    expect(research.spec.resourceGroups[0]).toEqual({
      coveredResources: ["cpu", "memory"],
      flavors: [{ name: DEFAULT_FLAVOR, resources: [{ name: "cpu", nominalQuota: "168" }, { name: "memory", nominalQuota: "1312Gi" }] }],
    });
  });

  test("preemption reclaims the nominal share from borrowers and orders a team's own work by priority", () => {
    for (const c of byKind(manifests, "ClusterQueue")) {
      expect(c.spec.preemption).toEqual({ reclaimWithinCohort: "Any", withinClusterQueue: "LowerPriority" });
    }
  });

  test("a LocalQueue named after the team in its namespace, pointing at its ClusterQueue", () => {
    expect(byKind(manifests, "LocalQueue").map((q) => [q.metadata.namespace, q.metadata.name, q.spec.clusterQueue])).toEqual([
      ["research", "research", "team-research"],
      ["serving", "serving", "team-serving"],
    ]);
  });

  test("no GPU resource group without GPU pools", () => {
    const cq = byKind(teamQueueManifests(spec((s) => { s.gpuPools = []; s.teams = [{ name: "research", gpuQuota: 0 }]; }), LABELS) as Obj[], "ClusterQueue")[0]!;
    expect(cq.spec.resourceGroups.map((g: Obj) => g.coveredResources)).toEqual([["cpu", "memory"]]);
  });
});

describe("teamGpuCeiling (the namespace ResourceQuota's GPU cap)", () => {
  test("with queues: nominal plus the borrow limit per accelerator, never more than the pools hold", () => {
    const s = spec();
    // Pools: 4 L4 nodes x 1 GPU x 4 time-slicing replicas = 16 slices; 2 H100 nodes x 8 = 16.
    // research: l4 min(16, 2+4) = 6; h100 min(16, 8+4) = 12 -> 18
    expect(teamGpuCeiling(s, s.teams[0]!)).toBe(18);
    // serving (no limit): the pools' capacity, 16 + 16
    expect(teamGpuCeiling(s, s.teams[1]!)).toBe(32);
    expect(poolAccelerators(s)).toEqual(["nvidia-l4", "nvidia-h100-80gb"]);
  });

  test("with a borrow limit of 0 the cap is the nominal quota", () => {
    const s = spec((x) => (x.teams[0].gpuBorrowLimit = 0));
    expect(teamGpuCeiling(s, s.teams[0]!)).toBe(10);
  });

  test("without queues the cap is the total gpuQuota", () => {
    const s = spec((x) => (x.queues = { enabled: false }));
    expect(teamGpuCeiling(s, s.teams[0]!)).toBe(10);
    expect(teamGpuCeiling(s, s.teams[1]!)).toBe(4);
  });
});
