import { ContainerNodePool } from "@cdktf/provider-google/lib/container-node-pool";
import { DataGoogleComputeZones } from "@cdktf/provider-google/lib/data-google-compute-zones";
import { Construct } from "constructs";
import { Fn, type ITerraformDependable } from "cdktf";
import { machineForSize, type MachineSize } from "../catalog";
import { systemPoolInitialNodeCount } from "../catalog/gke-node-counts";

export { systemPoolInitialNodeCount };
import { GPU_POOL_LABEL } from "../spec/contracts";
import type { IGkeCluster } from "./imports";
import { secureNodeConfig } from "./node-config";

/** Name of the system node pool (also its `ai-platform.io/pool` node label). */
export const SYSTEM_POOL_NAME = "system";

/** Props of {@link GcpSystemNodePool}. */
export interface GcpSystemNodePoolProps {
  /** The cluster to join: the platform's or one from `GcpCluster.fromClusterAttributes`. */
  readonly cluster: IGkeCluster;
  readonly project: string;
  /** Size class (spec.cluster.system.size), mapped to a machine type by the catalog. */
  readonly size: MachineSize;
  /** Minimum nodes in the whole pool, across zones (spec.cluster.system.minNodes). */
  readonly minNodes: number;
  /** Maximum nodes in the whole pool, across zones (spec.cluster.system.maxNodes). */
  readonly maxNodes: number;
  /**
   * How many zones of the region the pool spans (spec.network.zones): the first ones, in
   * the order `google_compute_zones` (status UP) lists them at plan time.
   * @default 3
   */
  readonly zones?: number;
  readonly serviceAccountEmail: string;
  readonly bootDiskKmsKey: string;
  /**
   * Boot disk size in GiB.
   * @default 100
   */
  readonly diskSizeGiB?: number;
  /** Resources the pool must wait for (the boot-disk key grant, the node SA's roles). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The system pool that runs cluster add-ons. The spec's node counts are for the whole
 * pool, as on AWS: GKE's `min_node_count`/`max_node_count` are per zone in a regional
 * cluster (3 zones would triple them), so the pool uses `total_min_node_count` /
 * `total_max_node_count` with a BALANCED location policy instead. `initial_node_count`
 * is per zone too, so it is {@link systemPoolInitialNodeCount}: the pool starts with
 * `zones × initial_node_count` nodes, never above `maxNodes`.
 *
 * The pool spans `zones` zones of the region (`node_locations`), read at plan time from
 * `google_compute_zones`, so the zone count the arithmetic uses is the one GKE gets.
 */
export class GcpSystemNodePool extends Construct {
  public readonly resource: ContainerNodePool;
  public readonly machineType: string;
  /** The region's zones, read at plan time. */
  public readonly zoneLookup: DataGoogleComputeZones;

  constructor(scope: Construct, id: string, props: GcpSystemNodePoolProps) {
    super(scope, id);
    if (props.minNodes > props.maxNodes) {
      throw new Error(`cluster.system.minNodes: ${props.minNodes} is greater than maxNodes (${props.maxNodes})`);
    }
    this.machineType = machineForSize("gcp", props.size).instanceType;
    const zones = props.zones ?? 3;
    const initial = systemPoolInitialNodeCount(props.minNodes, props.maxNodes, zones);
    if (typeof initial !== "number") throw new Error(`cluster.system.maxNodes: ${initial.error}`);
    this.zoneLookup = new DataGoogleComputeZones(this, "Zones", { project: props.project, region: props.cluster.location, status: "UP" });
    this.resource = new ContainerNodePool(this, "Resource", {
      name: SYSTEM_POOL_NAME,
      project: props.project,
      cluster: props.cluster.clusterId,
      location: props.cluster.location,
      nodeLocations: Fn.slice(this.zoneLookup.names, 0, zones),
      initialNodeCount: initial,
      autoscaling: {
        totalMinNodeCount: props.minNodes,
        totalMaxNodeCount: props.maxNodes,
        locationPolicy: "BALANCED",
      },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: {
        ...secureNodeConfig({
          machineType: this.machineType,
          serviceAccountEmail: props.serviceAccountEmail,
          bootDiskKmsKey: props.bootDiskKmsKey,
          diskSizeGb: props.diskSizeGiB ?? 100,
        }),
        labels: { [GPU_POOL_LABEL]: SYSTEM_POOL_NAME },
      },
      lifecycle: { ignoreChanges: ["initial_node_count"] },
      ...(props.dependsOn === undefined ? {} : { dependsOn: [...props.dependsOn] }),
    });
  }
}
