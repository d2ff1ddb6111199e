import { ContainerNodePool, type ContainerNodePoolNodeConfigGuestAccelerator } from "@cdktf/provider-google/lib/container-node-pool";
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { getAccelerator, resolveAccelerator, type AcceleratorId } from "../catalog";
import { GPU_ACCELERATOR_LABEL, GPU_POOL_LABEL, GPU_TAINT, type IGpuNodePool, type NodeTaint } from "../spec/contracts";
import type { GpuPoolSpec } from "../spec/schema";
import type { IGkeCluster } from "./imports";
import { gpuZones } from "../catalog/gcp-gpu-zones";
import { secureNodeConfig } from "./node-config";

/** GKE-managed NVIDIA driver versions. */
export enum GpuDriverVersion {
  /** The default driver version for the node's GKE version. */
  DEFAULT = "DEFAULT",
  /** The latest driver version GKE offers for the node's GKE version. */
  LATEST = "LATEST",
}

/** Props of {@link GcpGpuNodePool}. */
export interface GcpGpuNodePoolProps {
  /** The cluster to join: the platform's or one from `GcpCluster.fromClusterAttributes`. */
  readonly cluster: IGkeCluster;
  readonly project: string;
  readonly region: string;
  /** The spec's pool. */
  readonly pool: GpuPoolSpec;
  readonly serviceAccountEmail: string;
  readonly bootDiskKmsKey: string;
  /**
   * At most this many zones (the first ones, in name order, that offer the accelerator).
   * @default - every zone of the region that offers the accelerator
   */
  readonly maxZones?: number;
  /**
   * NVIDIA driver GKE installs on the nodes. GKE manages the driver: the in-cluster layer
   * must not install another one on GKE.
   * @default GpuDriverVersion.DEFAULT
   */
  readonly driverVersion?: GpuDriverVersion;
  /** Resources the pool must wait for (the boot-disk key grant, the node SA's roles). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The GPU taint of a GKE GPU pool: exactly the one GKE itself puts on GPU nodes,
 * `nvidia.com/gpu=present:NoSchedule`. GKE adds it on its own when a GPU pool joins a
 * cluster that already has a non-GPU pool, and not otherwise (a pool created in the same
 * apply as the system pool can come up untainted), so the pool declares it; declaring
 * the same key with another value (`=true`) gives two `nvidia.com/gpu` taints, which GKE
 * has rejected. Google's own Cluster Toolkit declares the same taint on every GPU pool
 * (modules/compute/gke-node-pool/main.tf, `gpu_taint`). Pods keep the cross-cloud
 * contract: they tolerate the key `nvidia.com/gpu` with operator Exists, whatever the value.
 * https://cloud.google.com/kubernetes-engine/docs/how-to/gpus ("GKE automatically taints the GPU nodes")
 */
export const GKE_GPU_TAINT: NodeTaint = { key: GPU_TAINT.key, value: "present", effect: GPU_TAINT.effect };

const TAINT_EFFECTS: Readonly<Record<NodeTaint["effect"], string>> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

/**
 * One GPU node pool per spec pool:
 *
 * - the catalog's machine type and accelerator for (accelerator, GPUs per node), with a
 *   GKE-installed driver;
 * - sharing from the spec: time-slicing (`TIME_SHARING`, `replicas` clients per GPU) or
 *   MIG (`gpu_partition_size`);
 * - placed only in zones of the region that offer the machine type (lib/gcp/gpu-zones.ts);
 * - spot capacity when the spec asks for it;
 * - autoscaling on the whole pool (`total_min/max_node_count`, not per zone), scale to
 *   zero allowed; location policy ANY for spot (take capacity wherever it is), BALANCED
 *   otherwise;
 * - the platform's node labels, GKE's own GPU taint ({@link GKE_GPU_TAINT}), the hardened
 *   node configuration.
 *
 * Fails at synth when the accelerator, count, sharing or region is not possible on GCP.
 */
export class GcpGpuNodePool extends Construct implements IGpuNodePool {
  public readonly resource: ContainerNodePool;
  public readonly poolName: string;
  public readonly accelerator: AcceleratorId;
  public readonly gpusPerNode: number;
  public readonly instanceType: string;
  public readonly nodeLabels: Readonly<Record<string, string>>;
  public readonly taints: readonly NodeTaint[];
  /** Zones the pool's nodes run in. */
  public readonly zones: readonly string[];

  constructor(scope: Construct, id: string, props: GcpGpuNodePoolProps) {
    super(scope, id);
    const pool = props.pool;
    const where = `gpuPools "${pool.name}"`;

    const resolved = resolveAccelerator("gcp", pool.accelerator, pool.gpusPerNode);
    if (!resolved.ok) throw new Error(`${where}: ${resolved.message}`);
    const only = resolved.offer.obtainableAs;
    if (only !== undefined && !pool.spot) {
      throw new Error(`${where}: GCP sells ${resolved.offer.instanceType} only as ${only.join(" or ")}; an on-demand pool never gets a node (set spot: true)`);
    }
    const lookup = gpuZones(pool.accelerator, resolved.offer.instanceType, props.region);
    if (!lookup.ok) throw new Error(`${where}: ${lookup.message}`);

    this.poolName = pool.name;
    this.accelerator = pool.accelerator;
    this.gpusPerNode = pool.gpusPerNode;
    this.instanceType = resolved.offer.instanceType;
    this.zones = props.maxZones === undefined ? lookup.zones : lookup.zones.slice(0, Math.max(1, props.maxZones));
    this.nodeLabels = { [GPU_POOL_LABEL]: pool.name, [GPU_ACCELERATOR_LABEL]: pool.accelerator };
    this.taints = [GKE_GPU_TAINT];

    const guestAccelerator: ContainerNodePoolNodeConfigGuestAccelerator = {
      type: resolved.acceleratorName,
      count: pool.gpusPerNode,
      gpuDriverInstallationConfig: { gpuDriverVersion: props.driverVersion ?? GpuDriverVersion.DEFAULT },
      ...sharing(pool, where),
    };

    this.resource = new ContainerNodePool(this, "Resource", {
      name: `gpu-${pool.name}`,
      project: props.project,
      cluster: props.cluster.clusterId,
      location: props.cluster.location,
      nodeLocations: [...this.zones],
      initialNodeCount: 0,
      autoscaling: {
        totalMinNodeCount: pool.minNodes,
        totalMaxNodeCount: pool.maxNodes,
        locationPolicy: pool.spot ? "ANY" : "BALANCED",
      },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 0, maxUnavailable: 1 },
      nodeConfig: {
        ...secureNodeConfig({
          machineType: this.instanceType,
          serviceAccountEmail: props.serviceAccountEmail,
          bootDiskKmsKey: props.bootDiskKmsKey,
          diskSizeGb: pool.diskSizeGiB,
        }),
        spot: pool.spot,
        guestAccelerator: [guestAccelerator],
        labels: { ...this.nodeLabels },
        taint: this.taints.map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECTS[t.effect] })),
      },
      lifecycle: { ignoreChanges: ["initial_node_count"] },
      ...(props.dependsOn === undefined ? {} : { dependsOn: [...props.dependsOn] }),
    });
  }
}

function sharing(pool: GpuPoolSpec, where: string): Partial<ContainerNodePoolNodeConfigGuestAccelerator> {
  const s = pool.sharing;
  if (s === undefined) return {};
  if (s.mode === "time-slicing") {
    return { gpuSharingConfig: { gpuSharingStrategy: "TIME_SHARING", maxSharedClientsPerGpu: s.replicas } };
  }
  const sizes = getAccelerator(pool.accelerator)?.mig?.partitionSizes ?? [];
  if (!sizes.includes(s.partitionSize)) {
    const offered = sizes.length === 0 ? `${pool.accelerator} does not support MIG` : `offered: ${sizes.join(", ")}`;
    throw new Error(`${where}: sharing.partitionSize "${s.partitionSize}" is not a MIG partition GKE accepts (${offered})`);
  }
  return { gpuPartitionSize: s.partitionSize };
}
