import { Testing } from "cdktf";
import { KUEUE_CHART } from "../../lib/k8s/kueue";
import { readSpecFile } from "../../lib/spec/load";
import { parseSpec } from "../../lib/spec/validate";
import { addPlatformStacks, type TargetStacks } from "../../stacks/platform";

type Json = Record<string, any>;
const synth = (s: Parameters<typeof Testing.synth>[0]) => JSON.parse(Testing.synth(s, true)) as Json;

/** The queue objects of a stack, keyed by Terraform address, bodies as they are. */
function manifests(stack: Json): Map<string, Json> {
  return new Map(Object.entries((stack.resource?.kubernetes_manifest ?? {}) as Record<string, Json>).map(([k, v]) => [k, v.manifest as Json]));
}

describe("team queues on both clouds (default example)", () => {
  let stacks: TargetStacks[];
  let aws: { k8s: Json; custom: Json };
  let gcp: { k8s: Json; custom: Json };
  beforeAll(() => {
    stacks = addPlatformStacks(Testing.app(), readSpecFile("examples/acme-ml-eu.yaml"));
    aws = { k8s: synth(stacks[0]!.k8s), custom: synth(stacks[0]!.custom!) };
    gcp = { k8s: synth(stacks[1]!.k8s), custom: synth(stacks[1]!.custom!) };
  });

  test("a third stack per target, <name>-<cloud>-<region>-k8s-custom, deployed after the -k8s stack", () => {
    expect(stacks.map((s) => s.custom!.node.id)).toEqual(["acme-ml-aws-eu-central-1-k8s-custom", "acme-ml-gcp-europe-west4-k8s-custom"]);
    for (const s of stacks) expect(s.custom!.dependencies).toContain(s.k8s);
  });

  test("the -k8s stack installs the pinned Kueue chart through a helm provider; no queue object is planned there", () => {
    for (const { k8s } of [aws, gcp]) {
      const releases = Object.values(k8s.resource.helm_release as Record<string, Json>).filter((r) => r.chart === "kueue");
      expect(releases).toHaveLength(1);
      expect(releases[0]).toMatchObject({
        name: "kueue",
        namespace: "kueue-system",
        create_namespace: true,
        repository: KUEUE_CHART.repository,
        chart: "kueue",
        version: "0.19.2",
        wait: true,
      });
      expect(JSON.parse(releases[0]!.values[0]).controllerManager.manager.image).toEqual({
        repository: "registry.k8s.io/kueue/kueue",
        tag: "v0.19.2",
        pullPolicy: "IfNotPresent",
      });
      expect(k8s.provider.helm).toHaveLength(1);
      expect(k8s.resource.kubernetes_manifest).toBeUndefined();
    }
  });

  test("the -k8s-custom stack holds the flavors, cluster queues and local queues", () => {
    const kinds = [...manifests(aws.custom).values()].map((m) => `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`).sort();
    expect(kinds).toEqual([
      "ClusterQueue//team-research",
      "ClusterQueue//team-serving",
      "LocalQueue/research/research",
      "LocalQueue/serving/serving",
      "ResourceFlavor//default-flavor",
      "ResourceFlavor//nvidia-h100-80gb",
      "ResourceFlavor//nvidia-l4",
    ]);
    expect(aws.custom.provider.kubernetes).toHaveLength(1);
  });

  test("parity: the queue objects are identical on AWS and GCP (same addresses, same bodies)", () => {
    expect([...manifests(gcp.custom).keys()].sort()).toEqual([...manifests(aws.custom).keys()].sort());
    for (const [address, body] of manifests(aws.custom)) expect(manifests(gcp.custom).get(address)).toEqual(body);
  });

  test("the namespace ResourceQuota stays the hard ceiling: nominal plus what the queue may borrow", () => {
    // No borrow limits: each queue can hold what the pools hold, 6 L4 nodes x 4 time-slicing
    // replicas = 24 slices and 2 H100 nodes x 8 = 16 GPUs.
    for (const { k8s } of [aws, gcp]) {
      const quotas = Object.values(k8s.resource.kubernetes_resource_quota_v1 as Record<string, Json>);
      const gpu = Object.fromEntries(quotas.map((q) => [q.metadata.namespace, q.spec.hard["requests.nvidia.com/gpu"]]));
      expect(Object.values(gpu).sort()).toEqual(["40", "40"]);
    }
  });
});

describe("queues opt-out", () => {
  test("queues.enabled: false gives no Kueue chart, no -k8s-custom stack, and the quota at gpuQuota", () => {
    const spec = parseSpec({ ...readSpecFile("examples/acme-ml-eu.yaml"), queues: { enabled: false } });
    const [aws] = addPlatformStacks(Testing.app(), spec);
    expect(aws!.custom).toBeUndefined();
    const k8s = synth(aws!.k8s);
    expect(Object.values(k8s.resource.helm_release as Record<string, Json>).map((r) => r.chart)).toEqual(["dcgm-exporter"]);
    const gpu = Object.values(k8s.resource.kubernetes_resource_quota_v1 as Record<string, Json>).map((q) => q.spec.hard["requests.nvidia.com/gpu"]);
    expect(gpu.sort()).toEqual(["4", "8"]);
  });
});
