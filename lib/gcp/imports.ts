/**
 * Resources this library did not create, as the interfaces its constructs take: a GPU
 * pool can join a GKE cluster made elsewhere, and the data lake or model registry can
 * grant to any service account. Nothing here creates the imported resource; what is
 * read from the cloud is read with data sources at plan time.
 *
 * ```ts
 * const cluster = GcpCluster.fromClusterAttributes(stack, "Cluster", { project: "ml-prod", location: "europe-west4", name: "ml" });
 * new GcpGpuNodePool(stack, "GpuPool-l4", { cluster, project: "ml-prod", region: "europe-west4", pool, serviceAccountEmail, bootDiskKmsKey });
 * lake.grantRead("analysts@ml-prod.iam.gserviceaccount.com", "curated");
 * ```
 */
import { DataGoogleContainerCluster } from "@cdktf/provider-google/lib/data-google-container-cluster";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Grantee, IKubernetesCluster, INetwork, IWorkloadIdentity } from "../spec/contracts";
import { stableSuffix } from "../spec/naming";

/** A GKE cluster node pools can join: the platform's {@link GcpCluster} or an imported one. */
export interface IGkeCluster extends IKubernetesCluster {
  /** The cluster's id, `projects/<project>/locations/<location>/clusters/<name>` (or a reference to it). */
  readonly clusterId: string;
  /** The cluster's location: a region (regional cluster) or a zone. */
  readonly location: string;
}

/** Attributes of an existing GKE cluster. */
export interface GkeClusterAttributes {
  readonly project: string;
  /** The cluster's location: a region or a zone. */
  readonly location: string;
  /** The cluster's name. */
  readonly name: string;
}

/** A GKE cluster this library did not create, read with `data.google_container_cluster`. */
export class ImportedGkeCluster extends Construct implements IGkeCluster {
  /** The `data.google_container_cluster`. */
  public readonly resource: DataGoogleContainerCluster;
  public readonly clusterId: string;
  public readonly location: string;
  public readonly clusterName: string;
  public readonly endpoint: string;
  public readonly caCertificate: string;
  public readonly kubernetesVersion: string;
  public readonly network: INetwork;

  constructor(scope: Construct, id: string, attrs: GkeClusterAttributes) {
    super(scope, id);
    this.resource = new DataGoogleContainerCluster(this, "Resource", { project: attrs.project, location: attrs.location, name: attrs.name });
    this.clusterId = this.resource.id;
    this.location = attrs.location;
    this.clusterName = this.resource.name;
    this.endpoint = `https://${this.resource.endpoint}`;
    this.caCertificate = this.resource.masterAuth.get(0).clusterCaCertificate;
    this.kubernetesVersion = this.resource.masterVersion;
    this.network = new ClusterNetwork(this, "Network", {
      networkId: this.resource.network,
      privateSubnetIds: [this.resource.subnetwork],
      // A zone (europe-west4-a) lies in the region before its last '-'.
      region: /^[a-z]+-[a-z]+\d+-[a-z]$/.test(attrs.location) ? attrs.location.replace(/-[a-z]$/, "") : attrs.location,
    });
  }
}

/** The network of an imported cluster, as the cluster reports it. */
class ClusterNetwork extends Construct implements INetwork {
  public readonly networkId: string;
  public readonly privateSubnetIds: readonly string[];
  public readonly region: string;

  constructor(scope: Construct, id: string, attrs: Omit<INetwork, keyof Construct>) {
    super(scope, id);
    this.networkId = attrs.networkId;
    this.privateSubnetIds = attrs.privateSubnetIds;
    this.region = attrs.region;
  }
}

const SERVICE_ACCOUNT_EMAIL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.iam\.gserviceaccount\.com$|^[0-9]+-compute@developer\.gserviceaccount\.com$/;

/** Options of {@link ImportedServiceAccount}. */
export interface ImportedServiceAccountOptions {
  /**
   * Kubernetes namespace whose pods use the account, when it is a workload identity.
   * @default - none ("")
   */
  readonly namespace?: string;
  /**
   * Kubernetes service account bound to it.
   * @default - none ("")
   */
  readonly serviceAccountName?: string;
}

/** A Google service account this library did not create; grants bind roles to it on the resources. */
export class ImportedServiceAccount extends Construct implements IWorkloadIdentity {
  public readonly principal: string;
  public readonly namespace: string;
  public readonly serviceAccountName: string;
  public readonly serviceAccountAnnotations: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, email: string, options: ImportedServiceAccountOptions = {}) {
    super(scope, id);
    this.principal = serviceAccountEmail(email);
    this.namespace = options.namespace ?? "";
    this.serviceAccountName = options.serviceAccountName ?? "";
    // The GKE Workload Identity annotation (GKE_SERVICE_ACCOUNT_ANNOTATION), for a pod-bound account.
    this.serviceAccountAnnotations = options.namespace ? { "iam.gke.io/gcp-service-account": this.principal } : {};
  }
}

/** The email of a service account given as `<email>` or `serviceAccount:<email>`, checked when it is a literal. */
function serviceAccountEmail(text: string): string {
  const email = text.replace(/^serviceAccount:/, "");
  if (!Token.isUnresolved(email) && !SERVICE_ACCOUNT_EMAIL.test(email)) {
    throw new Error(`"${text}" is not a service account email (<name>@<project>.iam.gserviceaccount.com)`);
  }
  return email;
}

/**
 * The IAM member a grant binds and the suffix of its construct ids: a team identity's
 * namespace (as before), otherwise a digest of the email, so two grantees never share
 * an address.
 */
export function gcpGrantee(grantee: Grantee): { readonly member: string; readonly who: string } {
  const email = typeof grantee === "string" ? serviceAccountEmail(grantee) : grantee.principal;
  const who = typeof grantee !== "string" && grantee.namespace !== "" ? grantee.namespace : `sa-${stableSuffix(10, email)}`;
  return { member: `serviceAccount:${email}`, who };
}
