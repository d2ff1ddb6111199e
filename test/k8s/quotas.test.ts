import { CONTAINER_DEFAULTS, teamQuotaHard } from "../../lib/k8s";
import { cloudProps, exampleSpec, synthLayer, type Synth } from "./helpers";

describe("TeamQuota", () => {
  // Without queues the GPU cap is gpuQuota itself (with queues see test/stacks/queues.test.ts).
  const spec = { ...exampleSpec(), queues: { enabled: false } };
  let synth: Synth;
  beforeAll(() => {
    synth = synthLayer(cloudProps(spec, "aws"));
  });

  test("research (8 GPUs) gets the documented hard values", () => {
    expect(synth.one("kubernetes_resource_quota_v1", "Team-research").spec.hard).toEqual({
      "requests.nvidia.com/gpu": "8",
      "requests.cpu": "136",
      "requests.memory": "1056Gi",
      "requests.storage": "2500Gi",
      pods: "210",
      "count/jobs.batch": "250",
      services: "20",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
      persistentvolumeclaims: "30",
      configmaps: "100",
      secrets: "100",
      "count/cronjobs.batch": "20",
      "count/deployments.apps": "50",
      "count/statefulsets.apps": "20",
    });
  });

  test("serving (4 GPUs) scales with its GPU quota", () => {
    const hard = synth.one("kubernetes_resource_quota_v1", "Team-serving").spec.hard;
    expect(hard["requests.nvidia.com/gpu"]).toBe("4");
    expect(hard["requests.cpu"]).toBe("72");
    expect(hard["requests.memory"]).toBe("544Gi");
  });

  test("only requests are capped: extended resources admit no limits.* item, and limits have no default", () => {
    for (const r of synth.resources("kubernetes_resource_quota_v1")) {
      expect(Object.keys(r.config.spec.hard).filter((k) => k.startsWith("limits."))).toEqual([]);
    }
  });

  test("a team without GPUs gets a zero GPU quota and the base CPU and memory", () => {
    expect(teamQuotaHard({ gpuQuota: 0 })).toMatchObject({ "requests.nvidia.com/gpu": "0", "requests.cpu": "8", "requests.memory": "32Gi", pods: "50" });
  });

  test("the LimitRange gives containers default requests, no default limit and no GPU default", () => {
    const limit = synth.one("kubernetes_limit_range_v1", "Team-research").spec.limit;
    expect(limit).toEqual([{ type: "Container", default_request: { cpu: "250m", memory: "512Mi" } }]);
    expect(CONTAINER_DEFAULTS).toEqual({ defaultRequest: { cpu: "250m", memory: "512Mi" } });
    expect(JSON.stringify(limit)).not.toContain("nvidia.com/gpu");
  });
});
