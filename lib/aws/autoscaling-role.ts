/**
 * The EC2 Auto Scaling service-linked role (AWSServiceRoleForAutoScaling), looked up at
 * plan time and created only where it is missing.
 *
 * EKS managed node groups launch their instances through an auto scaling group, which
 * acts as this role. With root volumes encrypted by a customer-managed key the role
 * must be allowed to use the key in the key policy (its own permissions cover only AWS
 * managed keys), and KMS rejects a key policy naming a principal that does not exist.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 *
 * The role exists in any account that ever created an auto scaling group; a fresh
 * account has none, and creating it where it exists fails. Terraform has no "look up or
 * create", so the decision is made from two data sources read at plan time:
 *
 * 1. `data.aws_iam_roles` (name and path of the role): is there such a role?
 * 2. `data.aws_iam_role` (read only when 1 found it): its tags.
 *
 * The role is created (`count = 1`) when 1 finds nothing, and kept (`count = 1`) when
 * the role found carries this stack's ownership tag, i.e. this stack created it on an
 * earlier apply. A role that was there before (no tag, or another stack's tag) is left
 * alone (`count = 0`). Without the tag the second plan after creating the role would
 * see it and plan to delete it. (IAM TagRole accepts service-linked roles:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html.)
 *
 * The key policy depends on this resource; the provider retries KMS's
 * MalformedPolicyDocumentException for the IAM propagation delay after a new role
 * (terraform-provider-aws internal/service/kms, `waitIAMPropagation`).
 */
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { DataAwsIamRoles } from "@cdktf/provider-aws/lib/data-aws-iam-roles";
import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import type { AwsEnvironment } from "./iam";

/** Name of the EC2 Auto Scaling service-linked role. */
export const AUTOSCALING_SERVICE_LINKED_ROLE = "AWSServiceRoleForAutoScaling";
/** Path of the role: `/aws-service-role/<service principal>/`. */
export const AUTOSCALING_SERVICE_LINKED_ROLE_PATH = "/aws-service-role/autoscaling.amazonaws.com/";
/** Tag on a role this library created, naming the stack that owns it. */
export const SERVICE_LINKED_ROLE_OWNER_TAG = "ai-platform.io/service-linked-role-owner";

/** ARN of the Auto Scaling service-linked role of the environment's account. */
export function autoscalingServiceLinkedRoleArn(env: AwsEnvironment): string {
  return `arn:${env.partition}:iam::${env.accountId}:role${AUTOSCALING_SERVICE_LINKED_ROLE_PATH}${AUTOSCALING_SERVICE_LINKED_ROLE}`;
}

/** Props of {@link AutoscalingServiceLinkedRole}. */
export interface AutoscalingServiceLinkedRoleProps {
  /** Who owns a role created here (e.g. `<spec>/<region>`); written as a tag and compared on later plans. */
  readonly owner: string;
}

/** Looks the role up and creates it only when missing (see the module comment). */
export class AutoscalingServiceLinkedRole extends Construct {
  /** The role, with `count` 0 or 1. */
  public readonly resource: IamServiceLinkedRole;
  public readonly lookup: DataAwsIamRoles;
  public readonly existing: DataAwsIamRole;

  /**
   * @param resourceScope where the `aws_iam_service_linked_role` goes (its construct id
   *   is `AutoscalingServiceLinkedRole` there, kept from earlier releases)
   */
  constructor(scope: Construct, id: string, props: AutoscalingServiceLinkedRoleProps, resourceScope: Construct = scope) {
    super(scope, id);
    this.lookup = new DataAwsIamRoles(this, "Lookup", {
      nameRegex: `^${AUTOSCALING_SERVICE_LINKED_ROLE}$`,
      pathPrefix: AUTOSCALING_SERVICE_LINKED_ROLE_PATH,
    });
    const found = Fn.lengthOf(this.lookup.names);
    this.existing = new DataAwsIamRole(this, "Existing", {
      name: AUTOSCALING_SERVICE_LINKED_ROLE,
      count: Token.asNumber(found),
    });
    // One Terraform expression, written out: cdktf's operators cannot index a counted
    // data source, and the owner must be compared inside try() (no role, no tags).
    const names = `data.aws_iam_roles.${this.lookup.friendlyUniqueId}.names`;
    const ownerTag = `try(data.aws_iam_role.${this.existing.friendlyUniqueId}[0].tags[${JSON.stringify(SERVICE_LINKED_ROLE_OWNER_TAG)}], "")`;
    const create = `length(${names}) == 0 || ${ownerTag} == ${JSON.stringify(props.owner)}`;
    this.resource = new IamServiceLinkedRole(resourceScope, "AutoscalingServiceLinkedRole", {
      awsServiceName: "autoscaling.amazonaws.com",
      description: "EC2 Auto Scaling (created by ai-platform where the account had none)",
      tags: { [SERVICE_LINKED_ROLE_OWNER_TAG]: props.owner },
      count: Token.asNumber(`\${${create} ? 1 : 0}`),
    });
  }
}
