/**
 * The EKS control plane: private endpoint, envelope-encrypted Secrets, all control-plane
 * logs in an encrypted log group, access entries only (no aws-auth ConfigMap), and the
 * networking add-ons nodes need before they can join.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { assertApiAccess, type ApiAccess } from "../spec/api-access";
import type { INetwork } from "../spec/contracts";
import { stableSuffix } from "../spec/naming";
import type { ClusterSpec } from "../spec/schema";
import { ClusterAddon, type AddonName, type AddonServiceAccountRole } from "./addons";
import { managedPolicyArn, policyDocument, serviceTrustPolicy, type AwsEnvironment } from "./iam";
import { ImportedCluster, type ClusterAttributes, type IEksCluster } from "./imports";
import { PlatformKey } from "./kms";

/** A Kubernetes minor version this library pins add-ons for. */
export type KubernetesVersion = ClusterSpec["kubernetesVersion"];

/** Exposure of the Kubernetes API endpoint. */
export type { ApiAccess };

/** Every EKS control-plane log type. */
export const CLUSTER_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** Props of a {@link Cluster}. */
export interface ClusterProps {
  readonly clusterName: string;
  readonly kubernetesVersion: KubernetesVersion;
  /** The network whose private subnets the cluster uses: the platform's own or an existing VPC. */
  readonly network: INetwork;
  readonly environment: AwsEnvironment;
  /** Kubernetes service CIDR (must not overlap the VPC). */
  readonly servicesCidr: string;
  /** Key for the control-plane log group. */
  readonly logsKey: PlatformKey;
  /** IAM role name of the cluster role. */
  readonly roleName: string;
  /** IAM role name of the VPC CNI's Pod Identity role. */
  readonly cniRoleName: string;
  /**
   * `private`: the API is reachable only inside the VPC. `public`: also from
   * `authorizedNetworks` (which then must not be empty and never contain 0.0.0.0/0).
   * @default "private"
   */
  readonly apiAccess?: ApiAccess;
  /**
   * CIDRs allowed to reach the API. With a public endpoint, its `public_access_cidrs`.
   * With a private endpoint, rules on the cluster security group admitting them on 443
   * (CI runners or a VPN in a network connected to the VPC).
   * @default []
   */
  readonly authorizedNetworks?: readonly string[];
  /**
   * Key for Kubernetes Secrets envelope encryption.
   * @default - a new key `alias/<cluster>/eks-secrets`
   */
  readonly secretsKey?: PlatformKey;
  /**
   * Control-plane log retention in days.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Pinned add-on versions.
   * @default - each add-on's default version for `kubernetesVersion`, read at plan time
   */
  readonly addonVersions?: Partial<Record<AddonName, string>>;
  /**
   * EKS upgrade policy (`upgrade_policy.support_type`): what happens when the version
   * leaves standard support. `extended`: the cluster enters extended support (charged
   * per cluster hour) and is upgraded only when that ends. `standard`: EKS upgrades the
   * control plane at the end of standard support (the next plan then shows the version
   * change). The policy can only be changed while the version is in standard support.
   * https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html
   * @default "extended"
   */
  readonly supportPolicy?: ClusterSpec["supportPolicy"];
}

/** Options of {@link Cluster.addAddon}. */
export interface AddAddonOptions {
  /** @default - no AWS permissions */
  readonly serviceAccountRole?: AddonServiceAccountRole;
  /** @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** @default - the add-on's defaults */
  readonly configuration?: Readonly<Record<string, unknown>>;
}

/** An EKS cluster. */
export class Cluster extends Construct implements IEksCluster {
  /**
   * An EKS cluster this library did not create, for node pools, access entries or
   * add-ons to join (read with `data.aws_eks_cluster`).
   */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: ClusterAttributes): IEksCluster {
    return new ImportedCluster(scope, id, attrs);
  }

  /** The `aws_eks_cluster`. */
  public readonly resource: EksCluster;
  public readonly role: IamRole;
  public readonly secretsKey: PlatformKey;
  public readonly logGroup: CloudwatchLogGroup;
  /** Cluster name as a Terraform reference (depends on the cluster). */
  public readonly clusterName: string;
  /** Cluster name as a literal, for tag keys and names known at synth time. */
  public readonly clusterNameLiteral: string;
  public readonly clusterArn: string;
  public readonly endpoint: string;
  public readonly caCertificate: string;
  public readonly kubernetesVersion: string;
  /** The version node groups run: a reference to the cluster's version. */
  public readonly nodeVersion: string;
  public readonly network: INetwork;
  /** Add-ons by name. */
  public readonly addons = new Map<AddonName, ClusterAddon>();
  /** Add-ons nodes need before they can become Ready (vpc-cni, kube-proxy, pod identity agent); node groups depend on them. */
  public readonly computeDependencies: readonly ITerraformDependable[];
  /** With a private endpoint: the cluster security group's HTTPS rule per authorized network. */
  public readonly apiIngressRules: readonly VpcSecurityGroupIngressRule[];

  private readonly env: AwsEnvironment;
  private readonly minorVersion: KubernetesVersion;
  private readonly addonOverrides?: Partial<Record<AddonName, string>>;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    this.env = props.environment;
    this.minorVersion = props.kubernetesVersion;
    this.addonOverrides = props.addonVersions;
    this.network = props.network;
    const env = props.environment;
    const apiAccess = props.apiAccess ?? "private";
    const authorized = props.authorizedNetworks ?? [];
    assertApiAccess(this.node.path, apiAccess, authorized);

    this.secretsKey =
      props.secretsKey ??
      new PlatformKey(this, "SecretsKey", {
        alias: `alias/${props.clusterName}/eks-secrets`,
        description: `EKS Secrets envelope encryption of cluster ${props.clusterName}`,
        environment: env,
      });

    this.role = new IamRole(this, "Role", {
      name: props.roleName,
      assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com"),
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, "ClusterPolicy", {
      role: this.role.name,
      policyArn: managedPolicyArn(env, "AmazonEKSClusterPolicy"),
    });
    // EKS calls KMS as the cluster role to wrap Secrets' data keys.
    const encryptionPolicy = new IamRolePolicy(this, "SecretsEncryptionPolicy", {
      role: this.role.id,
      name: "eks-secrets-encryption",
      policy: policyDocument([
        {
          Sid: "UseSecretsKey",
          Effect: "Allow",
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
          Resource: this.secretsKey.keyArn,
        },
      ]),
    });

    // Created before the cluster so EKS writes into it (encrypted, with retention)
    // instead of creating an unencrypted group that never expires.
    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
      name: `/aws/eks/${props.clusterName}/cluster`,
      retentionInDays: props.logRetentionDays ?? 365,
      kmsKeyId: props.logsKey.keyArn,
    });

    this.resource = new EksCluster(this, "Resource", {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: [...props.network.privateSubnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: apiAccess === "public",
        ...(apiAccess === "public" ? { publicAccessCidrs: [...authorized] } : {}),
      },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: this.secretsKey.keyArn } },
      enabledClusterLogTypes: [...CLUSTER_LOG_TYPES],
      kubernetesNetworkConfig: { serviceIpv4Cidr: props.servicesCidr, ipFamily: "ipv4" },
      // Add-ons are managed below, as EKS add-ons with pinned versions.
      bootstrapSelfManagedAddons: false,
      upgradePolicy: { supportType: (props.supportPolicy ?? "extended") === "standard" ? "STANDARD" : "EXTENDED" },
      // EKS refuses DeleteCluster while this is on: a stray destroy cannot take the
      // cluster (and every workload on it) down. Turn it off explicitly before deleting.
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#deletion_protection
      deletionProtection: true,
      dependsOn: [clusterPolicy, encryptionPolicy, this.logGroup],
    });
    this.clusterName = this.resource.name;
    this.clusterNameLiteral = props.clusterName;
    this.clusterArn = this.resource.arn;
    this.endpoint = this.resource.endpoint;
    this.caCertificate = this.resource.certificateAuthority.get(0).data;
    this.kubernetesVersion = props.kubernetesVersion;
    this.nodeVersion = this.resource.version;

    // The private endpoint's network interfaces carry the cluster security group, which
    // EKS creates and which admits only itself (the nodes); a connected network reaches
    // the endpoint only through a rule admitting it on 443. ("You must ensure that your
    // Amazon EKS control plane security group contains rules to allow ingress traffic on
    // port 443 from your connected network.")
    // https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html#private-access
    // https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html
    this.apiIngressRules =
      apiAccess === "private"
        ? authorized.map(
            (cidr) =>
              new VpcSecurityGroupIngressRule(this, `ApiFrom-${stableSuffix(12, cidr)}`, {
                securityGroupId: this.resource.vpcConfig.clusterSecurityGroupId,
                cidrIpv4: cidr,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                description: `Kubernetes API from authorized network ${cidr}`,
              }),
          )
        : [];

    // Bootstrap order, explicit (EKS's recommended setup: the CNI's permissions on a role
    // of its own rather than on the node role; the node role then never carries
    // AmazonEKS_CNI_Policy, see node-role.ts):
    //   1. the EKS Pod Identity agent add-on: EKS asks for the agent to be set up before
    //      an add-on gets a pod identity association
    //      (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-iam.html);
    //   2. the VPC CNI add-on with its pod identity association (aws-node ->
    //      AmazonEKS_CNI_Policy), created only once the agent add-on is ACTIVE, so the
    //      association exists before any aws-node pod is admitted and the pods get the
    //      Pod Identity credential variables from the start
    //      (https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html);
    //   3. kube-proxy;
    //   4. node groups, which depend on all three (`computeDependencies`).
    // On each new node both DaemonSets start on the host network; aws-node fails its
    // readiness until the node-local agent (169.254.170.23) serves its credentials and is
    // restarted by the kubelet until then, so the node turns Ready after both run. A
    // missing agent would leave aws-node crash-looping
    // (https://github.com/aws/amazon-vpc-cni-k8s/issues/3840), which the order rules out.
    const identityAgent = this.addAddon("eks-pod-identity-agent");
    const cni = this.addAddon("vpc-cni", {
      serviceAccountRole: { serviceAccount: "aws-node", roleName: props.cniRoleName, managedPolicies: ["AmazonEKS_CNI_Policy"] },
      dependsOn: [identityAgent.resource],
      // The VPC CNI enforces Kubernetes NetworkPolicies only when asked to; the teams'
      // default-deny policies depend on it.
      // https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html
      configuration: { enableNetworkPolicy: "true" },
    });
    const kubeProxy = this.addAddon("kube-proxy");
    this.computeDependencies = [identityAgent.resource, cni.resource, kubeProxy.resource];
  }

  /** Adds an EKS add-on at its default (or pinned) version (construct id `Addon-<name>`). */
  public addAddon(name: AddonName, options: AddAddonOptions = {}): ClusterAddon {
    if (this.addons.has(name)) throw new Error(`${this.node.path}: add-on ${name} is already added`);
    const pinned = this.addonOverrides?.[name];
    const addon = new ClusterAddon(this, `Addon-${name}`, {
      clusterName: this.resource.name,
      addonName: name,
      kubernetesVersion: this.minorVersion,
      ...(pinned !== undefined ? { addonVersion: pinned } : {}),
      environment: this.env,
      ...(options.serviceAccountRole ? { serviceAccountRole: options.serviceAccountRole } : {}),
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
      ...(options.configuration ? { configuration: options.configuration } : {}),
    });
    this.addons.set(name, addon);
    return addon;
  }
}
