/**
 * Resources this library did not create, as the interfaces its constructs take: a GPU
 * pool can join an EKS cluster made elsewhere, and the data lake or model registry can
 * grant to any IAM role. Nothing here creates the imported resource; what is read from
 * the cloud is read with data sources at plan time.
 *
 * ```ts
 * const cluster = Cluster.fromClusterAttributes(stack, "Cluster", { clusterName: "ml-prod" });
 * const nodeRole = NodeRole.fromRoleArn(stack, "NodeRole", "arn:aws:iam::111122223333:role/ml-prod-nodes");
 * const nodesKey = PlatformKey.fromKeyArn(stack, "NodesKey", "arn:aws:kms:eu-central-1:111122223333:key/...");
 * new GpuNodePool(stack, "GpuPool-l4", { cluster, nodeRole, nodesKey, nodeGroupName: "ml-prod-gpu-l4", pool });
 * lake.grantRead(WorkloadIdentity.fromRoleArn(stack, "Analysts", "arn:aws:iam::111122223333:role/analysts"), "curated");
 * ```
 */
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn, Lazy, Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { Grantee, IKubernetesCluster, INetwork } from "../spec/contracts";
import { policyDocument, requireAwsIdentity, type IAwsWorkloadIdentity, type PolicyStatement } from "./iam";

/** An EKS cluster node groups can join: the platform's {@link Cluster} or an imported one. */
export interface IEksCluster extends IKubernetesCluster {
  /** The cluster name as a literal, for tag keys and ARNs known at synth time. */
  readonly clusterNameLiteral: string;
  /** The Kubernetes version node groups run (a reference to the cluster's version). */
  readonly nodeVersion: string;
  /** What a node group waits for before it is created (the networking add-ons). */
  readonly computeDependencies: readonly ITerraformDependable[];
}

/** A node role node groups can use: the platform's {@link NodeRole} or an imported one. */
export interface INodeRole {
  readonly roleArn: string;
  /** What a node group waits for (the role's policy attachments; none for an imported role). */
  readonly attachments: readonly ITerraformDependable[];
}

/** A KMS key: the platform's {@link PlatformKey} or an imported one. */
export interface IKmsKey {
  readonly keyArn: string;
}

/** Attributes of an existing EKS cluster. */
export interface ClusterAttributes {
  /** The cluster's name (a literal). */
  readonly clusterName: string;
  /**
   * Subnets node groups run in (private only).
   * @default - the cluster's own subnets, read from the cluster
   */
  readonly privateSubnetIds?: readonly string[];
  /**
   * Kubernetes minor version, e.g. "1.33".
   * @default - read from the cluster
   */
  readonly kubernetesVersion?: string;
}

/** An EKS cluster this library did not create, read with `data.aws_eks_cluster`. */
export class ImportedCluster extends Construct implements IEksCluster {
  /** The `data.aws_eks_cluster`. */
  public readonly resource: DataAwsEksCluster;
  public readonly clusterName: string;
  public readonly clusterNameLiteral: string;
  public readonly endpoint: string;
  public readonly caCertificate: string;
  public readonly kubernetesVersion: string;
  public readonly nodeVersion: string;
  public readonly network: INetwork;
  public readonly computeDependencies: readonly ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, attrs: ClusterAttributes) {
    super(scope, id);
    if (Token.isUnresolved(attrs.clusterName)) {
      throw new Error(`${this.node.path}: clusterName must be a literal (it names tags and ARNs at synth time)`);
    }
    this.resource = new DataAwsEksCluster(this, "Resource", { name: attrs.clusterName });
    this.clusterName = this.resource.name;
    this.clusterNameLiteral = attrs.clusterName;
    this.endpoint = this.resource.endpoint;
    this.caCertificate = this.resource.certificateAuthority.get(0).data;
    this.kubernetesVersion = attrs.kubernetesVersion ?? this.resource.version;
    this.nodeVersion = attrs.kubernetesVersion ?? this.resource.version;
    const vpc = this.resource.vpcConfig.get(0);
    const region = Token.asString(Fn.element(Fn.split(":", this.resource.arn), 3));
    this.network = new ClusterNetwork(this, "Network", {
      networkId: vpc.vpcId,
      privateSubnetIds: attrs.privateSubnetIds ? [...attrs.privateSubnetIds] : Token.asList(vpc.subnetIds),
      region,
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

/** The name of a role from its ARN (`arn:aws:iam::<account>:role/<path>/<name>`). */
function roleNameOf(roleArn: string): string {
  if (Token.isUnresolved(roleArn)) return Token.asString(Fn.element(Fn.reverse(Fn.split("/", roleArn)), 0));
  const m = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(roleArn);
  if (!m) throw new Error(`roleArn: "${roleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
  return m[2]!;
}

/** Options of {@link ImportedRole}. */
export interface ImportedRoleOptions {
  /**
   * Name of the inline policy the grants are written to.
   * @default "ai-platform-grants"
   */
  readonly policyName?: string;
  /**
   * Kubernetes namespace whose pods use the role, when it is a workload identity.
   * @default - none ("")
   */
  readonly namespace?: string;
  /**
   * Kubernetes service account bound to the role.
   * @default - none ("")
   */
  readonly serviceAccountName?: string;
}

/**
 * An IAM role this library did not create. Grants add statements to one inline policy
 * (`aws_iam_role_policy`) on the role; nothing else about the role changes.
 */
export class ImportedRole extends Construct implements IAwsWorkloadIdentity, INodeRole {
  public readonly principal: string;
  public readonly roleArn: string;
  public readonly roleName: string;
  public readonly namespace: string;
  public readonly serviceAccountName: string;
  public readonly serviceAccountAnnotations: Readonly<Record<string, string>> = {};
  public readonly attachments: readonly ITerraformDependable[] = [];
  private readonly statements: PolicyStatement[] = [];
  private readonly policyName: string;
  private policy?: IamRolePolicy;

  constructor(scope: Construct, id: string, roleArn: string, options: ImportedRoleOptions = {}) {
    super(scope, id);
    this.roleArn = roleArn;
    this.principal = roleArn;
    this.roleName = roleNameOf(roleArn);
    this.namespace = options.namespace ?? "";
    this.serviceAccountName = options.serviceAccountName ?? "";
    this.policyName = options.policyName ?? "ai-platform-grants";
  }

  /** Adds a statement to the role's grants policy (created on the first grant); an identical statement is added once. */
  public addToPrincipalPolicy(statement: PolicyStatement): void {
    const text = JSON.stringify(statement);
    if (this.statements.some((s) => JSON.stringify(s) === text)) return;
    const used = new Set(this.statements.map((s) => s.Sid));
    let candidate = statement;
    for (let n = 2; statement.Sid !== undefined && used.has(candidate.Sid); n++) candidate = { ...statement, Sid: `${statement.Sid}${n}` };
    this.statements.push(candidate);
    this.policy ??= new IamRolePolicy(this, "Policy", {
      role: this.roleName,
      name: this.policyName,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }

  /** The statements granted so far. */
  public get policyStatements(): readonly PolicyStatement[] {
    return [...this.statements];
  }
}

/** A KMS key this library did not create. */
export class ImportedKey extends Construct implements IKmsKey {
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, keyArn: string) {
    super(scope, id);
    if (!Token.isUnresolved(keyArn) && !/^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/.test(keyArn)) {
      throw new Error(`${this.node.path}: keyArn: "${keyArn}" is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)`);
    }
    this.keyArn = keyArn;
  }
}

/**
 * The identity a grant writes to: an AWS workload identity as given, or, for a role ARN,
 * one {@link ImportedRole} per role under `scope` (construct id `Grantee-<role name>`).
 */
export function awsGrantee(scope: Construct, grantee: Grantee, what: string): IAwsWorkloadIdentity {
  if (typeof grantee !== "string") return requireAwsIdentity(grantee, what);
  const name = roleNameOf(grantee);
  const id = `Grantee-${Token.isUnresolved(name) ? "role" : name}`;
  const existing = scope.node.tryFindChild(id);
  if (existing instanceof ImportedRole) return existing;
  return new ImportedRole(scope, id, grantee);
}
