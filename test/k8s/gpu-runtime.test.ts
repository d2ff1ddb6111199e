import { parse } from "yaml";
import { CONFIG_HASH_ANNOTATION, DEVICE_PLUGIN_CONFIG_PATH, NVIDIA_DEVICE_PLUGIN_IMAGE } from "../../lib/k8s";
import { GPU_POOL_LABEL, GPU_TAINT } from "../../lib/spec/contracts";
import { cloudProps, exampleSpec, fixtureSpec, synthLayer, type Synth, synthBothClouds } from "./helpers";

describe("NvidiaDevicePlugin", () => {
  const spec = exampleSpec();
  let aws: Synth;
  let gcp: Synth;
  beforeAll(() => {
    ({ aws, gcp } = synthBothClouds(spec));
  });

  test("the image is pinned to a v0.17 patch release", () => {
    expect(NVIDIA_DEVICE_PLUGIN_IMAGE).toMatch(/^nvcr\.io\/nvidia\/k8s-device-plugin:v0\.17\.\d+$/);
  });

  test("each pool's config carries its time-slicing replicas from the spec", () => {
    const data = aws.one("kubernetes_config_map_v1", "GpuRuntime_Config").data;
    expect(Object.keys(data).sort()).toEqual(["inference", "training"]);
    const inference = parse(data.inference);
    expect(inference.version).toBe("v1");
    expect(inference.sharing.timeSlicing.resources).toEqual([{ name: "nvidia.com/gpu", replicas: 4 }]);
    expect(inference.sharing.timeSlicing.renameByDefault).toBe(false);
    expect(parse(data.training).sharing).toBeUndefined();
  });

  test("one DaemonSet per pool, on that pool's nodes, tolerating the GPU taint", () => {
    const ds = aws.one("kubernetes_daemon_set_v1", "DaemonSet-inference");
    expect(ds.metadata).toMatchObject({ name: "nvidia-device-plugin-inference", namespace: "kube-system" });
    const pod = ds.spec.template.spec;
    expect(pod.toleration).toEqual([{ key: GPU_TAINT.key, operator: "Exists", effect: GPU_TAINT.effect }]);
    expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term).toEqual([
      { match_expressions: [{ key: GPU_POOL_LABEL, operator: "In", values: ["inference"] }] },
    ]);
    expect(pod.priority_class_name).toBe("system-node-critical");
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.volume[1].config_map.items).toEqual([{ key: "inference", path: "config.yaml" }]);
    expect(aws.resources("kubernetes_daemon_set_v1")).toHaveLength(2);
  });

  test("the container is pinned, unprivileged, non-escalating, read-only, with resources", () => {
    const c = aws.one("kubernetes_daemon_set_v1", "DaemonSet-training").spec.template.spec.container[0];
    expect(c.image).toBe(NVIDIA_DEVICE_PLUGIN_IMAGE);
    expect(c.env).toEqual([{ name: "CONFIG_FILE", value: DEVICE_PLUGIN_CONFIG_PATH }]);
    expect(c.security_context).toEqual({ privileged: false, allow_privilege_escalation: false, read_only_root_filesystem: true, capabilities: { drop: ["ALL"] } });
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits).toBeDefined();
  });

  test("its service account mounts no token", () => {
    expect(aws.one("kubernetes_service_account_v1", "GpuRuntime_ServiceAccount").automount_service_account_token).toBe(false);
  });

  test("a change of replicas changes only that pool's config hash, so only its DaemonSet rolls", () => {
    const changed = synthLayer(
      cloudProps(
        fixtureSpec((s) => {
          s.gpuPools[0].sharing.replicas = 8;
        }),
        "aws",
      ),
    );
    const base = synthLayer(cloudProps(fixtureSpec(), "aws"));
    const hash = (s: Synth, pool: string) => s.one("kubernetes_daemon_set_v1", `DaemonSet-${pool}`).spec.template.metadata.annotations[CONFIG_HASH_ANNOTATION];
    expect(hash(changed, "inference")).not.toBe(hash(base, "inference"));
    expect(hash(changed, "training")).toBe(hash(base, "training"));
  });

  test("gke-managed deploys nothing", () => {
    expect(gcp.resources("kubernetes_daemon_set_v1")).toEqual([]);
    expect(gcp.resources("kubernetes_config_map_v1")).toEqual([]);
    expect(gcp.resources().filter((r) => r.id.includes("GpuRuntime"))).toEqual([]);
  });

  test("a spec without GPU pools gets no device plugin", () => {
    const none = synthLayer(cloudProps(fixtureSpec((s) => void (s.gpuPools = [])), "aws"));
    expect(none.resources().filter((r) => r.id.includes("GpuRuntime"))).toEqual([]);
  });

  test("fails when a pool asks for MIG under the device plugin", () => {
    const mig = { ...spec, gpuPools: [{ ...spec.gpuPools[1]!, sharing: { mode: "mig" as const, partitionSize: "1g.10gb" } }] };
    expect(() => synthLayer(cloudProps(mig, "aws"))).toThrow(/gpuPools\[0\]\.sharing\.mode: "mig" is not supported by the nvidia-device-plugin runtime/);
  });
});
