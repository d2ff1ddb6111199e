/**
 * EKS managed add-ons, at the version EKS marks as the default for the cluster's
 * Kubernetes version, resolved at plan time.
 *
 * Each add-on's version comes from `data "aws_eks_addon_version"` with `most_recent =
 * false`: the default version AWS publishes for that Kubernetes minor (the same lookup
 * terraform-aws-modules/eks does). No hand-kept table can go stale or name a build that
 * does not exist for the version; moving `cluster.kubernetesVersion` moves every add-on
 * to the new minor's default in the same plan. When AWS changes a default, the next plan
 * shows the add-on update (never silently). `cluster.addonVersions` in the spec pins a
 * version instead.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/eks_addon_version
 */
import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { EKS_ADDON_NAMES, type EksAddonName } from "../spec/schema";
import { managedPolicyArn, podIdentityTrustPolicy, policyDocument, type AwsEnvironment, type PolicyStatement } from "./iam";

/**
 * The add-ons this library installs:
 * - `vpc-cni`, `kube-proxy`, `eks-pod-identity-agent`, `coredns`: cluster networking,
 *   DNS and workload credentials;
 * - `aws-ebs-csi-driver`: persistent volumes (the platform's default StorageClass);
 * - `eks-node-monitoring-agent`: node health conditions (GPU XID errors among them) that
 *   node auto repair acts on; needs no IAM permissions
 *   (https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html, "Node monitoring
 *   agent"; https://docs.aws.amazon.com/eks/latest/userguide/node-health.html);
 * - `metrics-server`: the Metrics API the teams' HorizontalPodAutoscalers read, as the
 *   EKS community add-on (kube-system, no IAM permissions)
 *   (https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html).
 */
export const ADDON_NAMES = EKS_ADDON_NAMES;
/** An add-on name. */
export type AddonName = EksAddonName;

/** An IAM role an add-on's service account gets through Pod Identity. */
export interface AddonServiceAccountRole {
  /** Service account of the add-on in kube-system. */
  readonly serviceAccount: string;
  /** AWS managed policies attached to the role (names under arn:<partition>:iam::aws:policy/). */
  readonly managedPolicies: readonly string[];
  /** IAM role name. */
  readonly roleName: string;
  /**
   * Inline statements beside the managed policies (e.g. use of a customer-managed key).
   * @default - none
   */
  readonly inlineStatements?: readonly PolicyStatement[];
}

/** Props of a {@link ClusterAddon}. */
export interface ClusterAddonProps {
  readonly clusterName: string;
  readonly addonName: AddonName;
  /** Kubernetes minor of the cluster, for the default-version lookup. */
  readonly kubernetesVersion: string;
  /**
   * A pinned version.
   * @default - the default version for `kubernetesVersion`, read at plan time
   */
  readonly addonVersion?: string;
  readonly environment: AwsEnvironment;
  /**
   * A role for the add-on's service account, bound with a Pod Identity association
   * managed by the add-on itself.
   * @default - the add-on gets no AWS permissions of its own
   */
  readonly serviceAccountRole?: AddonServiceAccountRole;
  /**
   * Resources the add-on must wait for (e.g. a node group for CoreDNS, whose pods must
   * be scheduled before the add-on turns ACTIVE).
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * The add-on's configuration values (serialized as JSON, keys sorted for stable output).
   * @default - the add-on's defaults
   */
  readonly configuration?: Readonly<Record<string, unknown>>;
}

/** One `aws_eks_addon`, with conflicts resolved by overwriting (the add-on owns its objects). */
export class ClusterAddon extends Construct {
  /** The `aws_eks_addon`. */
  public readonly resource: EksAddon;
  /** The add-on's Pod Identity role, when it has one. */
  public readonly role?: IamRole;
  /** The default-version lookup, unless the version is pinned. */
  public readonly versionLookup?: DataAwsEksAddonVersion;
  /** The version installed (a literal when pinned, else a reference to the lookup). */
  public readonly addonVersion: string;

  constructor(scope: Construct, id: string, props: ClusterAddonProps) {
    super(scope, id);
    let association: { roleArn: string; serviceAccount: string }[] | undefined;
    if (props.serviceAccountRole) {
      const sa = props.serviceAccountRole;
      this.role = new IamRole(this, "Role", { name: sa.roleName, assumeRolePolicy: podIdentityTrustPolicy() });
      for (const policy of sa.managedPolicies) {
        new IamRolePolicyAttachment(this, `Policy-${policy.replace(/[^A-Za-z0-9_-]/g, "_")}`, {
          role: this.role.name,
          policyArn: managedPolicyArn(props.environment, policy),
        });
      }
      if (sa.inlineStatements && sa.inlineStatements.length > 0) {
        new IamRolePolicy(this, "InlinePolicy", { role: this.role.id, name: "addon", policy: policyDocument(sa.inlineStatements) });
      }
      association = [{ roleArn: this.role.arn, serviceAccount: sa.serviceAccount }];
    }
    if (props.addonVersion !== undefined) {
      this.addonVersion = props.addonVersion;
    } else {
      this.versionLookup = new DataAwsEksAddonVersion(this, "Version", {
        addonName: props.addonName,
        kubernetesVersion: props.kubernetesVersion,
        mostRecent: false,
      });
      this.addonVersion = this.versionLookup.version;
    }
    this.resource = new EksAddon(this, "Resource", {
      clusterName: props.clusterName,
      addonName: props.addonName,
      addonVersion: this.addonVersion,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      ...(association ? { podIdentityAssociation: association } : {}),
      ...(props.configuration ? { configurationValues: JSON.stringify(sortedKeys(props.configuration)) } : {}),
      ...(props.dependsOn ? { dependsOn: [...props.dependsOn] } : {}),
    });
  }
}

/** A copy of a JSON value with object keys in sorted order, so serialized output is stable. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, sortedKeys(obj[k])]));
}
