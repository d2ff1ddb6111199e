/**
 * A VPC the platform did not create. Nothing network-level is created: no VPC, subnet,
 * route, NAT gateway, endpoint or flow log. The VPC and each subnet are read with data
 * sources whose postconditions stop `terraform plan` before anything is created when
 * the network cannot carry a private cluster:
 *
 * - the VPC resolves DNS names and hostnames (EKS: "The VPC must have DNS hostname and
 *   DNS resolution support, or nodes can't register to your cluster",
 *   https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html);
 * - every subnet belongs to that VPC and does not assign public IPv4 addresses on launch.
 *
 * What the network must already provide (egress, endpoints, subnet tags) is listed in
 * the README ("Bring your own network").
 */
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Construct } from "constructs";
import type { INetwork } from "../spec/contracts";

/** Attributes of an existing VPC. */
export interface ExistingNetworkProps {
  /** The VPC id (`vpc-...`). */
  readonly vpcId: string;
  /** Private subnets of the VPC for the cluster and node groups, in at least two availability zones. */
  readonly privateSubnetIds: readonly string[];
  /** The region the VPC is in (the provider's region). */
  readonly region: string;
}

/** An existing VPC, checked at plan time; the contract's {@link INetwork}. */
export class ExistingNetwork extends Construct implements INetwork {
  /** The `data.aws_vpc` that reads the VPC. */
  public readonly vpc: DataAwsVpc;
  /** The `data.aws_subnet` of each private subnet, in the order given. */
  public readonly subnets: readonly DataAwsSubnet[];
  public readonly networkId: string;
  public readonly privateSubnetIds: readonly string[];
  public readonly region: string;

  constructor(scope: Construct, id: string, props: ExistingNetworkProps) {
    super(scope, id);
    if (props.privateSubnetIds.length < 2) {
      throw new Error(`${this.node.path}: privateSubnetIds: ${props.privateSubnetIds.length} given; EKS needs subnets in at least two availability zones`);
    }
    if (new Set(props.privateSubnetIds).size !== props.privateSubnetIds.length) {
      throw new Error(`${this.node.path}: privateSubnetIds: a subnet is listed twice (${props.privateSubnetIds.join(", ")})`);
    }
    this.region = props.region;
    this.vpc = new DataAwsVpc(this, "Vpc", {
      id: props.vpcId,
      lifecycle: {
        postcondition: [
          {
            condition: "${self.enable_dns_support && self.enable_dns_hostnames}",
            errorMessage: `VPC ${props.vpcId} must have DNS resolution and DNS hostnames enabled: EKS nodes cannot register otherwise and the private endpoints do not resolve.`,
          },
        ],
      },
    });
    this.subnets = props.privateSubnetIds.map(
      (subnetId) =>
        new DataAwsSubnet(this, `Subnet-${subnetId}`, {
          id: subnetId,
          lifecycle: {
            postcondition: [
              { condition: `\${self.vpc_id == "${props.vpcId}"}`, errorMessage: `Subnet ${subnetId} is not in VPC ${props.vpcId}.` },
              {
                condition: "${!self.map_public_ip_on_launch}",
                errorMessage: `Subnet ${subnetId} assigns public IPv4 addresses on launch; nodes must run in private subnets only.`,
              },
            ],
          },
        }),
    );
    // References to the data sources, so the cluster and node groups wait for the checks.
    this.networkId = this.vpc.id;
    this.privateSubnetIds = this.subnets.map((s) => s.id);
  }
}
