/**
 * Who may use the Kubernetes API: EKS access entries (authentication mode API, no
 * aws-auth ConfigMap) that map IAM principals to Kubernetes groups.
 *
 * | spec              | access policy (scope)                       | Kubernetes group               |
 * |-------------------|---------------------------------------------|--------------------------------|
 * | admins            | AmazonEKSClusterAdminPolicy (cluster)       | ai-platform:admins             |
 * | auditors          | none: RBAC of the in-cluster stack          | ai-platform:auditors           |
 * | team admins       | none: RBAC of the in-cluster stack          | ai-platform:<team>:admins      |
 * | team developers   | none: RBAC of the in-cluster stack          | ai-platform:<team>:developers  |
 * | team viewers      | none: RBAC of the in-cluster stack          | ai-platform:<team>:viewers     |
 * | deployers         | AmazonEKSClusterAdminPolicy (cluster)       | none                           |
 *
 * What auditors and team members may do in the cluster comes only from the Kubernetes
 * RBAC the in-cluster stack binds to these groups, exactly as on GKE. EKS access
 * policies (AmazonEKSEditPolicy and the like) would add rights of their own beside RBAC
 * (edit includes Secrets and more than a developer gets), so the same spec would give
 * different rights on the two clouds. Platform admins keep the cluster-admin access
 * policy so they can reach the cluster before the in-cluster stack exists. Deployers (the
 * identities that apply Terraform) get that policy and no Kubernetes group: they need
 * cluster admin to apply the in-cluster stack (its ClusterRoles and bindings) before
 * any RBAC exists, and nothing the in-cluster RBAC would add.
 * https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
 * https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html (AmazonEKSClusterAdminPolicy)
 *
 * A principal listed in several places gets one access entry (all its groups) and one
 * association per access policy (EKS allows one per principal and policy): a cluster
 * scope wins over namespace scopes, namespaces are merged. Construct ids derive from a
 * hash of the principal ARN and the policy name, never from list positions.
 */
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Construct } from "constructs";
import { stableSuffix } from "../spec/naming";
import type { IEksCluster } from "./imports";
import type { AwsEnvironment } from "./iam";
import { ADMINS_KUBERNETES_GROUP, AUDITORS_KUBERNETES_GROUP, teamKubernetesGroup, TEAM_PERSONAS, type TeamPersona } from "./names";

/** EKS access policies this platform associates. */
export type AccessPolicyName = "AmazonEKSClusterAdminPolicy" | "AmazonEKSAdminPolicy" | "AmazonEKSEditPolicy" | "AmazonEKSViewPolicy";

/** Team members as AWS principal ARNs. */
export interface TeamAccess {
  readonly team: string;
  readonly members: Readonly<Record<TeamPersona, readonly string[]>>;
}

/** Props of {@link ClusterAccess}. */
export interface ClusterAccessProps {
  /** The cluster: the platform's or one from `Cluster.fromClusterAttributes`. */
  readonly cluster: IEksCluster;
  readonly environment: AwsEnvironment;
  /** @default [] */
  readonly admins?: readonly string[];
  /** @default [] */
  readonly auditors?: readonly string[];
  /** @default [] */
  readonly teams?: readonly TeamAccess[];
  /** Identities that apply Terraform: cluster admin, no Kubernetes group. @default [] */
  readonly deployers?: readonly string[];
}

/** What one principal gets. */
export interface PrincipalGrant {
  readonly principalArn: string;
  readonly kubernetesGroups: readonly string[];
  /** policy -> "cluster" or the namespaces */
  readonly policies: ReadonlyMap<AccessPolicyName, "cluster" | readonly string[]>;
}

/** Merges the spec's personas into one grant per principal (pure; exported for tests and docs). */
export function mergeAccess(
  admins: readonly string[],
  auditors: readonly string[],
  teams: readonly TeamAccess[],
  deployers: readonly string[] = [],
): PrincipalGrant[] {
  const byArn = new Map<string, { groups: Set<string>; policies: Map<AccessPolicyName, "cluster" | Set<string>> }>();
  const add = (arn: string, group: string | undefined, policy?: AccessPolicyName, namespace?: string): void => {
    let entry = byArn.get(arn);
    if (!entry) {
      entry = { groups: new Set(), policies: new Map() };
      byArn.set(arn, entry);
    }
    if (group !== undefined) entry.groups.add(group);
    if (policy === undefined) return;
    const current = entry.policies.get(policy);
    if (namespace === undefined || current === "cluster") {
      entry.policies.set(policy, "cluster");
    } else {
      entry.policies.set(policy, new Set([...(current ?? []), namespace]));
    }
  };
  for (const arn of admins) add(arn, ADMINS_KUBERNETES_GROUP, "AmazonEKSClusterAdminPolicy");
  for (const arn of deployers) add(arn, undefined, "AmazonEKSClusterAdminPolicy");
  for (const arn of auditors) add(arn, AUDITORS_KUBERNETES_GROUP);
  for (const team of teams) {
    for (const persona of TEAM_PERSONAS) {
      for (const arn of team.members[persona]) add(arn, teamKubernetesGroup(team.team, persona));
    }
  }
  return [...byArn.entries()].map(([principalArn, e]) => ({
    principalArn,
    kubernetesGroups: [...e.groups].sort(),
    policies: new Map([...e.policies.entries()].map(([p, s]) => [p, s === "cluster" ? "cluster" : [...s].sort()] as const)),
  }));
}

/** Access entries and policy associations of a cluster. */
export class ClusterAccess extends Construct {
  /** Access entries by principal ARN. */
  public readonly entries: ReadonlyMap<string, EksAccessEntry>;
  public readonly grants: readonly PrincipalGrant[];

  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    this.grants = mergeAccess(props.admins ?? [], props.auditors ?? [], props.teams ?? [], props.deployers ?? []);
    const entries = new Map<string, EksAccessEntry>();
    for (const grant of this.grants) {
      const principal = new Construct(this, `Principal-${stableSuffix(12, grant.principalArn)}`);
      const entry = new EksAccessEntry(principal, "Resource", {
        clusterName: props.cluster.clusterName,
        principalArn: grant.principalArn,
        type: "STANDARD",
        ...(grant.kubernetesGroups.length > 0 ? { kubernetesGroups: [...grant.kubernetesGroups] } : {}),
      });
      entries.set(grant.principalArn, entry);
      for (const [policy, scope] of grant.policies) {
        new EksAccessPolicyAssociation(principal, policy, {
          clusterName: props.cluster.clusterName,
          principalArn: entry.principalArn,
          policyArn: `arn:${props.environment.partition}:eks::aws:cluster-access-policy/${policy}`,
          accessScope: scope === "cluster" ? { type: "cluster" } : { type: "namespace", namespaces: [...scope] },
        });
      }
    }
    this.entries = entries;
  }
}
