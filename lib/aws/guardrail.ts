import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { Construct } from "constructs";

/**
 * Actions a region-deny service control policy must not deny: global services whose
 * endpoints are physically in us-east-1 (IAM, Organizations, STS's global endpoint,
 * Route 53, CloudFront, Support, billing, …), and a few read-only calls that consoles make
 * to every region. This is the exemption list of AWS's own example, "Deny access to AWS
 * based on the requested AWS Region":
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
 * (policy text as published in aws-samples/service-control-policy-examples,
 * Region-controls/Deny-access-to-AWS-based-on-the-requested-AWS-region.json), except
 * `kms:*` and `acm:*`: the example exempts them only for global services such as
 * CloudFront that use KMS and ACM in us-east-1 ("AWS KMS and AWS Certificate Manager
 * support Regional endpoints"); the platform uses neither service globally, and exempting
 * them would let keys be created in any region.
 */
export const REGION_DENY_EXEMPT_ACTIONS = [
  "a4b:*",
  "aws-marketplace-management:*",
  "aws-marketplace:*",
  "aws-portal:*",
  "budgets:*",
  "ce:*",
  "chime:*",
  "cloudfront:*",
  "config:*",
  "cur:*",
  "directconnect:*",
  "ec2:DescribeRegions",
  "ec2:DescribeTransitGateways",
  "ec2:DescribeVpnGateways",
  "fms:*",
  "globalaccelerator:*",
  "health:*",
  "iam:*",
  "importexport:*",
  "mobileanalytics:*",
  "networkmanager:*",
  "organizations:*",
  "pricing:*",
  "route53-recovery-cluster:*",
  "route53-recovery-control-config:*",
  "route53-recovery-readiness:*",
  "route53:*",
  "route53domains:*",
  "s3:GetAccountPublic*",
  "s3:ListAllMyBuckets",
  "s3:ListMultiRegionAccessPoints",
  "s3:PutAccountPublic*",
  "shield:*",
  "sts:*",
  "support:*",
  "trustedadvisor:*",
  "waf-regional:*",
  "waf:*",
  "wafv2:*",
  "wellarchitected:*",
] as const;

/**
 * The service control policy document that denies every request whose
 * `aws:RequestedRegion` is not one of `regions`, except {@link REGION_DENY_EXEMPT_ACTIONS}.
 * An SCP never grants anything: it caps what the accounts under the target may do.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
 */
export function regionDenyPolicy(regions: readonly string[]): Record<string, unknown> {
  if (regions.length === 0) throw new Error("a region-deny policy needs at least one allowed region");
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyOutsideJurisdiction",
        Effect: "Deny",
        NotAction: [...REGION_DENY_EXEMPT_ACTIONS],
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": [...regions].sort() } },
      },
    ],
  };
}

/** Props of {@link AwsRegionGuardrail}. */
export interface AwsRegionGuardrailProps {
  /** Policy name (the platform name is a good prefix). */
  readonly name: string;
  /** The regions requests may target (the jurisdiction's AWS regions). */
  readonly regions: readonly string[];
  /** Root (`r-…`), organizational unit (`ou-…`) or account id (12 digits) the policy is attached to. */
  readonly targetId: string;
  /** Jurisdiction name, for the description. */
  readonly jurisdiction: string;
}

/**
 * A service control policy (`aws_organizations_policy`, type SERVICE_CONTROL_POLICY) that
 * keeps every account under `targetId` inside the jurisdiction's regions, attached with
 * `aws_organizations_policy_attachment`. Applied from the organization's management
 * account (or a delegated administrator for AWS Organizations policies); SCPs do not
 * apply to the management account itself.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 */
export class AwsRegionGuardrail extends Construct {
  public readonly resource: OrganizationsPolicy;
  public readonly attachment: OrganizationsPolicyAttachment;

  constructor(scope: Construct, id: string, props: AwsRegionGuardrailProps) {
    super(scope, id);
    this.resource = new OrganizationsPolicy(this, "Resource", {
      name: `${props.name}-region-deny`,
      type: "SERVICE_CONTROL_POLICY",
      description: `Deny requests outside the ${props.jurisdiction} regions (${props.name} residency guardrail)`,
      content: JSON.stringify(regionDenyPolicy(props.regions)),
    });
    this.attachment = new OrganizationsPolicyAttachment(this, "Attachment", {
      policyId: this.resource.id,
      targetId: props.targetId,
    });
  }
}
