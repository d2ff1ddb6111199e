import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { ContainerCluster } from "@cdktf/provider-google/lib/container-cluster";
import { DataGoogleContainerEngineVersions } from "@cdktf/provider-google/lib/data-google-container-engine-versions";
import { Construct } from "constructs";
import { assertApiAccess } from "../spec/api-access";
import type { GkeMaintenanceSpec } from "../spec/schema";
import { Fn, type ITerraformDependable } from "cdktf";
import { ImportedGkeCluster, type GkeClusterAttributes, type IGkeCluster } from "./imports";
import type { IGcpNetwork } from "./existing-network";

/** GKE release channels. */
export enum ReleaseChannel {
  RAPID = "RAPID",
  REGULAR = "REGULAR",
  STABLE = "STABLE",
}

/** Props of {@link GcpCluster}. */
export interface GcpClusterProps {
  /** Cluster name (the platform name). */
  readonly name: string;
  readonly project: string;
  /** The region: the cluster is regional (control plane replicated across the region's zones). */
  readonly region: string;
  /** The platform's network or an existing one (Shared VPC included). */
  readonly network: IGcpNetwork;
  /**
   * Kubernetes minor version, e.g. "1.33" (spec.cluster.kubernetesVersion), set as
   * `min_master_version`: GKE picks the newest patch of that minor available in the
   * release channel and upgrades patches automatically; the control plane is never
   * older than this minor. The minor must be offered by the channel.
   */
  readonly kubernetesVersion: string;
  /**
   * "private": the API endpoint has only a private address (enable_private_endpoint).
   * "public": the endpoint also has a public address, reachable only from `authorizedNetworks`.
   */
  readonly apiAccess: "private" | "public";
  /**
   * CIDRs allowed to reach the API endpoint (master authorized networks); never
   * 0.0.0.0/0. With a private endpoint they are enforced on it too, so only these
   * networks and the cluster's own nodes reach it.
   */
  readonly authorizedNetworks: readonly string[];
  /**
   * Open GKE's DNS-based control-plane endpoint to traffic from outside Google Cloud
   * (`allow_external_traffic`): every request is authorized by IAM
   * (`container.clusters.connect`) before Kubernetes RBAC, and authorized networks do
   * not apply to it. `endpoint` then is that DNS name.
   * @default false
   */
  readonly dnsEndpoint?: boolean;
  /** KMS key (id) that encrypts Kubernetes Secrets in etcd. */
  readonly secretsKmsKey: string;
  /** Email of the node service account (also used by GKE's temporary default pool). */
  readonly nodeServiceAccountEmail: string;
  /** KMS key (id) of node boot disks (for GKE's temporary default pool). */
  readonly bootDiskKmsKey: string;
  /** Resources the cluster must wait for (the KMS grant of the GKE service agent). */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Release channel.
   * @default ReleaseChannel.REGULAR
   */
  readonly releaseChannel?: ReleaseChannel;
  /**
   * Google Groups for RBAC: the `gke-security-groups@<domain>` group whose nested groups
   * can be RoleBinding subjects (`authenticator_groups_config.security_group`).
   * @default - none (RBAC subjects are users and service accounts)
   */
  readonly securityGroup?: string;
  /**
   * Enforce the project's Binary Authorization policy on every pod.
   * @default false
   */
  readonly binaryAuthorization?: boolean;
  /**
   * When GKE may run automatic upgrades (a recurring window) and when not (exclusions).
   * @default - no policy: GKE may upgrade at any time
   */
  readonly maintenance?: GkeMaintenanceSpec;
  /**
   * The control plane's private range (/28) for a VPC-peering private cluster. When set,
   * a firewall rule lets the control plane reach nodes on `webhookPorts` (GKE itself only
   * opens 443 and 10250).
   * @default - none: GKE 1.29+ creates a Private Service Connect based private cluster
   *   and manages the control-plane-to-node rules itself
   */
  readonly masterIpv4CidrBlock?: string;
  /**
   * Node ports admission webhooks listen on, opened to the control plane when
   * `masterIpv4CidrBlock` is set.
   * @default ["8443", "9443", "15017"]
   */
  readonly webhookPorts?: readonly string[];
}

/** Cluster logging components: system components, workloads and the control plane. */
export const LOGGING_COMPONENTS = ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"] as const;
/** Cluster monitoring components. */
export const MONITORING_COMPONENTS = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "STORAGE", "POD", "DEPLOYMENT"] as const;

/**
 * A private, regional GKE cluster without node pools of its own (they are separate
 * resources, so a pool can change without touching the cluster):
 *
 * - private nodes; private endpoint unless `apiAccess` is "public"; master authorized
 *   networks always enabled (with no CIDR when private and none are given);
 * - VPC-native (alias IPs from the subnet's `pods`/`services` ranges);
 * - Dataplane V2 (`ADVANCED_DATAPATH`): Kubernetes NetworkPolicy is enforced by the
 *   dataplane, so no `network_policy` block is set;
 * - Workload Identity (`<project>.svc.id.goog`), shielded nodes, Secrets encrypted with a
 *   customer-managed key, legacy ABAC and client certificates off, a release channel,
 *   deletion protection;
 * - `remove_default_node_pool`: GKE needs a default pool at creation and deletes it
 *   right away; it is configured with the platform's node service account, shielded
 *   boot and the boot-disk key so not even that temporary pool uses the Compute Engine
 *   default account. Changes to it are ignored (it no longer exists).
 */
export class GcpCluster extends Construct implements IGkeCluster {
  /** A GKE cluster this library did not create, for node pools to join (read with `data.google_container_cluster`). */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: GkeClusterAttributes): IGkeCluster {
    return new ImportedGkeCluster(scope, id, attrs);
  }

  public readonly resource: ContainerCluster;
  public readonly clusterName: string;
  public readonly endpoint: string;
  public readonly caCertificate: string;
  public readonly kubernetesVersion: string;
  public readonly network: IGcpNetwork;
  /** The location (region) node pools attach to. */
  public readonly location: string;
  /** The cluster's id (a reference), which node pools name. */
  public readonly clusterId: string;
  /** Firewall rule for webhook ports, when `masterIpv4CidrBlock` is set. */
  public readonly webhookFirewall?: ComputeFirewall;
  /** True when `endpoint` is the DNS-based endpoint (its certificate is publicly trusted, not the cluster CA). */
  public readonly endpointIsDns: boolean;

  /** The versions GKE offers in the region for the cluster's minor, read at plan time. */
  public readonly versions: DataGoogleContainerEngineVersions;

  constructor(scope: Construct, id: string, props: GcpClusterProps) {
    super(scope, id);
    assertApiAccess(this.node.path, props.apiAccess, props.authorizedNetworks);
    const channel = props.releaseChannel ?? ReleaseChannel.REGULAR;
    // The minor must be one GKE still offers in the channel: which minors a channel offers
    // changes every few weeks (https://cloud.google.com/kubernetes-engine/docs/release-schedule),
    // so it is read at plan time rather than kept in a table. With a version_prefix the
    // provider's release_channel_latest_version has an entry for a channel only when one
    // of that channel's valid versions matches the prefix (provider source:
    // google/services/container/data_source_google_container_engine_versions.go).
    this.versions = new DataGoogleContainerEngineVersions(this, "Versions", {
      project: props.project,
      location: props.region,
      versionPrefix: `${props.kubernetesVersion}.`,
    });
    const isPrivate = props.apiAccess === "private";
    this.network = props.network;
    this.kubernetesVersion = props.kubernetesVersion;
    this.location = props.region;

    this.resource = new ContainerCluster(this, "Resource", {
      name: props.name,
      project: props.project,
      location: props.region,
      network: props.network.networkRef,
      subnetwork: props.network.subnetworkRef,
      networkingMode: "VPC_NATIVE",
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.network.podsRangeName,
        servicesSecondaryRangeName: props.network.servicesRangeName,
      },
      // Control-plane access, google provider 6.11+ (website/docs/r/container_cluster.html.markdown;
      // https://cloud.google.com/kubernetes-engine/docs/concepts/network-isolation):
      // - global access: the private endpoint answers clients in every region of the VPC
      //   and of networks connected to it, not only the cluster's region;
      // - private_endpoint_enforcement_enabled: the authorized networks apply to the
      //   private endpoint as well (else anything in the VPC reaches it);
      // - the DNS-based endpoint takes outside traffic only when asked, IAM-authorized.
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: isPrivate,
        ...(props.masterIpv4CidrBlock === undefined ? {} : { masterIpv4CidrBlock: props.masterIpv4CidrBlock }),
        ...(isPrivate ? { masterGlobalAccessConfig: { enabled: true } } : {}),
      },
      masterAuthorizedNetworksConfig: {
        gcpPublicCidrsAccessEnabled: false,
        ...(isPrivate ? { privateEndpointEnforcementEnabled: true } : {}),
        cidrBlocks: props.authorizedNetworks.map((cidrBlock) => ({ cidrBlock, displayName: `authorized ${cidrBlock}` })),
      },
      controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: props.dnsEndpoint ?? false } },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      enableShieldedNodes: true,
      datapathProvider: "ADVANCED_DATAPATH",
      workloadIdentityConfig: { workloadPool: `${props.project}.svc.id.goog` },
      databaseEncryption: { state: "ENCRYPTED", keyName: props.secretsKmsKey },
      releaseChannel: { channel },
      minMasterVersion: props.kubernetesVersion,
      deletionProtection: true,
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig: {
        serviceAccount: props.nodeServiceAccountEmail,
        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        bootDiskKmsKey: props.bootDiskKmsKey,
        diskType: "pd-balanced",
      },
      loggingConfig: { enableComponents: [...LOGGING_COMPONENTS] },
      monitoringConfig: { enableComponents: [...MONITORING_COMPONENTS], managedPrometheus: { enabled: true } },
      ...(props.securityGroup === undefined ? {} : { authenticatorGroupsConfig: { securityGroup: props.securityGroup } }),
      ...(props.binaryAuthorization ? { binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" } } : {}),
      ...(props.maintenance === undefined ? {} : { maintenancePolicy: maintenancePolicy(props.maintenance) }),
      lifecycle: {
        ignoreChanges: ["node_config", "initial_node_count"],
        precondition: [
          {
            condition: Fn.contains(Fn.keys(this.versions.releaseChannelLatestVersion), channel),
            errorMessage: `GKE offers no ${props.kubernetesVersion} version in the ${channel} channel in ${props.region} (spec cluster.kubernetesVersion): pick a minor the channel offers (https://cloud.google.com/kubernetes-engine/docs/release-schedule) or another releaseChannel.`,
          },
        ],
      },
      ...(props.dependsOn === undefined ? {} : { dependsOn: [...props.dependsOn] }),
    });

    if (props.masterIpv4CidrBlock !== undefined) {
      this.webhookFirewall = new ComputeFirewall(this, "ControlPlaneWebhooks", {
        name: `${props.name}-control-plane-webhooks`,
        project: props.project,
        network: props.network.networkRef,
        direction: "INGRESS",
        priority: 1000,
        sourceRanges: [props.masterIpv4CidrBlock],
        targetServiceAccounts: [props.nodeServiceAccountEmail],
        allow: [{ protocol: "tcp", ports: [...(props.webhookPorts ?? ["8443", "9443", "15017"])] }],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
        description: "GKE control plane to admission webhooks on nodes.",
      });
    }

    this.clusterName = this.resource.name;
    this.clusterId = this.resource.id;
    this.endpointIsDns = props.dnsEndpoint ?? false;
    const host = this.endpointIsDns
      ? this.resource.controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint
      : isPrivate
        ? this.resource.privateClusterConfig.privateEndpoint
        : this.resource.endpoint;
    this.endpoint = `https://${host}`;
    this.caCertificate = this.resource.masterAuth.clusterCaCertificate;
  }
}

const EXCLUSION_SCOPES: Readonly<Record<GkeMaintenanceSpec["exclusions"][number]["scope"], string>> = {
  "no-upgrades": "NO_UPGRADES",
  "no-minor-upgrades": "NO_MINOR_UPGRADES",
  "no-minor-or-node-upgrades": "NO_MINOR_OR_NODE_UPGRADES",
};

/**
 * The cluster's `maintenance_policy`: one `recurring_window` (RFC 3339 UTC times, an
 * RFC 5545 RRULE) and the exclusions, each with its scope (provider docs,
 * container_cluster `maintenance_policy`; up to 20 exclusions).
 */
function maintenancePolicy(m: GkeMaintenanceSpec) {
  return {
    recurringWindow: { startTime: m.window.start, endTime: m.window.end, recurrence: m.window.recurrence },
    ...(m.exclusions.length === 0
      ? {}
      : {
          maintenanceExclusion: m.exclusions.map((e) => ({
            exclusionName: e.name,
            startTime: e.start,
            endTime: e.end,
            exclusionOptions: { scope: EXCLUSION_SCOPES[e.scope] },
          })),
        }),
  };
}
