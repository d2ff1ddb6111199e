/**
 * Cloud-neutral contracts. `lib/aws` and `lib/gcp` implement them; `stacks/` composes
 * them from a spec; `lib/k8s` consumes them without knowing which cloud is behind.
 *
 * Nothing here imports a provider package.
 */
import type { IConstruct } from "constructs";
import type { AcceleratorId } from "../catalog";
import type { Cloud } from "./clouds";
import type { PlatformSpec, Target } from "./schema";

/** The private network the cluster runs in. */
export interface INetwork extends IConstruct {
  /** VPC id (AWS) or network self link (GCP). */
  readonly networkId: string;
  /** Subnets that nodes run in; never public. */
  readonly privateSubnetIds: readonly string[];
  /** The region the network is in. */
  readonly region: string;
}

/** A Kubernetes taint. */
export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/** Node labels every GPU pool carries on both clouds, so workloads select pools the same way. */
export const GPU_POOL_LABEL = "ai-platform.io/pool";
export const GPU_ACCELERATOR_LABEL = "ai-platform.io/accelerator";

/** The taint every GPU node carries on both clouds: only pods that tolerate it land there. */
export const GPU_TAINT: NodeTaint = { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" };

/** The managed Kubernetes cluster. */
export interface IKubernetesCluster extends IConstruct {
  readonly clusterName: string;
  /** HTTPS endpoint of the API server. */
  readonly endpoint: string;
  /** Base64-encoded PEM of the cluster CA. */
  readonly caCertificate: string;
  readonly kubernetesVersion: string;
  readonly network: INetwork;
}

/** A GPU node pool. */
export interface IGpuNodePool extends IConstruct {
  readonly poolName: string;
  readonly accelerator: AcceleratorId;
  readonly gpusPerNode: number;
  /** The instance (AWS) or machine (GCP) type from the catalog. */
  readonly instanceType: string;
  readonly nodeLabels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaint[];
}

/** A cloud identity that pods assume through a Kubernetes service account. */
export interface IWorkloadIdentity extends IConstruct {
  /** IAM role ARN (AWS) or Google service account email (GCP). */
  readonly principal: string;
  /** The namespace and Kubernetes service account bound to it. */
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** Annotations the Kubernetes service account needs (empty on EKS Pod Identity). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
}

/**
 * Whom a grant is for: a workload identity construct, or any identity of the cloud by
 * its id: an IAM role ARN on AWS, a service account email on GCP.
 */
export type Grantee = IWorkloadIdentity | string;

/** The data lake: one encrypted, versioned bucket and one catalog per zone. */
export interface IDataLake extends IConstruct {
  readonly zones: readonly string[];
  bucketName(zone: string): string;
  catalogName(zone: string): string;
  /** Lets the identity list and read objects of the zone (and decrypt them). */
  grantRead(identity: Grantee, zone: string): void;
  /** Lets the identity read, write and delete objects of the zone (and use its key). */
  grantWrite(identity: Grantee, zone: string): void;
}

/** The model registry: a versioned, write-once bucket. */
export interface IModelRegistry extends IConstruct {
  readonly bucketName: string;
  /** Lets the identity read models. */
  grantConsume(identity: Grantee): void;
  /** Lets the identity read and add model versions (retention still prevents changes). */
  grantPublish(identity: Grantee): void;
}

/**
 * The outputs every cloud stack exposes, under the same names on every cloud.
 * The key is the Terraform output name.
 */
export interface PlatformOutputValues {
  readonly cloud: Cloud;
  readonly region: string;
  readonly cluster_name: string;
  readonly cluster_endpoint: string;
  readonly cluster_ca_certificate: string;
  readonly network_id: string;
  /** zone -> bucket name */
  readonly data_lake_buckets: Readonly<Record<string, string>>;
  /** zone -> Glue database (AWS) or BigQuery dataset (GCP) */
  readonly data_catalogs: Readonly<Record<string, string>>;
  readonly model_registry_bucket: string;
  /** team -> IAM role ARN (AWS) or service account email (GCP) */
  readonly team_identities: Readonly<Record<string, string>>;
  /** pool -> instance or machine type */
  readonly gpu_pools: Readonly<Record<string, string>>;
}

/** Output names, in the order they are declared. */
export const PLATFORM_OUTPUT_NAMES: readonly (keyof PlatformOutputValues)[] = [
  "cloud",
  "region",
  "cluster_name",
  "cluster_endpoint",
  "cluster_ca_certificate",
  "network_id",
  "data_lake_buckets",
  "data_catalogs",
  "model_registry_bucket",
  "team_identities",
  "gpu_pools",
];

/** Output values that must not be printed by `terraform apply`. */
export const SENSITIVE_OUTPUTS: ReadonlySet<keyof PlatformOutputValues> = new Set(["cluster_ca_certificate"]);

/** What a cloud implementation builds inside a cloud stack. */
export interface ICloudPlatform extends IConstruct {
  readonly network: INetwork;
  readonly cluster: IKubernetesCluster;
  readonly gpuPools: readonly IGpuNodePool[];
  readonly dataLake: IDataLake;
  readonly modelRegistry: IModelRegistry;
  /** team name -> the team's workload identity */
  readonly teamIdentities: ReadonlyMap<string, IWorkloadIdentity>;
  outputs(): PlatformOutputValues;
}

/** Props every cloud implementation receives. */
export interface CloudPlatformProps<T extends Target = Target> {
  readonly spec: PlatformSpec;
  readonly target: T;
}

/** The Kubernetes service account of each team's workloads, bound to the team's cloud identity on both clouds. */
export const TEAM_SERVICE_ACCOUNT = "workload";

/** The personas of a team. */
export const TEAM_PERSONAS = ["admins", "developers", "viewers"] as const;
export type TeamPersona = (typeof TEAM_PERSONAS)[number];

/** A Kubernetes RBAC subject. */
export interface RbacSubject {
  readonly kind: "User" | "Group" | "ServiceAccount";
  readonly name: string;
  /** Only for ServiceAccount subjects. */
  readonly namespace?: string;
}

/**
 * How a cloud's principals appear inside the cluster. On EKS, access entries map IAM
 * principals to Kubernetes groups named by the platform; on GKE, RBAC names Google users
 * and groups directly (Google Groups for RBAC).
 */
export interface PlatformSubjects {
  team(team: string, persona: TeamPersona): readonly RbacSubject[];
  readonly auditors: readonly RbacSubject[];
  readonly admins: readonly RbacSubject[];
}

/**
 * Where the cluster autoscaler runs on clouds that need one in the cluster (EKS). The
 * cloud stack binds the autoscaler's cloud identity to this namespace and service
 * account; the in-cluster stack deploys it there.
 */
export const CLUSTER_AUTOSCALER_NAMESPACE = "kube-system";
/** Service account the cluster autoscaler runs as (see {@link CLUSTER_AUTOSCALER_NAMESPACE}). */
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";
