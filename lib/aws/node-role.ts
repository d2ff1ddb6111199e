/**
 * The IAM role of every managed node group's instances.
 */
import { ImportedRole, type INodeRole } from "./imports";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { managedPolicyArn, serviceTrustPolicy, type AwsEnvironment } from "./iam";

/**
 * Managed policies of the node role: join the cluster and pull images, nothing else.
 * AmazonEKS_CNI_Policy is deliberately absent: the VPC CNI gets it through its own Pod
 * Identity role (see Cluster), so a pod that reaches the node's credentials cannot
 * rewire ENIs. AmazonEC2ContainerRegistryPullOnly grants only the pull actions
 * (ReadOnly would also allow listing and describing every repository).
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html
 */
export const NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"] as const;

/** Props of a {@link NodeRole}. */
export interface NodeRoleProps {
  readonly roleName: string;
  readonly environment: AwsEnvironment;
}

/** An EC2 role for EKS nodes. */
export class NodeRole extends Construct implements INodeRole {
  /** A node role this library did not create (nothing is attached to it). */
  public static fromRoleArn(scope: Construct, id: string, roleArn: string): INodeRole {
    return new ImportedRole(scope, id, roleArn);
  }

  /** The `aws_iam_role`. */
  public readonly resource: IamRole;
  public readonly roleArn: string;
  /** The policy attachments; node groups depend on them so nodes can join. */
  public readonly attachments: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    this.resource = new IamRole(this, "Resource", {
      name: props.roleName,
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
    });
    this.roleArn = this.resource.arn;
    this.attachments = NODE_ROLE_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.resource.name,
          policyArn: managedPolicyArn(props.environment, policy),
        }),
    );
  }
}
