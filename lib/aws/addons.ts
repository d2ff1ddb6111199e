/**
 * EKS managed add-ons, pinned per Kubernetes minor version.
 *
 * Pinning (rather than "latest") keeps `plan` stable: a new add-on release never shows
 * up as a change nobody asked for. Upgrading the cluster's minor version moves every
 * add-on to the pinned row of the new version in the same plan.
 */
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { KubernetesVersion } from "./cluster";
import { managedPolicyArn, podIdentityTrustPolicy, type AwsEnvironment } from "./iam";

/** The add-ons this library installs. */
export const ADDON_NAMES = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns", "aws-ebs-csi-driver"] as const;
/** An add-on name. */
export type AddonName = (typeof ADDON_NAMES)[number];

/**
 * Pinned add-on versions per Kubernetes minor version.
 *
 * Sources (Amazon EKS User Guide, "latest version of the Amazon EKS add-on type for each
 * Kubernetes version", read from github.com/awsdocs/amazon-eks-user-guide):
 *   vpc-cni: https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html
 *            (1.27-1.33: v1.20.1-eksbuild.3)
 *   coredns: https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html
 *            (1.33: v1.12.3-eksbuild.1; 1.29-1.32: v1.11.4-eksbuild.22)
 *   kube-proxy: https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html
 *            (1.31: v1.31.3-eksbuild.2 in the revision read; 1.32+ rows not in it)
 * UNVERIFIED (not read in AWS documentation; taken from public configurations or
 * extrapolated; check with `aws eks describe-addon-versions --kubernetes-version X
 * --addon-name Y` before relying on them, and override through `addonVersions`):
 *   - every 1.34 row;
 *   - kube-proxy 1.32 (v1.32.0-eksbuild.2) and 1.33 (v1.33.0-eksbuild.2);
 *   - eks-pod-identity-agent (v1.3.4-eksbuild.1) and aws-ebs-csi-driver
 *     (v1.46.0-eksbuild.1); both are released independently of the Kubernetes version.
 */
export const ADDON_VERSIONS: Readonly<Record<KubernetesVersion, Readonly<Record<AddonName, string>>>> = {
  "1.31": {
    "vpc-cni": "v1.20.1-eksbuild.3",
    "kube-proxy": "v1.31.3-eksbuild.2",
    "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
    coredns: "v1.11.4-eksbuild.22",
    "aws-ebs-csi-driver": "v1.46.0-eksbuild.1",
  },
  "1.32": {
    "vpc-cni": "v1.20.1-eksbuild.3",
    "kube-proxy": "v1.32.0-eksbuild.2",
    "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
    coredns: "v1.11.4-eksbuild.22",
    "aws-ebs-csi-driver": "v1.46.0-eksbuild.1",
  },
  "1.33": {
    "vpc-cni": "v1.20.1-eksbuild.3",
    "kube-proxy": "v1.33.0-eksbuild.2",
    "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
    coredns: "v1.12.3-eksbuild.1",
    "aws-ebs-csi-driver": "v1.46.0-eksbuild.1",
  },
  "1.34": {
    "vpc-cni": "v1.20.1-eksbuild.3",
    "kube-proxy": "v1.34.0-eksbuild.2",
    "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
    coredns: "v1.12.3-eksbuild.1",
    "aws-ebs-csi-driver": "v1.46.0-eksbuild.1",
  },
};

/** The pinned version of an add-on, with an override. */
export function addonVersion(kubernetesVersion: KubernetesVersion, addon: AddonName, overrides?: Partial<Record<AddonName, string>>): string {
  const row = ADDON_VERSIONS[kubernetesVersion];
  if (row === undefined) {
    throw new Error(`cluster.kubernetesVersion: "${kubernetesVersion}" has no pinned add-on versions (pinned: ${Object.keys(ADDON_VERSIONS).join(", ")})`);
  }
  return overrides?.[addon] ?? row[addon];
}

/** An IAM role an add-on's service account gets through Pod Identity. */
export interface AddonServiceAccountRole {
  /** Service account of the add-on in kube-system. */
  readonly serviceAccount: string;
  /** AWS managed policies attached to the role (names under arn:<partition>:iam::aws:policy/). */
  readonly managedPolicies: readonly string[];
  /** IAM role name. */
  readonly roleName: string;
}

/** Props of a {@link ClusterAddon}. */
export interface ClusterAddonProps {
  readonly clusterName: string;
  readonly addonName: AddonName;
  readonly addonVersion: string;
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
      association = [{ roleArn: this.role.arn, serviceAccount: sa.serviceAccount }];
    }
    this.resource = new EksAddon(this, "Resource", {
      clusterName: props.clusterName,
      addonName: props.addonName,
      addonVersion: props.addonVersion,
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
