/**
 * The system node group: general-purpose nodes for cluster add-ons (CoreDNS, the GPU
 * operator, autoscaler, policy engines), sized from the machine catalog.
 */
import type { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { Construct } from "constructs";
import { machineForSize, type MachineSize } from "../catalog";
import type { NodeLaunchTemplate } from "./launch-template";
import { createManagedNodeGroup, type NodeGroupBaseProps } from "./node-group";

/** Label on system nodes, for add-ons that should run there. */
export const SYSTEM_NODE_LABEL = "ai-platform.io/node-role";

/** Props of a {@link SystemNodePool}. */
export interface SystemNodePoolProps extends NodeGroupBaseProps {
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
    ({ launchTemplate: this.launchTemplate, resource: this.resource } = createManagedNodeGroup(this, props, {
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      instanceType: this.instanceType,
      diskSizeGiB: props.diskSizeGiB ?? 50,
      minSize: min,
      maxSize: max,
      labels: { [SYSTEM_NODE_LABEL]: "system" },
    }));
  }
}
