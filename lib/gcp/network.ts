import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { ComputeRouter } from "@cdktf/provider-google/lib/compute-router";
import { ComputeRouterNat } from "@cdktf/provider-google/lib/compute-router-nat";
import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { Construct } from "constructs";
import type { IGcpNetwork } from "./existing-network";

/** Names of the subnet's secondary ranges, which the cluster's IP allocation policy refers to. */
export const PODS_RANGE_NAME = "pods";
export const SERVICES_RANGE_NAME = "services";

/** Props of {@link GcpNetwork}. */
export interface GcpNetworkProps {
  /** Base name of the network's resources (the platform name). */
  readonly name: string;
  readonly project: string;
  readonly region: string;
  /** Primary range of the node subnet (spec.network.cidr). */
  readonly cidr: string;
  /** Secondary range for pods (spec.network.podsCidr). */
  readonly podsCidr: string;
  /** Secondary range for services (spec.network.servicesCidr). */
  readonly servicesCidr: string;
  /**
   * Fraction of flows the subnet's VPC flow logs sample, 0 to 1.
   * @default 0.5
   */
  readonly flowLogSampling?: number;
  /**
   * Aggregation interval of VPC flow logs.
   * @default "INTERVAL_5_SEC"
   */
  readonly flowLogInterval?: string;
}

/**
 * A private, custom-mode VPC in one region:
 *
 * - one node subnet with secondary ranges `pods` and `services` (VPC-native GKE),
 *   Private Google Access on (nodes reach Google APIs without public IPs) and VPC flow
 *   logs with all metadata;
 * - a Cloud Router and Cloud NAT (auto-allocated addresses, all ranges of all subnets,
 *   error logging) as the only egress to the internet; nodes have no public IPs;
 * - one explicit `deny all ingress` firewall rule at priority 65534 with logging, so
 *   blocked probes are visible in Cloud Logging (the implied deny at 65535 logs nothing).
 *
 * No rule allows ingress from 0.0.0.0/0. The rules the cluster needs (control plane to
 * kubelet and webhooks, node to node, pod to pod, load-balancer health checks) are
 * created and kept up to date by GKE itself at priority 1000, which wins over the deny;
 * copying them here would duplicate what GKE manages and drift when GKE changes them.
 * Extra control-plane ports for admission webhooks are opened by the cluster construct
 * (only when it knows the control-plane range).
 */
export class GcpNetwork extends Construct implements IGcpNetwork {
  /** The VPC. */
  public readonly resource: ComputeNetwork;
  public readonly subnet: ComputeSubnetwork;
  public readonly router: ComputeRouter;
  public readonly nat: ComputeRouterNat;
  public readonly denyAllIngress: ComputeFirewall;
  public readonly networkId: string;
  public readonly privateSubnetIds: readonly string[];
  public readonly region: string;
  /** Name of the subnet's pods range. */
  public readonly podsRangeName = PODS_RANGE_NAME;
  /** Name of the subnet's services range. */
  public readonly servicesRangeName = SERVICES_RANGE_NAME;
  public readonly networkRef: string;
  public readonly subnetworkRef: string;

  constructor(scope: Construct, id: string, props: GcpNetworkProps) {
    super(scope, id);
    this.region = props.region;

    this.resource = new ComputeNetwork(this, "Resource", {
      name: props.name,
      project: props.project,
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
    });

    this.subnet = new ComputeSubnetwork(this, "Subnet", {
      name: `${props.name}-nodes`,
      project: props.project,
      region: props.region,
      network: this.resource.id,
      ipCidrRange: props.cidr,
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: PODS_RANGE_NAME, ipCidrRange: props.podsCidr },
        { rangeName: SERVICES_RANGE_NAME, ipCidrRange: props.servicesCidr },
      ],
      logConfig: {
        aggregationInterval: props.flowLogInterval ?? "INTERVAL_5_SEC",
        flowSampling: props.flowLogSampling ?? 0.5,
        metadata: "INCLUDE_ALL_METADATA",
      },
    });

    this.router = new ComputeRouter(this, "Router", {
      name: `${props.name}-router`,
      project: props.project,
      region: props.region,
      network: this.resource.id,
    });

    this.nat = new ComputeRouterNat(this, "Nat", {
      name: `${props.name}-nat`,
      project: props.project,
      region: props.region,
      router: this.router.name,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    });

    this.denyAllIngress = new ComputeFirewall(this, "DenyAllIngress", {
      name: `${props.name}-deny-all-ingress`,
      project: props.project,
      network: this.resource.id,
      direction: "INGRESS",
      priority: 65534,
      sourceRanges: ["0.0.0.0/0"],
      deny: [{ protocol: "all" }],
      logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      description: "Explicit, logged deny of all ingress not allowed by a higher-priority rule (GKE manages its own allow rules).",
    });

    this.networkId = this.resource.selfLink;
    this.networkRef = this.resource.id;
    this.subnetworkRef = this.subnet.id;
    this.privateSubnetIds = [this.subnet.id];
  }
}
