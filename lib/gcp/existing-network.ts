/**
 * A VPC network the platform did not create, in the target's project or in a Shared VPC
 * host project. Nothing network-level is created: no network, subnetwork, router, NAT
 * or firewall rule. The subnetwork is read with a data source whose postconditions stop
 * `terraform plan` before anything is created when it cannot carry the cluster:
 *
 * - it belongs to the given network;
 * - it has the two secondary ranges the cluster's pods and services use (VPC-native);
 * - Private Google Access is on (private nodes reach Google APIs without public IPs,
 *   https://cloud.google.com/vpc/docs/private-google-access).
 *
 * What the network and host project must already provide (NAT, firewall rules, Shared
 * VPC roles of the service project's agents) is listed in the README ("Bring your own
 * network").
 */
import { DataGoogleComputeSubnetwork } from "@cdktf/provider-google/lib/data-google-compute-subnetwork";
import { Construct } from "constructs";
import type { INetwork } from "../spec/contracts";

/** What a GKE cluster needs of its network: where to attach, and the names of its secondary ranges. */
export interface IGcpNetwork extends INetwork {
  /** The network as `projects/<project>/global/networks/<name>` (or a reference to it). */
  readonly networkRef: string;
  /** The node subnetwork as `projects/<project>/regions/<region>/subnetworks/<name>` (or a reference to it). */
  readonly subnetworkRef: string;
  /** Name of the subnetwork's secondary range for pods. */
  readonly podsRangeName: string;
  /** Name of the subnetwork's secondary range for services. */
  readonly servicesRangeName: string;
}

/** Attributes of an existing network. */
export interface GcpExistingNetworkProps {
  /** `projects/<host project>/global/networks/<name>`. */
  readonly network: string;
  /** `projects/<host project>/regions/<region>/subnetworks/<name>`, in the network's project. */
  readonly subnetwork: string;
  /** Secondary range of the subnetwork for pods. */
  readonly podsRange: string;
  /** Secondary range of the subnetwork for services. */
  readonly servicesRange: string;
}

const NETWORK_PATH = /^projects\/([^/]+)\/global\/networks\/([^/]+)$/;
const SUBNETWORK_PATH = /^projects\/([^/]+)\/regions\/([^/]+)\/subnetworks\/([^/]+)$/;

/** An existing network (Shared VPC included), checked at plan time; the contract's {@link INetwork}. */
export class GcpExistingNetwork extends Construct implements IGcpNetwork {
  /** The `data.google_compute_subnetwork` that reads and checks the subnetwork. */
  public readonly subnetwork: DataGoogleComputeSubnetwork;
  /** The project that owns the network: a Shared VPC host project, or the target's own. */
  public readonly hostProject: string;
  public readonly networkId: string;
  public readonly privateSubnetIds: readonly string[];
  public readonly region: string;
  public readonly networkRef: string;
  public readonly subnetworkRef: string;
  public readonly podsRangeName: string;
  public readonly servicesRangeName: string;

  constructor(scope: Construct, id: string, props: GcpExistingNetworkProps) {
    super(scope, id);
    const net = NETWORK_PATH.exec(props.network);
    if (!net) throw new Error(`${this.node.path}: network: "${props.network}" must be projects/<project>/global/networks/<name>`);
    const sub = SUBNETWORK_PATH.exec(props.subnetwork);
    if (!sub) throw new Error(`${this.node.path}: subnetwork: "${props.subnetwork}" must be projects/<project>/regions/<region>/subnetworks/<name>`);
    const [, project, region, name] = sub as unknown as [string, string, string, string];
    if (project !== net[1]) {
      throw new Error(`${this.node.path}: subnetwork: "${props.subnetwork}" is in project ${project} but the network is in ${net[1]}`);
    }
    if (props.podsRange === props.servicesRange) {
      throw new Error(`${this.node.path}: servicesRange: "${props.servicesRange}" is also the podsRange; use two secondary ranges`);
    }
    this.hostProject = project;
    this.region = region;
    this.subnetwork = new DataGoogleComputeSubnetwork(this, "Subnetwork", {
      project,
      region,
      name,
      lifecycle: {
        postcondition: [
          {
            // The API returns the network as a URL; accept the bare path too.
            condition: `\${self.network == "${props.network}" || endswith(self.network, "/${props.network}")}`,
            errorMessage: `Subnetwork ${props.subnetwork} is not in network ${props.network}.`,
          },
          ...[props.podsRange, props.servicesRange].map((range) => ({
            condition: `\${contains(self.secondary_ip_range[*].range_name, "${range}")}`,
            errorMessage: `Subnetwork ${props.subnetwork} has no secondary range "${range}".`,
          })),
          {
            condition: "${self.private_ip_google_access}",
            errorMessage: `Subnetwork ${props.subnetwork} must have Private Google Access on: private nodes reach Google APIs through it.`,
          },
        ],
      },
    });
    this.networkRef = props.network;
    // The data source's id is the subnetwork's path; referring to it makes the cluster wait for the checks.
    this.subnetworkRef = this.subnetwork.id;
    this.networkId = this.subnetwork.network;
    this.privateSubnetIds = [this.subnetwork.id];
    this.podsRangeName = props.podsRange;
    this.servicesRangeName = props.servicesRange;
  }
}
