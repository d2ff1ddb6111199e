/**
 * The GCP realisation of the cloud-neutral contracts: the same platform as on AWS, on
 * GKE. `GcpPlatform` composes one construct per component; the stack creates the Google
 * provider (`createGoogleProvider`) and declares the outputs from `platform.outputs()`.
 */
import { Construct } from "constructs";
import type {
  CloudPlatformProps,
  ICloudPlatform,
  IGpuNodePool,
  IWorkloadIdentity,
  PlatformOutputValues,
} from "../spec/contracts";
import { GcpTargetOptionsSchema, modelRegistryLocked, type GcpTarget, type PlatformSpec } from "../spec/schema";
import { GcpCluster, type ReleaseChannel } from "./cluster";
import { GcpDataLake } from "./data-lake";
import { GcpGpuNodePool, type GpuDriverVersion } from "./gpu-node-pool";
import { GcpKms } from "./kms";
import { GcpModelRegistry } from "./model-registry";
import {
  assertOneTargetPerProject,
  dataLakeBucketName,
  datasetId,
  nodeServiceAccountId,
  platformBucketName,
  teamServiceAccountId,
} from "./names";
import { GcpExistingNetwork } from "./existing-network";
import { GcpNetwork } from "./network";
import { GcpNodeServiceAccount } from "./node-service-account";
import { GcpDataAccessAuditLogs, GcpRegionalLogs } from "./logs";
import { ProjectIamGrants } from "./project-iam";
import { BINARY_AUTHORIZATION_API, GcpProjectServices, PLATFORM_APIS, addDependsOn, requireServices } from "./project-services";
import { GcpSystemNodePool } from "./system-node-pool";
import { GcpWorkloadIdentity } from "./workload-identity";

export { createGoogleProvider } from "./provider";
export { GcpCluster, LOGGING_COMPONENTS, MONITORING_COMPONENTS, ReleaseChannel, type GcpClusterProps } from "./cluster";
export {
  BIGQUERY_JOB_USER,
  CATALOG_ROLES,
  DATA_LAKE_ROLES,
  GcpDataLake,
  dataLakeLifecycle,
  type GcpDataLakeProps,
} from "./data-lake";
export { COST_ALLOCATION_LABEL, EmailNotificationChannels, PlatformBillingBudget, type EmailNotificationChannelsProps, type PlatformBillingBudgetProps } from "./budget";
export { GKE_GPU_TAINT, GcpGpuNodePool, GpuDriverVersion, type GcpGpuNodePoolProps } from "./gpu-node-pool";
export { GPU_ZONES, MACHINE_OVERRIDES, gpuZones, type GpuZoneLookup } from "../catalog/gcp-gpu-zones";
export { GcpKms, KMS_ENCRYPTER_DECRYPTER, type GcpKmsProps, type KeyPurpose } from "./kms";
export {
  AUDITED_SERVICES,
  DATA_ACCESS_LOG_TYPES,
  DEFAULT_SINK_FILTER,
  GcpDataAccessAuditLogs,
  GcpRegionalLogs,
  type GcpDataAccessAuditLogsProps,
  type GcpRegionalLogsProps,
} from "./logs";
export {
  BINARY_AUTHORIZATION_API,
  GcpProjectServices,
  PLATFORM_APIS,
  addDependsOn,
  apisOfType,
  requireServices,
  type GcpProjectServicesProps,
} from "./project-services";
export { GcpModelRegistry, MODEL_REGISTRY_ROLES, type GcpModelRegistryProps } from "./model-registry";
export { dataLakeBucketName, datasetId, nodeServiceAccountId, platformBucketName, teamServiceAccountId } from "./names";
export {
  ImportedGkeCluster,
  ImportedServiceAccount,
  type GkeClusterAttributes,
  type IGkeCluster,
  type ImportedServiceAccountOptions,
} from "./imports";
export { GcpExistingNetwork, type GcpExistingNetworkProps, type IGcpNetwork } from "./existing-network";
export { GcpNetwork, PODS_RANGE_NAME, SERVICES_RANGE_NAME, type GcpNetworkProps } from "./network";
export { bootDiskType, secureNodeConfig, type SecureNodeConfigOptions } from "./node-config";
export { GcpNodeServiceAccount, NODE_SERVICE_ACCOUNT_ROLES, type GcpNodeServiceAccountProps } from "./node-service-account";
export { GcpPrivateBucket, type GcpPrivateBucketProps } from "./private-bucket";
export { PRIMITIVE_ROLES, PUBLIC_MEMBERS, ProjectIamGrants, assertGrantable, type ProjectIamGrantsProps } from "./project-iam";
export { GcpSystemNodePool, SYSTEM_POOL_NAME, systemPoolInitialNodeCount, type GcpSystemNodePoolProps } from "./system-node-pool";
export {
  GKE_SERVICE_ACCOUNT_ANNOTATION,
  GcpWorkloadIdentity,
  TEAM_SERVICE_ACCOUNT,
  WORKLOAD_IDENTITY_USER,
  type GcpWorkloadIdentityProps,
} from "./workload-identity";

/**
 * Project role of every person on the platform (team members, platform admins,
 * auditors): enough to fetch cluster credentials (`container.clusters.get`) and nothing
 * inside the cluster. What they may do in the cluster comes from Kubernetes RBAC (the
 * in-cluster layer). `roles/container.viewer` is deliberately not used for auditors: it
 * grants read access to in-cluster API objects through IAM, around RBAC (and, as far as
 * could be checked, lists Secrets), so "read-only, no Secrets" could not be enforced in
 * one place.
 */
export const HUMAN_CLUSTER_ROLE = "roles/container.clusterViewer";

/**
 * Project role of the deployers (the identities that apply Terraform): the least
 * privileged predefined role that can apply the in-cluster stack before any RBAC exists.
 * That stack creates namespaces, quotas, network policies, service accounts, ClusterRoles
 * and ClusterRoleBindings (one of them to cluster-admin), which needs every Kubernetes API
 * object permission including binding and escalating roles. `roles/container.admin`
 * ("full management of clusters and their Kubernetes API objects") has them (`container.*`,
 * which also holds `container.clusters.connect` for the DNS-based endpoint);
 * `roles/container.clusterAdmin` ("management of clusters") has no access to the objects
 * inside; no narrower predefined role was confirmed to hold the RBAC bind and escalate
 * permissions (a custom role would be the next step down). Its lowest grantable level is
 * the project, so it covers every cluster in it (one gcp target per project).
 * https://cloud.google.com/iam/docs/roles-permissions/container
 */
export const DEPLOYER_CLUSTER_ROLE = "roles/container.admin";

/** Options of {@link GcpPlatform} beyond the spec, for what the spec does not (yet) say. */
export interface GcpPlatformOptions {
  /**
   * Google Groups for RBAC security group (`gke-security-groups@<domain>`).
   * @default - none
   */
  readonly securityGroup?: string;
  /**
   * Enforce Binary Authorization.
   * @default - the target's `gcp.binaryAuthorization` (false)
   */
  readonly binaryAuthorization?: boolean;
  /**
   * GKE release channel.
   * @default - the target's `gcp.releaseChannel` (REGULAR)
   */
  readonly releaseChannel?: ReleaseChannel;
  /**
   * NVIDIA driver version of GPU pools.
   * @default GpuDriverVersion.DEFAULT
   */
  readonly gpuDriverVersion?: GpuDriverVersion;
  /**
   * Days the regional log bucket keeps logs.
   * @default 365
   */
  readonly logRetentionDays?: number;
}

/** Props of {@link GcpPlatform}. */
export interface GcpPlatformProps extends CloudPlatformProps<GcpTarget> {
  /**
   * GCP-only options.
   * @default - the defaults of each option
   */
  readonly options?: GcpPlatformOptions;
}

/**
 * The whole platform on GCP for one target (project + region).
 *
 * Construct ids (Terraform addresses) come from spec names only: `DataLake/<zone>/…`,
 * `GpuPool-<pool>`, `Team-<team>`, human IAM members by a digest of the principal. Adding
 * a team, zone or pool adds resources and moves none.
 */
export class GcpPlatform extends Construct implements ICloudPlatform {
  public readonly spec: PlatformSpec;
  public readonly target: GcpTarget;
  public readonly kms: GcpKms;
  /** The platform's network ({@link GcpNetwork}), or the target's `existingNetwork` ({@link GcpExistingNetwork}). */
  public readonly network: GcpNetwork | GcpExistingNetwork;
  public readonly nodeServiceAccount: GcpNodeServiceAccount;
  public readonly cluster: GcpCluster;
  public readonly systemPool: GcpSystemNodePool;
  public readonly gpuPools: readonly IGpuNodePool[];
  /** The Google APIs the platform enables. */
  public readonly services: GcpProjectServices;
  /** The regional log bucket and the `_Default` sink routed to it. */
  public readonly logs: GcpRegionalLogs;
  /** Data Access audit logs of Cloud Storage and BigQuery. */
  public readonly dataAccessAuditLogs: GcpDataAccessAuditLogs;
  public readonly dataLake: GcpDataLake;
  public readonly modelRegistry: GcpModelRegistry;
  public readonly teamIdentities: ReadonlyMap<string, IWorkloadIdentity>;
  /** Project-level IAM of people (cluster viewer for every member, admin and auditor). */
  public readonly humanAccess: ProjectIamGrants;
  /** Project-level IAM of the deployers (`DEPLOYER_CLUSTER_ROLE`). */
  public readonly deployerAccess: ProjectIamGrants;

  constructor(scope: Construct, id: string, props: GcpPlatformProps) {
    super(scope, id);
    const { spec, target } = props;
    const options = props.options ?? {};
    if (target.cloud !== "gcp") throw new Error(`GcpPlatform needs a gcp target, got ${String((target as { cloud: unknown }).cloud)}`);
    assertOneTargetPerProject(spec, target);
    this.spec = spec;
    this.target = target;
    const { project, region } = target;

    // The target's GCP options (spec targets[].gcp), unless the code overrides them.
    const gcpOptions = target.gcp ?? GcpTargetOptionsSchema.parse({});
    const binaryAuthorization = options.binaryAuthorization ?? gcpOptions.binaryAuthorization;
    this.services = new GcpProjectServices(this, "Services", {
      project,
      apis: [...PLATFORM_APIS, ...(binaryAuthorization ? [BINARY_AUTHORIZATION_API] : [])],
    });
    this.logs = new GcpRegionalLogs(this, "Logs", {
      project,
      region,
      ...(options.logRetentionDays === undefined ? {} : { retentionDays: options.logRetentionDays }),
    });
    this.dataAccessAuditLogs = new GcpDataAccessAuditLogs(this, "DataAccessAuditLogs", { project });

    this.kms = new GcpKms(this, "Kms", { project, region, keyRingName: spec.name });

    this.network = target.existingNetwork
      ? new GcpExistingNetwork(this, "Network", target.existingNetwork)
      : new GcpNetwork(this, "Network", {
          name: spec.name,
          project,
          region,
          cidr: spec.network.cidr,
          podsCidr: spec.network.podsCidr,
          servicesCidr: spec.network.servicesCidr,
        });

    this.nodeServiceAccount = new GcpNodeServiceAccount(this, "NodeServiceAccount", {
      project,
      accountId: nodeServiceAccountId(spec),
    });

    this.cluster = new GcpCluster(this, "Cluster", {
      name: spec.name,
      project,
      region,
      network: this.network,
      kubernetesVersion: spec.cluster.kubernetesVersion,
      apiAccess: spec.network.apiAccess,
      authorizedNetworks: spec.network.authorizedNetworks,
      dnsEndpoint: spec.network.apiDnsEndpoint,
      secretsKmsKey: this.kms.keys.gkeSecrets.id,
      nodeServiceAccountEmail: this.nodeServiceAccount.email,
      bootDiskKmsKey: this.kms.keys.bootDisks.id,
      dependsOn: [this.kms.gkeGrant, this.kms.computeGrant],
      ...(options.securityGroup === undefined ? {} : { securityGroup: options.securityGroup }),
      binaryAuthorization,
      releaseChannel: options.releaseChannel ?? (gcpOptions.releaseChannel as ReleaseChannel),
      maintenance: gcpOptions.maintenance,
    });

    const poolDependsOn = [this.kms.computeGrant, ...this.nodeServiceAccount.roleMembers];
    this.systemPool = new GcpSystemNodePool(this, "SystemPool", {
      cluster: this.cluster,
      project,
      size: spec.cluster.system.size,
      minNodes: spec.cluster.system.minNodes,
      maxNodes: spec.cluster.system.maxNodes,
      zones: spec.network.zones,
      serviceAccountEmail: this.nodeServiceAccount.email,
      bootDiskKmsKey: this.kms.keys.bootDisks.id,
      dependsOn: poolDependsOn,
    });

    this.gpuPools = spec.gpuPools.map(
      (pool) =>
        new GcpGpuNodePool(this, `GpuPool-${pool.name}`, {
          cluster: this.cluster,
          project,
          region,
          pool,
          serviceAccountEmail: this.nodeServiceAccount.email,
          bootDiskKmsKey: this.kms.keys.bootDisks.id,
          maxZones: spec.network.zones,
          dependsOn: poolDependsOn,
          ...(options.gpuDriverVersion === undefined ? {} : { driverVersion: options.gpuDriverVersion }),
        }),
    );

    this.dataLake = new GcpDataLake(this, "DataLake", {
      project,
      region,
      bucketNames: Object.fromEntries(spec.dataLake.zones.map((z) => [z, dataLakeBucketName(spec, target, z)])),
      datasetIds: Object.fromEntries(spec.dataLake.zones.map((z) => [z, datasetId(spec, z)])),
      kmsKeyName: this.kms.keys.dataLake.id,
      archiveAfterDays: spec.dataLake.archiveAfterDays,
      noncurrentVersionDays: spec.dataLake.noncurrentVersionDays,
      bucketDependsOn: [this.kms.storageGrants.dataLake],
      datasetDependsOn: [this.kms.bigqueryGrant],
    });

    this.modelRegistry = new GcpModelRegistry(this, "ModelRegistry", {
      project,
      region,
      bucketName: platformBucketName(spec, target, "model-registry"),
      kmsKeyName: this.kms.keys.modelRegistry.id,
      retentionDays: spec.modelRegistry.retentionDays,
      mode: modelRegistryLocked(spec.modelRegistry) ? "compliance" : "governance",
      dependsOn: [this.kms.storageGrants.modelRegistry],
    });

    const identities = new Map<string, IWorkloadIdentity>();
    for (const team of spec.teams) {
      const identity = new GcpWorkloadIdentity(this, `Team-${team.name}`, {
        project,
        accountId: teamServiceAccountId(spec, target, team.name),
        namespace: team.name,
        dependsOn: [this.cluster.resource],
      });
      identities.set(team.name, identity);
      for (const [zone, level] of Object.entries(team.data)) {
        if (level === "read") this.dataLake.grantRead(identity, zone);
        else if (level === "write") this.dataLake.grantWrite(identity, zone);
      }
      if (team.models === "consume") this.modelRegistry.grantConsume(identity);
      else if (team.models === "publish") this.modelRegistry.grantPublish(identity);
    }
    this.teamIdentities = identities;

    this.humanAccess = new ProjectIamGrants(this, "HumanAccess", { project });
    const people = [
      ...spec.admins.gcp,
      ...spec.auditors.gcp,
      ...spec.teams.flatMap((t) => [...t.members.admins.gcp, ...t.members.developers.gcp, ...t.members.viewers.gcp]),
    ];
    for (const principal of [...new Set(people)].sort()) this.humanAccess.grant(HUMAN_CLUSTER_ROLE, principal);

    this.deployerAccess = new ProjectIamGrants(this, "DeployerAccess", { project });
    for (const principal of [...new Set(spec.deployers.gcp)].sort()) this.deployerAccess.grant(DEPLOYER_CLUSTER_ROLE, principal);

    // First apply in a fresh project: every resource waits for the APIs it calls; the
    // service agents the key grants name exist once their API is on (GKE's
    // container-engine-robot with container.googleapis.com, Compute Engine's
    // compute-system with compute.googleapis.com: https://cloud.google.com/iam/docs/service-agents).
    requireServices(this, this.services);
    addDependsOn(this.kms.gkeGrant, [this.services.service("container.googleapis.com")!]);
    addDependsOn(this.kms.computeGrant, [this.services.service("compute.googleapis.com")!]);
    // Logs the network and the cluster write from their first minute go to the regional bucket.
    addDependsOn(this.network, [this.logs.defaultSink]);
    addDependsOn(this.cluster, [this.logs.defaultSink]);
  }

  public outputs(): PlatformOutputValues {
    const buckets: Record<string, string> = {};
    const catalogs: Record<string, string> = {};
    for (const zone of this.dataLake.zones) {
      buckets[zone] = this.dataLake.bucketName(zone);
      catalogs[zone] = this.dataLake.catalogName(zone);
    }
    return {
      cloud: "gcp",
      region: this.target.region,
      cluster_name: this.cluster.clusterName,
      cluster_endpoint: this.cluster.endpoint,
      cluster_ca_certificate: this.cluster.caCertificate,
      network_id: this.network.networkId,
      data_lake_buckets: buckets,
      data_catalogs: catalogs,
      model_registry_bucket: this.modelRegistry.bucketName,
      team_identities: Object.fromEntries([...this.teamIdentities].map(([team, identity]) => [team, identity.principal])),
      gpu_pools: Object.fromEntries(this.gpuPools.map((p) => [p.poolName, p.instanceType])),
    };
  }
}
