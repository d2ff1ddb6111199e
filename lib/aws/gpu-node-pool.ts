/**
 * A GPU node pool: an EKS managed node group of one catalogued instance type on the
 * NVIDIA AL2023 AMI, tainted so only GPU workloads land there, and tagged so the
 * cluster autoscaler can scale it from zero.
 */
import { AutoscalingGroupTagA } from "@cdktf/provider-aws/lib/autoscaling-group-tag";
import { DataAwsEc2InstanceTypeOfferings } from "@cdktf/provider-aws/lib/data-aws-ec2-instance-type-offerings";
import type { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { Fn, Op, Token } from "cdktf";
import { Construct } from "constructs";
import { getAccelerator, resolveAccelerator, type AcceleratorId } from "../catalog";
import { GPU_ACCELERATOR_LABEL, GPU_POOL_LABEL, GPU_TAINT, type IGpuNodePool, type NodeTaint } from "../spec/contracts";
import type { GpuPoolSpec } from "../spec/schema";
import type { NodeLaunchTemplate } from "./launch-template";
import { idFrom } from "./names";
import { createManagedNodeGroup, type NodeGroupBaseProps } from "./node-group";

/** The extended resource the NVIDIA device plugin advertises. */
export const GPU_RESOURCE = "nvidia.com/gpu";

/**
 * The node label the cluster autoscaler's AWS provider reads to recognise a GPU node
 * (`GPULabel` in cluster-autoscaler/cloudprovider/aws/aws_cloud_provider.go). Set by the
 * kubelet when the node registers, it tells the autoscaler that a new node's GPUs are
 * still coming (the device plugin advertises them a while later), so it does not scale
 * up another node for the same pending pod (cloudprovider/aws/README.md, "Special note
 * on GPU instances").
 */
export const AWS_GPU_NODE_LABEL = "k8s.amazonaws.com/accelerator";

/** A private subnet and its availability zone (a name, known at plan time). */
export interface SubnetPlacement {
  readonly subnetId: string;
  readonly availabilityZone: string;
}

/** Props of a {@link GpuNodePool}. */
export interface GpuNodePoolProps extends NodeGroupBaseProps {
  readonly pool: GpuPoolSpec;
  /**
   * Where the pool sits in the spec, for error messages.
   * @default `gpuPools[name=<pool>]`
   */
  readonly specPath?: string;
  /**
   * The private subnets the pool may use, with their zones. The pool is placed only in
   * those whose zone offers its instance type (looked up at plan time).
   * @default - the cluster network's private subnets, in every zone (no offering check)
   */
  readonly subnetPlacements?: readonly SubnetPlacement[];
}

/** An EKS managed node group of GPU instances. */
export class GpuNodePool extends Construct implements IGpuNodePool {
  /** The `aws_eks_node_group`. */
  public readonly resource: EksNodeGroup;
  public readonly launchTemplate: NodeLaunchTemplate;
  public readonly poolName: string;
  public readonly accelerator: AcceleratorId;
  public readonly gpusPerNode: number;
  public readonly instanceType: string;
  public readonly nodeLabels: Readonly<Record<string, string>>;
  public readonly taints: readonly NodeTaint[];
  /** The auto scaling group behind the node group (a Terraform reference). */
  public readonly autoscalingGroupName: string;
  /** Cluster-autoscaler tags put on the auto scaling group, by tag key. */
  public readonly autoscalerTags: ReadonlyMap<string, AutoscalingGroupTagA>;
  /** Every instance type of the group, the catalogued one first. */
  public readonly instanceTypes: readonly string[];
  /** Where the instance types are offered (availability zones), read at plan time. */
  public readonly zoneOfferings?: DataAwsEc2InstanceTypeOfferings;

  constructor(scope: Construct, id: string, props: GpuNodePoolProps) {
    super(scope, id);
    const pool = props.pool;
    const path = props.specPath ?? `gpuPools[name=${pool.name}]`;
    const resolved = resolveAccelerator("aws", pool.accelerator, pool.gpusPerNode);
    if (!resolved.ok) {
      const field = resolved.offered.length > 0 ? "gpusPerNode" : "accelerator";
      throw new Error(`${path}.${field}: ${resolved.message}`);
    }
    if (pool.minNodes > pool.maxNodes) {
      throw new Error(`${path}.minNodes: ${pool.minNodes} is greater than maxNodes (${pool.maxNodes}); set minNodes <= maxNodes`);
    }
    this.poolName = pool.name;
    this.accelerator = pool.accelerator;
    this.gpusPerNode = pool.gpusPerNode;
    this.instanceType = resolved.offer.instanceType;
    const alternatives = pool.spot ? (resolved.offer.spotEquivalents ?? []) : [];
    this.instanceTypes = [this.instanceType, ...alternatives];
    const gpuType = getAccelerator(pool.accelerator)?.aws?.autoscalerGpuType ?? pool.accelerator;
    this.nodeLabels = { [GPU_POOL_LABEL]: pool.name, [GPU_ACCELERATOR_LABEL]: pool.accelerator, [AWS_GPU_NODE_LABEL]: gpuType };
    this.taints = [GPU_TAINT];

    // GPU instance types are not offered in every availability zone, and
    // CreateNodegroup fails on a subnet whose zone lacks them. The zones that offer any
    // of the pool's types are read at plan time and the pool gets only the subnets in
    // them; a precondition stops the plan with the reason when there are none.
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ec2_instance_type_offerings
    let subnetIds: string[] | undefined;
    const preconditions: { condition: string; errorMessage: string }[] = [];
    if (props.subnetPlacements && props.subnetPlacements.length > 0) {
      this.zoneOfferings = new DataAwsEc2InstanceTypeOfferings(this, "ZoneOfferings", {
        locationType: "availability-zone",
        filter: [{ name: "instance-type", values: [...this.instanceTypes] }],
      });
      const offered = this.zoneOfferings.locations;
      const zones = props.subnetPlacements.map((p) => p.availabilityZone);
      subnetIds = Token.asList(Fn.compact(props.subnetPlacements.map((p) => Fn.conditional(Fn.contains(offered, p.availabilityZone), p.subnetId, ""))));
      preconditions.push({
        // (>= 1: cdktf renders a literal 0 operand as `undefined`)
        condition: Token.asString(Op.gte(Fn.lengthOf(Fn.setintersection(offered, [zones])), 1)),
        errorMessage:
          `${path}.accelerator: ${this.instanceTypes.join(" / ")} (${pool.accelerator} x${pool.gpusPerNode}) is not offered in any availability zone of the ` +
          `platform's private subnets in this region; choose another accelerator or region, or give the network a zone that offers it ` +
          `(aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=${this.instanceType}).`,
      });
    }

    ({ launchTemplate: this.launchTemplate, resource: this.resource } = createManagedNodeGroup(this, { ...props, ...(subnetIds ? { subnetIds } : {}) }, {
      amiType: "AL2023_x86_64_NVIDIA",
      capacityType: pool.spot ? "SPOT" : "ON_DEMAND",
      instanceType: this.instanceType,
      alternativeInstanceTypes: alternatives,
      preconditions,
      diskSizeGiB: pool.diskSizeGiB,
      minSize: pool.minNodes,
      maxSize: pool.maxNodes,
      labels: this.nodeLabels,
      taints: this.taints,
    }));
    this.autoscalingGroupName = this.resource.resources.get(0).autoscalingGroups.get(0).name;

    const tags = new Map<string, AutoscalingGroupTagA>();
    for (const [key, value] of Object.entries(autoscalerNodeTemplateTags(props.cluster.clusterNameLiteral, pool, this.nodeLabels, this.taints))) {
      tags.set(
        key,
        new AutoscalingGroupTagA(this, `AsgTag-${idFrom(key)}`, {
          autoscalingGroupName: this.autoscalingGroupName,
          tag: { key, value, propagateAtLaunch: false },
        }),
      );
    }
    this.autoscalerTags = tags;
  }
}

/**
 * Tags that let the cluster autoscaler scale a node group up from zero: with no node to
 * look at, it builds a template node from these labels, taints and resources.
 * https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#auto-discovery-setup
 *
 * GPUs advertised: `gpusPerNode`, times `replicas` under time-slicing (the device plugin
 * advertises each GPU `replicas` times). MIG pools advertise `nvidia.com/mig-*`
 * resources that depend on the MIG strategy of the k8s layer; they get the physical count.
 */
export function autoscalerNodeTemplateTags(
  clusterName: string,
  pool: GpuPoolSpec,
  labels: Readonly<Record<string, string>>,
  taints: readonly NodeTaint[],
): Record<string, string> {
  const prefix = "k8s.io/cluster-autoscaler";
  const advertised = pool.sharing?.mode === "time-slicing" ? pool.gpusPerNode * pool.sharing.replicas : pool.gpusPerNode;
  const tags: Record<string, string> = {
    [`${prefix}/enabled`]: "true",
    [`${prefix}/${clusterName}`]: "owned",
  };
  for (const [k, v] of Object.entries(labels)) tags[`${prefix}/node-template/label/${k}`] = v;
  for (const t of taints) tags[`${prefix}/node-template/taint/${t.key}`] = `${t.value}:${t.effect}`;
  tags[`${prefix}/node-template/resources/${GPU_RESOURCE}`] = String(advertised);
  return tags;
}
