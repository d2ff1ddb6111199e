import { DefaultServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/default-service-account-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Construct } from "constructs";
import type { Cloud } from "../spec/clouds";
import { TEAM_SERVICE_ACCOUNT, type PlatformSubjects } from "../spec/contracts";
import type { PlatformSpec, TeamSpec } from "../spec/schema";
import { commonLabels, POD_SECURITY_ENFORCE, POD_SECURITY_WARN, podSecurityVersion, TEAM_LABEL } from "./constants";
import { TeamNetworkPolicies } from "./network-policies";
import { TeamQuota } from "./quotas";
import { TeamRbac, type TeamRoles } from "./rbac";

/** Props of {@link TeamNamespace}. */
export interface TeamNamespaceProps {
  /**
   * Hard cap on GPU requests of the namespace quota (with team queues: what the queue can hold).
   * @default - the team's total gpuQuota
   */
  readonly gpuCeiling?: number;
  readonly spec: PlatformSpec;
  readonly team: TeamSpec;
  readonly cloud: Cloud;
  readonly subjects: PlatformSubjects;
  /** Annotations of the team's workload service account (the cloud identity binding). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** The persona ClusterRoles the team's RoleBindings grant. */
  readonly roles: TeamRoles;
  /**
   * CIDRs of the cloud's private API endpoints team pods may reach on 443.
   * @default []
   */
  readonly cloudEndpointCidrs?: readonly string[];
}

/** Labels of a team namespace: team, platform, and Pod Security Admission levels. */
export function teamNamespaceLabels(spec: PlatformSpec, team: string): Record<string, string> {
  const version = podSecurityVersion(spec);
  return {
    ...commonLabels(spec),
    [TEAM_LABEL]: team,
    "pod-security.kubernetes.io/enforce": POD_SECURITY_ENFORCE,
    "pod-security.kubernetes.io/enforce-version": version,
    "pod-security.kubernetes.io/warn": POD_SECURITY_WARN,
    "pod-security.kubernetes.io/warn-version": version,
    "pod-security.kubernetes.io/audit": POD_SECURITY_WARN,
    "pod-security.kubernetes.io/audit-version": version,
  };
}

/**
 * A team's namespace and everything in it: the namespace (id `Resource`), the workload
 * service account bound to the team's cloud identity (`WorkloadServiceAccount`), the
 * tokenless `default` service account (`DefaultServiceAccount`), the quota and limit
 * range (`Quota`), network policies (`NetworkPolicies`) and RBAC (`Rbac`).
 */
export class TeamNamespace extends Construct {
  /** The `kubernetes_namespace_v1`. */
  public readonly resource: NamespaceV1;
  /** The namespace name (a reference to the resource, so dependents wait for it). */
  public readonly namespaceName: string;
  public readonly workloadServiceAccount: ServiceAccountV1;
  public readonly defaultServiceAccount: DefaultServiceAccountV1;
  public readonly quota: TeamQuota;
  public readonly networkPolicies: TeamNetworkPolicies;
  public readonly rbac: TeamRbac;

  constructor(scope: Construct, id: string, props: TeamNamespaceProps) {
    super(scope, id);
    const team = props.team.name;
    const labels = { ...commonLabels(props.spec), [TEAM_LABEL]: team };
    this.resource = new NamespaceV1(this, "Resource", {
      metadata: { name: team, labels: teamNamespaceLabels(props.spec, team) },
      waitForDefaultServiceAccount: true,
    });
    this.namespaceName = this.resource.metadata.name;

    this.workloadServiceAccount = new ServiceAccountV1(this, "WorkloadServiceAccount", {
      metadata: {
        name: TEAM_SERVICE_ACCOUNT,
        namespace: this.namespaceName,
        labels,
        annotations: { ...props.serviceAccountAnnotations },
      },
      // Workloads use the token: the EKS Pod Identity agent and the GKE metadata server
      // exchange it for the team's cloud credentials.
      automountServiceAccountToken: true,
    });
    // Pods that name no service account run as `default`: no token, no access.
    this.defaultServiceAccount = new DefaultServiceAccountV1(this, "DefaultServiceAccount", {
      metadata: { namespace: this.namespaceName, labels },
      automountServiceAccountToken: false,
    });

    this.quota = new TeamQuota(this, "Quota", {
      namespace: this.namespaceName,
      team: props.team,
      labels,
      ...(props.gpuCeiling === undefined ? {} : { gpuCeiling: props.gpuCeiling }),
    });
    this.networkPolicies = new TeamNetworkPolicies(this, "NetworkPolicies", {
      namespace: this.namespaceName,
      cloud: props.cloud,
      network: props.spec.network,
      ...(props.cloudEndpointCidrs ? { cloudEndpointCidrs: props.cloudEndpointCidrs } : {}),
      labels,
    });
    this.rbac = new TeamRbac(this, "Rbac", { team, namespace: this.namespaceName, subjects: props.subjects, roles: props.roles, labels });
  }
}
