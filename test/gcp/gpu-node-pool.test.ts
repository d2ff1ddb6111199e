import { Testing, TerraformStack } from "cdktf";
import { GcpCluster, GcpGpuNodePool, GcpNetwork } from "../../lib/gcp";
import { GPU_ACCELERATOR_LABEL, GPU_POOL_LABEL } from "../../lib/spec/contracts";
import type { GpuPoolSpec } from "../../lib/spec/schema";
import { blockNamed, gcpSpec, synthPlatform, type TfJson } from "./helpers";

type NodeConfig = {
  machine_type: string;
  spot: boolean;
  disk_size_gb: number;
  labels: Record<string, string>;
  taint: unknown[];
  guest_accelerator: Record<string, unknown>[];
};

describe("GcpGpuNodePool (example pools)", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  const pool = (name: string) => blockNamed(json, "google_container_node_pool", `Platform_GpuPool-${name}_`);
  const nodeConfig = (name: string) => pool(name)["node_config"] as NodeConfig;

  test("GIVEN an L4 pool with time-slicing WHEN synthesized THEN machine, accelerator and sharing come from the catalog and the spec", () => {
    expect(pool("inference")["name"]).toBe("gpu-inference");
    expect(nodeConfig("inference").machine_type).toBe("g2-standard-4");
    expect(nodeConfig("inference").guest_accelerator).toEqual([
      {
        type: "nvidia-l4",
        count: 1,
        gpu_driver_installation_config: { gpu_driver_version: "DEFAULT" },
        gpu_sharing_config: { gpu_sharing_strategy: "TIME_SHARING", max_shared_clients_per_gpu: 4 },
      },
    ]);
  });

  test("THEN node_locations are only zones of the region that offer the accelerator", () => {
    expect(pool("inference")["node_locations"]).toEqual(["europe-west4-a", "europe-west4-b", "europe-west4-c"]);
    expect(pool("training")["node_locations"]).toEqual(["europe-west4-b", "europe-west4-c"]);
  });

  test("THEN an 8 x H100 pool uses a3-highgpu-8g, on demand, without sharing", () => {
    expect(nodeConfig("training").machine_type).toBe("a3-highgpu-8g");
    expect(nodeConfig("training").spot).toBe(false);
    expect(nodeConfig("training").guest_accelerator[0]).toMatchObject({ type: "nvidia-h100-80gb", count: 8 });
    expect(nodeConfig("training").guest_accelerator[0]!["gpu_sharing_config"]).toBeUndefined();
  });

  test("THEN autoscaling is on totals from the spec, scale to zero allowed, ANY location for spot", () => {
    expect(pool("inference")["autoscaling"]).toEqual({ total_min_node_count: 0, total_max_node_count: 6, location_policy: "ANY" });
    expect(pool("training")["autoscaling"]).toEqual({ total_min_node_count: 0, total_max_node_count: 2, location_policy: "BALANCED" });
    expect(nodeConfig("inference").spot).toBe(true);
  });

  test("THEN nodes carry the platform labels and the GPU taint, and the spec's disk size", () => {
    expect(nodeConfig("inference").labels).toEqual({ [GPU_POOL_LABEL]: "inference", [GPU_ACCELERATOR_LABEL]: "nvidia-l4" });
    // GKE's own GPU taint, so GKE adding it too never makes a second nvidia.com/gpu taint
    expect(nodeConfig("inference").taint).toEqual([{ key: "nvidia.com/gpu", value: "present", effect: "NO_SCHEDULE" }]);
    expect(nodeConfig("training").disk_size_gb).toBe(200);
    expect(pool("training")["node_config"]).toMatchObject({
      workload_metadata_config: { mode: "GKE_METADATA" },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
    });
  });
});

describe("GcpGpuNodePool (construct)", () => {
  function build(pool: Partial<GpuPoolSpec>, region = "europe-west4", maxZones?: number): { json: TfJson; gpu: GcpGpuNodePool } {
    const stack = new TerraformStack(Testing.app(), "gpu");
    const network = new GcpNetwork(stack, "Network", {
      name: "p", project: "proj-123456", region, cidr: "10.0.0.0/16", podsCidr: "10.64.0.0/14", servicesCidr: "10.68.0.0/20",
    });
    const cluster = new GcpCluster(stack, "Cluster", {
      name: "p", project: "proj-123456", region, network, kubernetesVersion: "1.33", apiAccess: "private",
      authorizedNetworks: [], secretsKmsKey: "k", nodeServiceAccountEmail: "n@x.iam.gserviceaccount.com", bootDiskKmsKey: "b",
    });
    const full: GpuPoolSpec = { name: "p", accelerator: "nvidia-a100-80gb", gpusPerNode: 1, minNodes: 0, maxNodes: 1, spot: false, diskSizeGiB: 200, ...pool };
    const gpu = new GcpGpuNodePool(stack, "Gpu", {
      cluster, project: "proj-123456", region, pool: full, serviceAccountEmail: "n@x.iam.gserviceaccount.com", bootDiskKmsKey: "b",
      ...(maxZones === undefined ? {} : { maxZones }),
    });
    return { json: JSON.parse(Testing.synth(stack)) as TfJson, gpu };
  }

  test("GIVEN MIG sharing WHEN synthesized THEN the GPU is partitioned", () => {
    const { json } = build({ sharing: { mode: "mig", partitionSize: "1g.10gb" } }, "us-central1");
    const cfg = blockNamed(json, "google_container_node_pool", "Gpu")["node_config"] as NodeConfig;
    expect(cfg.guest_accelerator[0]).toMatchObject({ type: "nvidia-a100-80gb", gpu_partition_size: "1g.10gb" });
  });

  test("GIVEN maxZones 1 THEN the pool spans only the first offering zone", () => {
    const { gpu } = build({ accelerator: "nvidia-l4" }, "europe-west4", 1);
    expect(gpu.zones).toEqual(["europe-west4-a"]);
  });

  test("GIVEN an H200 pool THEN its boot disk is Hyperdisk", () => {
    const { json } = build({ accelerator: "nvidia-h200-141gb", gpusPerNode: 8 });
    expect((blockNamed(json, "google_container_node_pool", "Gpu")["node_config"] as { disk_type: string }).disk_type).toBe("hyperdisk-balanced");
  });

  test("fails when the region has no zone with the accelerator, naming the pool, accelerator and region", () => {
    expect(() => build({ name: "big", accelerator: "nvidia-h200-141gb", gpusPerNode: 8 }, "europe-west3")).toThrow(
      /gpuPools "big": nvidia-h200-141gb \(a3-ultragpu-8g\) is not offered in any zone of europe-west3/,
    );
  });

  test("fails when the MIG partition is not one GKE accepts for the accelerator", () => {
    expect(() => build({ sharing: { mode: "mig", partitionSize: "1g.5gb" } }, "us-central1")).toThrow(
      /gpuPools "p": sharing.partitionSize "1g.5gb" is not a MIG partition GKE accepts \(offered: 1g.10gb/,
    );
  });

  test("fails when GCP does not offer the accelerator", () => {
    expect(() => build({ accelerator: "nvidia-a10g" })).toThrow(/gpuPools "p": nvidia-a10g is not offered on gcp/);
  });
});

describe("GcpPlatform GPU validation", () => {
  test("fails when a spec pool's accelerator has no zone in the target region", () => {
    // Validation reports this first (test/spec/validate.test.ts); the construct refuses it too.
    const valid = gcpSpec();
    const target = { ...valid.target, region: "europe-west9" };
    const spec = { ...valid.spec, targets: [target] };
    expect(() => synthPlatform(spec, target)).toThrow(/gpuPools "inference": nvidia-l4 \(g2-standard-4\) is not offered in any zone of europe-west9/);
  });
});
