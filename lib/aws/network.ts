/**
 * The private network: a VPC whose nodes live in private subnets only, NAT egress,
 * private endpoints for the AWS APIs the cluster uses, flow logs and a closed default
 * security group.
 *
 * Address plan (fixed, so changing `zones` or NAT mode never moves a subnet). For a VPC
 * of prefix /p (p = 16..20):
 *   - private subnet of zone i: block i of /(p+2), i = 0..2 (three quarters of the VPC;
 *     pods take VPC addresses on EKS, so private subnets get nearly everything)
 *   - public subnet of zone i: block 48+i of /(p+6), inside the fourth quarter
 *     (for NAT gateways only; nothing else is placed there)
 *   - endpoint subnet of zone i: block 52+i of /(p+6), also in the fourth quarter: the
 *     interface endpoints' network interfaces only (no node or pod ever gets an address
 *     there), so in-cluster network policies can allow "the AWS API endpoints" by CIDR
 *     without allowing the nodes' and pods' subnets
 * e.g. 10.20.0.0/16 -> private 10.20.0.0/18, 10.20.64.0/18, 10.20.128.0/18;
 *                      public 10.20.192.0/22, 10.20.196.0/22, 10.20.200.0/22;
 *                      endpoints 10.20.208.0/22, 10.20.212.0/22, 10.20.216.0/22.
 *
 * Availability zones come from `data.aws_availability_zones` (state "available",
 * opt-in-not-required, so no Local or Wavelength Zones), zone i = the i-th name in
 * alphabetical order. AZ letters map to different physical zones in each account, so
 * literal names ("eu-central-1a") would be no more deterministic; the risk of the data
 * source is that an AZ of the region becomes unavailable and the list shifts, which
 * would show as a subnet replacement in the plan (never silently).
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { parseIpv4Cidr, subnetCidr } from "../spec/cidr";
import type { INetwork } from "../spec/contracts";
import { policyDocument, serviceTrustPolicy, type AwsEnvironment, type PolicyStatement } from "./iam";
import type { PlatformKey } from "./kms";

/**
 * Interface endpoints every private EKS cluster needs so that nodes and pods reach AWS
 * without NAT: image pulls (ecr.api, ecr.dkr; layers come through the S3 gateway),
 * credentials (sts, eks-auth for Pod Identity), node bootstrap (ec2, eks), logs,
 * load balancers and autoscaling (cluster-autoscaler).
 * https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html
 */
export const DEFAULT_INTERFACE_ENDPOINTS = [
  "ecr.api",
  "ecr.dkr",
  "sts",
  "ec2",
  "logs",
  "eks",
  "eks-auth",
  "elasticloadbalancing",
  "autoscaling",
] as const;

/**
 * CIDRs of the endpoint subnets of a VPC (see the address plan above), one per zone.
 * Pure, so the in-cluster stack can allow them without reading the cloud stack.
 */
export function endpointSubnetCidrs(vpcCidr: string, zones: number): string[] {
  const parsed = parseIpv4Cidr(vpcCidr);
  if ("error" in parsed) throw new Error(`network.cidr: "${vpcCidr}" ${parsed.error}`);
  return Array.from({ length: zones }, (_, i) => subnetCidr(parsed, parsed.prefix + 6, 52 + i));
}

/**
 * Policy of the S3 gateway endpoint. Without one the endpoint reaches every bucket of
 * every account, so anything in the VPC could copy data out to a bucket of its own.
 * With it, requests through the endpoint reach:
 * - buckets of this account (`aws:ResourceAccount`; the lake, the registry, the logs);
 * - the AWS-owned buckets nodes read without being their owner:
 *   - `prod-<region>-starport-layer-bucket`, where ECR serves image layers
 *     (Amazon ECR User Guide, "Minimum Amazon S3 bucket permissions for Amazon ECR",
 *     https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms);
 *   - `al2023-repos-<region>-de612dc2`, the Amazon Linux 2023 package repositories `dnf`
 *     reads on the nodes (bucket name as AWS Application Migration Service's AL2023 notice
 *     gives it; the AL2023 user guide page was not reachable when this was written).
 * Buckets of other accounts (including public data sets) are not reachable from the VPC
 * through S3 in this region: copy such data into a lake zone first.
 */
export function s3GatewayEndpointStatements(env: AwsEnvironment): PolicyStatement[] {
  return [
    {
      Sid: "BucketsOfThisAccount",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:*",
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceAccount": env.accountId } },
    },
    {
      Sid: "AwsOwnedBucketsNodesRead",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: [
        `arn:${env.partition}:s3:::prod-${env.region}-starport-layer-bucket/*`,
        `arn:${env.partition}:s3:::al2023-repos-${env.region}-de612dc2/*`,
      ],
    },
  ];
}

/** NAT layout. */
export type NatGatewayMode = "per-zone" | "single";

/** Zone suffixes used in construct ids and names: zone 0 is "a". */
const ZONE_LETTERS = ["a", "b", "c"] as const;

/** Props of a {@link Network}. */
export interface NetworkProps {
  /** Prefix of every resource name (the spec name). */
  readonly name: string;
  /** VPC CIDR, /16 to /20. */
  readonly cidr: string;
  readonly environment: AwsEnvironment;
  /** Name of the EKS cluster that will use the subnets (subnet discovery tags). */
  readonly clusterName: string;
  /** Key for the flow-log group. */
  readonly logsKey: PlatformKey;
  /**
   * Availability zones to span (2 or 3).
   * @default 3
   */
  readonly zones?: number;
  /**
   * One NAT gateway per zone (an AZ outage leaves the other zones' egress up) or one shared.
   * @default "per-zone"
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * Interface endpoints (service suffixes of `com.amazonaws.<region>.`).
   * @default DEFAULT_INTERFACE_ENDPOINTS
   */
  readonly interfaceEndpoints?: readonly string[];
  /**
   * Flow-log retention in days.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
}

/** The VPC and everything around it. */
export class Network extends Construct implements INetwork {
  /** The `aws_vpc`. */
  public readonly resource: Vpc;
  public readonly networkId: string;
  public readonly region: string;
  public readonly privateSubnets: readonly Subnet[];
  public readonly privateSubnetIds: readonly string[];
  public readonly publicSubnets: readonly Subnet[];
  /** Subnets holding only the interface endpoints' network interfaces. */
  public readonly endpointSubnets: readonly Subnet[];
  public readonly privateRouteTables: readonly RouteTable[];
  public readonly natGateways: readonly NatGateway[];
  /** Interface endpoints by service suffix. */
  public readonly interfaceEndpoints: ReadonlyMap<string, VpcEndpoint>;
  public readonly s3Endpoint: VpcEndpoint;
  public readonly endpointSecurityGroup: SecurityGroup;
  public readonly flowLogGroup: CloudwatchLogGroup;
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const zones = props.zones ?? 3;
    if (!Number.isInteger(zones) || zones < 2 || zones > ZONE_LETTERS.length) {
      throw new Error(`${this.node.path}: network.zones: ${zones} is not supported; use 2 or 3`);
    }
    const vpcCidr = parseIpv4Cidr(props.cidr);
    if ("error" in vpcCidr) throw new Error(`${this.node.path}: network.cidr: "${props.cidr}" ${vpcCidr.error}`);
    if (vpcCidr.prefix < 16 || vpcCidr.prefix > 20) {
      throw new Error(`${this.node.path}: network.cidr: "${props.cidr}" must be /16 to /20 (AWS allows /16 to /28; below /20 the private subnets would be too small for pods)`);
    }
    const env = props.environment;
    this.region = env.region;

    this.resource = new Vpc(this, "Resource", {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    this.networkId = this.resource.id;

    // The default security group of a VPC allows all traffic between its members;
    // taking it over with no rules closes it (CIS AWS 5.4).
    new DefaultSecurityGroup(this, "DefaultSecurityGroup", { vpcId: this.resource.id, ingress: [], egress: [] });

    const azs = new DataAwsAvailabilityZones(this, "AvailabilityZones", {
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    });

    const igw = new InternetGateway(this, "InternetGateway", { vpcId: this.resource.id, tags: { Name: `${props.name}-igw` } });
    const publicRoutes = new RouteTable(this, "PublicRouteTable", {
      vpcId: this.resource.id,
      route: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
      tags: { Name: `${props.name}-public` },
    });

    const privateSubnets: Subnet[] = [];
    const publicSubnets: Subnet[] = [];
    const natGateways: NatGateway[] = [];
    const privateRouteTables: RouteTable[] = [];
    const natMode = props.natGateways ?? "per-zone";
    for (let i = 0; i < zones; i++) {
      const letter = ZONE_LETTERS[i] as string;
      const az = Fn.element(azs.names, i);
      const pub = new Subnet(this, `PublicSubnet-${letter}`, {
        vpcId: this.resource.id,
        availabilityZone: az,
        cidrBlock: subnetCidr(vpcCidr, vpcCidr.prefix + 6, 48 + i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${letter}`, "ai-platform.io/subnet": "nat" },
      });
      new RouteTableAssociation(this, `PublicRoutes-${letter}`, { subnetId: pub.id, routeTableId: publicRoutes.id });
      publicSubnets.push(pub);

      if (natMode === "per-zone" || i === 0) {
        const eip = new Eip(this, `NatAddress-${letter}`, { domain: "vpc", tags: { Name: `${props.name}-nat-${letter}` } });
        natGateways.push(
          new NatGateway(this, `NatGateway-${letter}`, {
            allocationId: eip.allocationId,
            subnetId: pub.id,
            connectivityType: "public",
            tags: { Name: `${props.name}-nat-${letter}` },
            dependsOn: [igw],
          }),
        );
      }
      const nat = natGateways[natMode === "per-zone" ? i : 0] as NatGateway;

      const priv = new Subnet(this, `PrivateSubnet-${letter}`, {
        vpcId: this.resource.id,
        availabilityZone: az,
        cidrBlock: subnetCidr(vpcCidr, vpcCidr.prefix + 2, i),
        mapPublicIpOnLaunch: false,
        tags: {
          Name: `${props.name}-private-${letter}`,
          // Internal load balancers only: no subnet carries kubernetes.io/role/elb,
          // so the AWS Load Balancer Controller cannot place an internet-facing one.
          "kubernetes.io/role/internal-elb": "1",
          [`kubernetes.io/cluster/${props.clusterName}`]: "shared",
        },
      });
      const routes = new RouteTable(this, `PrivateRouteTable-${letter}`, {
        vpcId: this.resource.id,
        route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
        tags: { Name: `${props.name}-private-${letter}` },
      });
      new RouteTableAssociation(this, `PrivateRoutes-${letter}`, { subnetId: priv.id, routeTableId: routes.id });
      privateSubnets.push(priv);
      privateRouteTables.push(routes);
    }
    this.privateSubnets = privateSubnets;
    this.publicSubnets = publicSubnets;
    this.natGateways = natGateways;
    this.privateRouteTables = privateRouteTables;
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.endpointSubnets = endpointSubnetCidrs(props.cidr, zones).map((cidrBlock, i) => {
      const letter = ZONE_LETTERS[i] as string;
      // No route table association: the main route table (local routes only) is all an
      // endpoint's network interface needs to answer inside the VPC.
      return new Subnet(this, `EndpointSubnet-${letter}`, {
        vpcId: this.resource.id,
        availabilityZone: Fn.element(azs.names, i),
        cidrBlock,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-endpoints-${letter}`, "ai-platform.io/subnet": "endpoints" },
      });
    });

    // Endpoints: S3 through a gateway on the private route tables (free, and ECR layers
    // are served from S3), the rest through interface endpoints in the endpoint subnets.
    this.s3Endpoint = new VpcEndpoint(this, "Endpoint-s3", {
      vpcId: this.resource.id,
      serviceName: `com.amazonaws.${env.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: privateRouteTables.map((r) => r.id),
      policy: policyDocument(s3GatewayEndpointStatements(env)),
      tags: { Name: `${props.name}-s3` },
    });
    this.endpointSecurityGroup = new SecurityGroup(this, "EndpointSecurityGroup", {
      name: `${props.name}-vpc-endpoints`,
      description: "HTTPS from inside the VPC to the interface endpoints",
      vpcId: this.resource.id,
      tags: { Name: `${props.name}-vpc-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, "EndpointHttpsFromVpc", {
      securityGroupId: this.endpointSecurityGroup.id,
      description: "HTTPS from the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.cidr,
    });
    const endpoints = new Map<string, VpcEndpoint>();
    for (const service of props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS) {
      endpoints.set(
        service,
        new VpcEndpoint(this, `Endpoint-${service}`, {
          vpcId: this.resource.id,
          serviceName: `com.amazonaws.${env.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: this.endpointSubnets.map((s) => s.id),
          securityGroupIds: [this.endpointSecurityGroup.id],
          tags: { Name: `${props.name}-${service}` },
        }),
      );
    }
    this.interfaceEndpoints = endpoints;

    // Flow logs: every accepted and rejected flow into a KMS-encrypted log group.
    this.flowLogGroup = new CloudwatchLogGroup(this, "FlowLogGroup", {
      name: `/aws/vpc/${props.name}/flow-logs`,
      retentionInDays: props.flowLogRetentionDays ?? 365,
      kmsKeyId: props.logsKey.keyArn,
    });
    const flowRole = new IamRole(this, "FlowLogRole", {
      name: `${props.name}-${env.region}-flow-logs`,
      assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": env.accountId },
      }),
    });
    new IamRolePolicy(this, "FlowLogRolePolicy", {
      role: flowRole.id,
      name: "deliver-flow-logs",
      policy: policyDocument([
        {
          Sid: "WriteFlowLogGroup",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
        },
        {
          Sid: "DescribeLogGroupsOfAccount",
          Effect: "Allow",
          Action: "logs:DescribeLogGroups",
          Resource: `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:*`,
        },
      ]),
    });
    this.flowLog = new FlowLog(this, "FlowLog", {
      vpcId: this.resource.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: flowRole.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${props.name}-flow-logs` },
    });
  }
}
