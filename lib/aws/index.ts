/**
 * The AWS realisation of the cloud-neutral contracts: a private EKS platform.
 *
 * ```ts
 * const stack = new TerraformStack(app, "acme-ml-aws-eu-central-1");
 * createAwsProvider(stack, spec, target);
 * const platform = new AwsPlatform(stack, "Platform", { spec, target });
 * platform.outputs(); // PlatformOutputValues
 * ```
 *
 * Construct tree (ids are Terraform addresses; every id below a collection derives from
 * a spec name, never a list position):
 *
 * ```
 * Platform/
 *   LogsKey, NodesKey                       KMS keys (see kms.ts)
 *   Network/                                VPC, subnets, NAT, endpoints, flow logs
 *   Cluster/                                EKS, cluster role, secrets key, log group, add-ons
 *   NodeRole/, SystemNodePool/
 *   GpuPool-<pool>/                         one per spec.gpuPools
 *   AccessLogs/                             S3 server access log bucket
 *   DataLake/<zone>/{Key,Bucket,Catalog}    one per spec.dataLake.zones
 *   ModelRegistry/{Key,Bucket}
 *   Team-<team>/                            Pod Identity role and association per team
 *   Access/Principal-<hash(arn)>/           EKS access entry and policy associations
 * ```
 */
import { Construct } from "constructs";
import type {
  CloudPlatformProps,
  ICloudPlatform,
  IWorkloadIdentity,
  PlatformOutputValues,
} from "../spec/contracts";
import { CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "../spec/contracts";
import { platformLabels } from "../spec/naming";
import { modelRegistryLocked, type AwsTarget, type PlatformSpec, type TeamSpec } from "../spec/schema";
import { ClusterAccess } from "./access";
import { AccessLogBucket } from "./access-log-bucket";
import { AutoscalingServiceLinkedRole } from "./autoscaling-role";
import { Cluster } from "./cluster";
import { DataLake } from "./data-lake";
import { ExistingNetwork } from "./existing-network";
import { GpuNodePool, type SubnetPlacement } from "./gpu-node-pool";
import { awsEnvironment, type AwsEnvironment } from "./iam";
import { autoscalingEbsKeyStatements, cloudWatchLogsKeyStatement, ebsCsiKeyStatements, PlatformKey } from "./kms";
import { ModelRegistry } from "./model-registry";
import { bucketName, glueDatabaseName, keyAlias, roleName } from "./names";
import { Network } from "./network";
import { NodeRole } from "./node-role";
import { SystemNodePool } from "./system-node-pool";
import { WorkloadIdentity } from "./workload-identity";

export * from "./access";
export * from "./access-log-bucket";
export * from "./autoscaling-role";
export * from "./addons";
export * from "./budget";
export * from "./cluster";
export * from "./data-lake";
export * from "./existing-network";
export * from "./gpu-node-pool";
export * from "./iam";
export { ImportedCluster, ImportedKey, ImportedRole, type ClusterAttributes, type IEksCluster, type IKmsKey, type INodeRole, type ImportedRoleOptions } from "./imports";
export { PlatformKey, type PlatformKeyProps } from "./kms";
export { awsKubernetesOptions, EBS_DEFAULT_STORAGE_CLASS, type AwsKubernetesOptions } from "./kubernetes-options";
export * from "./launch-template";
export * from "./model-registry";
export {
  ADMINS_KUBERNETES_GROUP,
  AUDITORS_KUBERNETES_GROUP,
  KUBERNETES_GROUP_PREFIX,
  bucketName,
  glueDatabaseName,
  keyAlias,
  roleName,
  teamKubernetesGroup,
} from "./names";
export * from "./network";
export * from "./node-role";
export * from "./provider";
export * from "./secure-bucket";
export * from "./system-node-pool";
export * from "./workload-identity";

/** The private subnets of the platform's or an existing network, with their zones (known at plan time). */
function subnetPlacements(network: Network | ExistingNetwork): SubnetPlacement[] {
  return network instanceof Network
    ? network.privateSubnets.map((s) => ({ subnetId: s.id, availabilityZone: s.availabilityZone }))
    : network.subnets.map((s) => ({ subnetId: s.id, availabilityZone: s.availabilityZone }));
}

/** Props of {@link AwsPlatform}. */
export interface AwsPlatformProps extends CloudPlatformProps<AwsTarget> {
  /**
   * IMDSv2 hop limit of every node.
   * @default DEFAULT_METADATA_HOP_LIMIT (1)
   */
  readonly metadataHopLimit?: number;
}

/** The whole platform on one AWS target. */
export class AwsPlatform extends Construct implements ICloudPlatform {
  public readonly spec: PlatformSpec;
  public readonly target: AwsTarget;
  public readonly environment: AwsEnvironment;
  public readonly logsKey: PlatformKey;
  public readonly nodesKey: PlatformKey;
  /** The Auto Scaling service-linked role, created only where the account has none. */
  public readonly autoscalingServiceLinkedRole: AutoscalingServiceLinkedRole;
  /** The platform's VPC ({@link Network}), or the target's `existingNetwork` ({@link ExistingNetwork}). */
  public readonly network: Network | ExistingNetwork;
  public readonly cluster: Cluster;
  public readonly nodeRole: NodeRole;
  public readonly systemNodePool: SystemNodePool;
  public readonly gpuPools: readonly GpuNodePool[];
  public readonly accessLogs: AccessLogBucket;
  public readonly dataLake: DataLake;
  public readonly modelRegistry: ModelRegistry;
  public readonly teamIdentities: ReadonlyMap<string, WorkloadIdentity>;
  public readonly access: ClusterAccess;
  /** The cluster autoscaler's Pod Identity role (kube-system/cluster-autoscaler). */
  public readonly clusterAutoscaler: WorkloadIdentity;

  constructor(scope: Construct, id: string, props: AwsPlatformProps) {
    super(scope, id);
    const { spec, target } = props;
    if (target.cloud !== "aws") {
      throw new Error(`${this.node.path}: target: AwsPlatform needs an aws target, got ${String((target as { cloud?: unknown }).cloud)}`);
    }
    this.spec = spec;
    this.target = target;
    const env = awsEnvironment(this, target);
    this.environment = env;
    const instanceTags = platformLabels(spec);

    this.logsKey = new PlatformKey(this, "LogsKey", {
      alias: keyAlias(spec, "logs"),
      description: `${spec.name}: VPC flow logs and EKS control-plane logs`,
      environment: env,
      additionalStatements: [cloudWatchLogsKeyStatement(env)],
    });
    // The node key's policy names the Auto Scaling service-linked role, so the role is
    // looked up (and created where missing) first.
    this.autoscalingServiceLinkedRole = new AutoscalingServiceLinkedRole(
      this,
      "AutoscalingServiceLinkedRoleLookup",
      { owner: `${spec.name}/${target.region}` },
      this,
    );
    this.nodesKey = new PlatformKey(this, "NodesKey", {
      alias: keyAlias(spec, "nodes"),
      description: `${spec.name}: EKS node root volumes and persistent volumes (EBS)`,
      environment: env,
      additionalStatements: autoscalingEbsKeyStatements(env),
      dependsOn: [this.autoscalingServiceLinkedRole.resource],
    });

    this.network = target.existingNetwork
      ? new ExistingNetwork(this, "Network", { ...target.existingNetwork, region: target.region })
      : new Network(this, "Network", {
          name: spec.name,
          cidr: spec.network.cidr,
          zones: spec.network.zones,
          natGateways: spec.network.natGateways,
          environment: env,
          clusterName: spec.name,
          logsKey: this.logsKey,
        });

    this.cluster = new Cluster(this, "Cluster", {
      clusterName: spec.name,
      kubernetesVersion: spec.cluster.kubernetesVersion,
      network: this.network,
      environment: env,
      servicesCidr: spec.network.servicesCidr,
      apiAccess: spec.network.apiAccess,
      authorizedNetworks: spec.network.authorizedNetworks,
      logsKey: this.logsKey,
      supportPolicy: spec.cluster.supportPolicy,
      addonVersions: spec.cluster.addonVersions,
      roleName: roleName(spec, target, "eks-cluster"),
      cniRoleName: roleName(spec, target, "vpc-cni"),
    });

    this.nodeRole = new NodeRole(this, "NodeRole", { roleName: roleName(spec, target, "eks-node"), environment: env });
    this.systemNodePool = new SystemNodePool(this, "SystemNodePool", {
      cluster: this.cluster,
      nodeRole: this.nodeRole,
      nodesKey: this.nodesKey,
      nodeGroupName: `${spec.name}-system`,
      size: spec.cluster.system.size,
      minNodes: spec.cluster.system.minNodes,
      maxNodes: spec.cluster.system.maxNodes,
      instanceTags,
      ...(props.metadataHopLimit !== undefined ? { metadataHopLimit: props.metadataHopLimit } : {}),
    });
    // CoreDNS, the EBS CSI controller and metrics-server are Deployments: they need a
    // node to turn ACTIVE. The node monitoring agent is a DaemonSet, added with them.
    this.cluster.addAddon("coredns", { dependsOn: [this.systemNodePool.resource] });
    this.cluster.addAddon("aws-ebs-csi-driver", {
      serviceAccountRole: {
        serviceAccount: "ebs-csi-controller-sa",
        roleName: roleName(spec, target, "ebs-csi"),
        managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"],
        // The default StorageClass encrypts volumes with the nodes key.
        inlineStatements: ebsCsiKeyStatements(this.nodesKey),
      },
      dependsOn: [this.systemNodePool.resource],
    });
    this.cluster.addAddon("metrics-server", { dependsOn: [this.systemNodePool.resource] });
    this.cluster.addAddon("eks-node-monitoring-agent", { dependsOn: [this.systemNodePool.resource] });

    this.gpuPools = spec.gpuPools.map(
      (pool, i) =>
        new GpuNodePool(this, `GpuPool-${pool.name}`, {
          cluster: this.cluster,
          pool,
          nodeRole: this.nodeRole,
          nodesKey: this.nodesKey,
          nodeGroupName: `${spec.name}-gpu-${pool.name}`,
          specPath: `gpuPools[${i}]`,
          subnetPlacements: subnetPlacements(this.network),
          instanceTags,
          ...(props.metadataHopLimit !== undefined ? { metadataHopLimit: props.metadataHopLimit } : {}),
        }),
    );

    this.accessLogs = new AccessLogBucket(this, "AccessLogs", {
      bucketName: bucketName(spec, target, "s3-access-logs"),
      environment: env,
      sourceBucketPattern: `${spec.name}-*`,
    });
    this.dataLake = new DataLake(this, "DataLake", {
      zones: spec.dataLake.zones,
      environment: env,
      accessLogs: this.accessLogs,
      bucketNameFor: (zone) => bucketName(spec, target, `lake-${zone}`),
      databaseNameFor: (zone) => glueDatabaseName(spec, zone),
      keyAliasFor: (zone) => keyAlias(spec, `lake-${zone}`),
      catalogKeyAlias: keyAlias(spec, "catalog"),
      archiveAfterDays: spec.dataLake.archiveAfterDays,
      noncurrentVersionDays: spec.dataLake.noncurrentVersionDays,
    });
    this.modelRegistry = new ModelRegistry(this, "ModelRegistry", {
      bucketName: bucketName(spec, target, "models"),
      keyAlias: keyAlias(spec, "models"),
      environment: env,
      accessLogs: this.accessLogs,
      retentionDays: spec.modelRegistry.retentionDays,
      // unlocked (GOVERNANCE) unless the spec locks it
      mode: modelRegistryLocked(spec.modelRegistry) ? "compliance" : "governance",
    });

    const identities = new Map<string, WorkloadIdentity>();
    spec.teams.forEach((team, i) => {
      const identity = new WorkloadIdentity(this, `Team-${team.name}`, {
        clusterName: this.cluster.clusterName,
        namespace: team.name,
        roleName: roleName(spec, target, `team-${team.name}`),
      });
      this.grantTeam(identity, team, `teams[${i}]`);
      identities.set(team.name, identity);
    });
    this.teamIdentities = identities;
    this.clusterAutoscaler = this.createClusterAutoscalerIdentity(env);

    this.access = new ClusterAccess(this, "Access", {
      cluster: this.cluster,
      environment: env,
      admins: spec.admins.aws,
      auditors: spec.auditors.aws,
      deployers: spec.deployers.aws,
      teams: spec.teams.map((t) => ({
        team: t.name,
        members: { admins: t.members.admins.aws, developers: t.members.developers.aws, viewers: t.members.viewers.aws },
      })),
    });
  }

  /** The contract's outputs; values are Terraform references. */
  public outputs(): PlatformOutputValues {
    return {
      cloud: "aws",
      region: this.target.region,
      cluster_name: this.cluster.clusterName,
      cluster_endpoint: this.cluster.endpoint,
      cluster_ca_certificate: this.cluster.caCertificate,
      network_id: this.network.networkId,
      data_lake_buckets: Object.fromEntries(this.dataLake.zones.map((z) => [z, this.dataLake.bucketName(z)])),
      data_catalogs: Object.fromEntries(this.dataLake.zones.map((z) => [z, this.dataLake.catalogName(z)])),
      model_registry_bucket: this.modelRegistry.bucketName,
      team_identities: Object.fromEntries([...this.teamIdentities].map(([team, id]) => [team, id.principal])),
      gpu_pools: Object.fromEntries(this.gpuPools.map((p): [string, string] => [p.poolName, p.instanceType])),
    };
  }

  /**
   * The cluster autoscaler's own identity: read the node groups and their instance
   * types, and scale or terminate only the auto scaling groups tagged as this
   * cluster's. Permissions follow the autoscaler's AWS provider documentation
   * (https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md,
   * "Full Cluster Autoscaler Features Policy (Recommended)"). Describe calls take no
   * resource-level permissions in IAM, hence Resource "*" for them.
   */
  private createClusterAutoscalerIdentity(env: AwsEnvironment): WorkloadIdentity {
    const identity = new WorkloadIdentity(this, "ClusterAutoscaler", {
      clusterName: this.cluster.clusterName,
      namespace: CLUSTER_AUTOSCALER_NAMESPACE,
      serviceAccountName: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
      roleName: roleName(this.spec, this.target, "cluster-autoscaler"),
    });
    identity.addToPrincipalPolicy({
      Sid: "DescribeCapacity",
      Effect: "Allow",
      Action: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "autoscaling:DescribeTags",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
      ],
      Resource: "*",
    });
    identity.addToPrincipalPolicy({
      Sid: "DescribeNodegroups",
      Effect: "Allow",
      Action: "eks:DescribeNodegroup",
      Resource: `arn:${env.partition}:eks:${this.target.region}:${env.accountId}:nodegroup/${this.cluster.clusterNameLiteral}/*/*`,
    });
    identity.addToPrincipalPolicy({
      Sid: "ScaleOwnGroups",
      Effect: "Allow",
      Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      Resource: "*",
      Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${this.cluster.clusterNameLiteral}`]: "owned" } },
    });
    return identity;
  }

  /** Grants a team's identity what its spec asks for. */
  private grantTeam(identity: IWorkloadIdentity, team: TeamSpec, path: string): void {
    for (const [zone, level] of Object.entries(team.data)) {
      if (level === "none") continue;
      if (!this.dataLake.zones.includes(zone)) {
        throw new Error(`${path}.data.${zone}: "${zone}" is not a data-lake zone (zones: ${this.dataLake.zones.join(", ")})`);
      }
      if (level === "write") this.dataLake.grantWrite(identity, zone);
      else this.dataLake.grantRead(identity, zone);
    }
    if (team.models === "publish") this.modelRegistry.grantPublish(identity);
    else if (team.models === "consume") this.modelRegistry.grantConsume(identity);
  }
}

