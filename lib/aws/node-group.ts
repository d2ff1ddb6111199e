/**
 * What every EKS managed node group of the platform shares: a launch template (IMDSv2,
 * encrypted gp3 root volume) and a node group in the private subnets, with node
 * auto-repair, one node replaced at a time, and the desired size left to the autoscaler.
 */
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { NodeTaint } from "../spec/contracts";
import type { IEksCluster, IKmsKey, INodeRole } from "./imports";
import { NodeLaunchTemplate } from "./launch-template";

/** EKS spells taint effects in upper snake case. */
const EKS_TAINT_EFFECT: Readonly<Record<NodeTaint["effect"], string>> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

/** Props every node pool construct takes for its node group. */
export interface NodeGroupBaseProps {
  /** The cluster to join: the platform's or one from `Cluster.fromClusterAttributes`. */
  readonly cluster: IEksCluster;
  /** The nodes' role: the platform's or one from `NodeRole.fromRoleArn`. */
  readonly nodeRole: INodeRole;
  /** Key for the root volumes: the platform's or one from `PlatformKey.fromKeyArn`. */
  readonly nodesKey: IKmsKey;
  /** Node group (and launch template) name. */
  readonly nodeGroupName: string;
  /**
   * IMDSv2 hop limit.
   * @default DEFAULT_METADATA_HOP_LIMIT (1)
   */
  readonly metadataHopLimit?: number;
  /**
   * Tags on instances and root volumes (the provider's default_tags do not reach
   * instances that the node group's auto scaling group launches).
   * @default - none
   */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /**
   * Subnets to run in (private only).
   * @default - the cluster network's private subnets
   */
  readonly subnetIds?: readonly string[];
  /**
   * Resources to wait for before creating the group.
   * @default - the node role's attachments and the cluster's networking add-ons
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** What differs between node groups. */
export interface NodeGroupShape {
  readonly amiType: string;
  readonly capacityType: "ON_DEMAND" | "SPOT";
  /** The instance type (first in `instance_types`: the autoscaler's node template). */
  readonly instanceType: string;
  /**
   * Further instance types of the same shape (spot capacity pools).
   * @default - none
   */
  readonly alternativeInstanceTypes?: readonly string[];
  /**
   * Terraform preconditions checked at plan time before the group is created or changed.
   * @default - none
   */
  readonly preconditions?: readonly { readonly condition: string; readonly errorMessage: string }[];
  readonly diskSizeGiB: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints?: readonly NodeTaint[];
}

/** Creates the launch template (`LaunchTemplate`) and node group (`Resource`) in `scope`. */
export function createManagedNodeGroup(
  scope: Construct,
  props: NodeGroupBaseProps,
  shape: NodeGroupShape,
): { readonly launchTemplate: NodeLaunchTemplate; readonly resource: EksNodeGroup } {
  const launchTemplate = new NodeLaunchTemplate(scope, "LaunchTemplate", {
    name: props.nodeGroupName,
    diskSizeGiB: shape.diskSizeGiB,
    key: props.nodesKey,
    ...(props.metadataHopLimit !== undefined ? { metadataHopLimit: props.metadataHopLimit } : {}),
    ...(props.instanceTags ? { instanceTags: props.instanceTags } : {}),
  });
  const resource = new EksNodeGroup(scope, "Resource", {
    clusterName: props.cluster.clusterName,
    nodeGroupName: props.nodeGroupName,
    nodeRoleArn: props.nodeRole.roleArn,
    subnetIds: [...(props.subnetIds ?? props.cluster.network.privateSubnetIds)],
    amiType: shape.amiType,
    capacityType: shape.capacityType,
    instanceTypes: [shape.instanceType, ...(shape.alternativeInstanceTypes ?? [])],
    version: props.cluster.nodeVersion,
    // desired starts at min; afterwards the cluster autoscaler owns it.
    scalingConfig: { minSize: shape.minSize, maxSize: shape.maxSize, desiredSize: shape.minSize },
    updateConfig: { maxUnavailable: 1 },
    launchTemplate: { id: launchTemplate.resource.id, version: launchTemplate.latestVersion },
    labels: { ...shape.labels },
    ...(shape.taints && shape.taints.length > 0
      ? { taint: shape.taints.map((t) => ({ key: t.key, value: t.value, effect: EKS_TAINT_EFFECT[t.effect] })) }
      : {}),
    nodeRepairConfig: { enabled: true },
    lifecycle: {
      ignoreChanges: ["scaling_config[0].desired_size"],
      ...(shape.preconditions && shape.preconditions.length > 0 ? { precondition: shape.preconditions.map((c) => ({ ...c })) } : {}),
    },
    dependsOn: [...(props.dependsOn ?? [...props.nodeRole.attachments, ...props.cluster.computeDependencies])],
  });
  return { launchTemplate, resource };
}
