/**
 * The system node group: general-purpose nodes for cluster add-ons (CoreDNS, the GPU
 * operator, autoscaler, policy engines), sized from the machine catalog.
 */
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { machineForSize, type MachineSize } from "../catalog";
import type { Cluster } from "./cluster";
import type { PlatformKey } from "./kms";
import { NodeLaunchTemplate } from "./launch-template";
import type { NodeRole } from "./node-role";

/** Label on system nodes, for add-ons that should run there. */
export const SYSTEM_NODE_LABEL = "ai-platform.io/node-role";

/** Props of a {@link SystemNodePool}. */
export interface SystemNodePoolProps {
  readonly cluster: Cluster;
  readonly nodeRole: NodeRole;
  /** Key for the root volumes. */
  readonly nodesKey: PlatformKey;
  /** Node group (and launch template) name. */
  readonly nodeGroupName: string;
  /**
   * Machine size class.
   * @default "medium"
   */
  readonly size?: MachineSize;
  /** @default 2 */
  readonly minNodes?: number;
  /** @default 4 */
  readonly maxNodes?: number;
  /** @default 50 */
  readonly diskSizeGiB?: number;
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
   * Subnets to run in.
   * @default - the cluster network's private subnets
   */
  readonly subnetIds?: readonly string[];
  /**
   * Resources to wait for before creating the group.
   * @default - the node role's attachments and the cluster's networking add-ons
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** An EKS managed node group of general-purpose AL2023 nodes. */
export class SystemNodePool extends Construct {
  /** The `aws_eks_node_group`. */
  public readonly resource: EksNodeGroup;
  public readonly launchTemplate: NodeLaunchTemplate;
  public readonly instanceType: string;

  constructor(scope: Construct, id: string, props: SystemNodePoolProps) {
    super(scope, id);
    const min = props.minNodes ?? 2;
    const max = props.maxNodes ?? 4;
    if (min < 1 || min > max) {
      throw new Error(`${this.node.path}: cluster.system: minNodes ${min} must be at least 1 and at most maxNodes ${max}`);
    }
    this.instanceType = machineForSize("aws", props.size ?? "medium").instanceType;
    this.launchTemplate = new NodeLaunchTemplate(this, "LaunchTemplate", {
      name: props.nodeGroupName,
      diskSizeGiB: props.diskSizeGiB ?? 50,
      key: props.nodesKey,
      ...(props.metadataHopLimit !== undefined ? { metadataHopLimit: props.metadataHopLimit } : {}),
      ...(props.instanceTags ? { instanceTags: props.instanceTags } : {}),
    });
    this.resource = new EksNodeGroup(this, "Resource", {
      clusterName: props.cluster.resource.name,
      nodeGroupName: props.nodeGroupName,
      nodeRoleArn: props.nodeRole.roleArn,
      subnetIds: [...(props.subnetIds ?? props.cluster.network.privateSubnetIds)],
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      instanceTypes: [this.instanceType],
      version: props.cluster.resource.version,
      scalingConfig: { minSize: min, maxSize: max, desiredSize: min },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.launchTemplate.resource.id, version: this.launchTemplate.latestVersion },
      labels: { [SYSTEM_NODE_LABEL]: "system" },
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
      dependsOn: [...(props.dependsOn ?? [...props.nodeRole.attachments, ...props.cluster.computeDependencies])],
    });
  }
}
