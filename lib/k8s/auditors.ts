import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { Construct } from "constructs";
import type { RbacSubject } from "../spec/contracts";
import { ADMIN_CLUSTER_ROLE_BINDING, AUDITOR_CLUSTER_ROLE } from "./constants";
import { assertNoWildcards, READ, toBindingSubjects, toProviderRules, type PolicyRule } from "./rbac";

const r = (apiGroups: readonly string[], resources: readonly string[]): PolicyRule => ({ apiGroups, resources, verbs: READ });

/**
 * What auditors read, cluster-wide: workloads, configuration, RBAC, policies, quotas,
 * storage, admission and scheduling objects. Never Secrets (nor `pods/log`, `pods/exec`
 * or anything that reaches into a running container). Every resource is named: a
 * resource added to Kubernetes later is not readable until it is added here.
 */
export const AUDITOR_RULES: readonly PolicyRule[] = [
  r(
    [""],
    [
      "namespaces",
      "nodes",
      "pods",
      "services",
      "endpoints",
      "configmaps",
      "serviceaccounts",
      "persistentvolumes",
      "persistentvolumeclaims",
      "resourcequotas",
      "limitranges",
      "events",
      "replicationcontrollers",
    ],
  ),
  r(["apps"], ["deployments", "statefulsets", "daemonsets", "replicasets", "controllerrevisions"]),
  r(["batch"], ["jobs", "cronjobs"]),
  r(["autoscaling"], ["horizontalpodautoscalers"]),
  r(["policy"], ["poddisruptionbudgets"]),
  r(["rbac.authorization.k8s.io"], ["roles", "rolebindings", "clusterroles", "clusterrolebindings"]),
  r(["networking.k8s.io"], ["networkpolicies", "ingresses", "ingressclasses"]),
  r(["discovery.k8s.io"], ["endpointslices"]),
  r(["events.k8s.io"], ["events"]),
  r(["scheduling.k8s.io"], ["priorityclasses"]),
  r(["node.k8s.io"], ["runtimeclasses"]),
  r(["storage.k8s.io"], ["storageclasses", "csidrivers", "csinodes", "volumeattachments"]),
  r(
    ["admissionregistration.k8s.io"],
    ["validatingwebhookconfigurations", "mutatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings"],
  ),
  r(["apiextensions.k8s.io"], ["customresourcedefinitions"]),
  r(["certificates.k8s.io"], ["certificatesigningrequests"]),
];

/** Props of {@link PlatformAuditors}. */
export interface PlatformAuditorsProps {
  readonly auditors: readonly RbacSubject[];
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Read-only access across the platform, without Secrets: the ClusterRole
 * `ai-platform:auditor` (id `Resource`), bound cluster-wide to the auditors (id
 * `Binding`, omitted when there are none).
 */
export class PlatformAuditors extends Construct {
  public readonly resource: ClusterRoleV1;
  public readonly binding?: ClusterRoleBindingV1;

  constructor(scope: Construct, id: string, props: PlatformAuditorsProps) {
    super(scope, id);
    assertNoWildcards(AUDITOR_RULES, `${this.node.path}/Resource`);
    this.resource = new ClusterRoleV1(this, "Resource", {
      metadata: { name: AUDITOR_CLUSTER_ROLE, labels: { ...props.labels } },
      rule: toProviderRules(AUDITOR_RULES),
    });
    const subjects = toBindingSubjects(props.auditors, "subjects.auditors");
    if (subjects.length > 0) {
      this.binding = new ClusterRoleBindingV1(this, "Binding", {
        metadata: { name: AUDITOR_CLUSTER_ROLE, labels: { ...props.labels } },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: this.resource.metadata.name },
        subject: subjects.map((s) => ({ ...s })),
      });
    }
  }
}

/** Props of {@link PlatformAdmins}. */
export interface PlatformAdminsProps {
  readonly admins: readonly RbacSubject[];
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Platform administrators: bound to the built-in `cluster-admin` ClusterRole (id
 * `Resource`, omitted when there are none). This binding is the only place the layer
 * refers to a role with wildcards: administering the cluster is what admins are for, and
 * the role is Kubernetes' own, not one this library writes.
 */
export class PlatformAdmins extends Construct {
  public readonly resource?: ClusterRoleBindingV1;

  constructor(scope: Construct, id: string, props: PlatformAdminsProps) {
    super(scope, id);
    const subjects = toBindingSubjects(props.admins, "subjects.admins");
    if (subjects.length === 0) return;
    this.resource = new ClusterRoleBindingV1(this, "Resource", {
      metadata: { name: ADMIN_CLUSTER_ROLE_BINDING, labels: { ...props.labels } },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subject: subjects.map((s) => ({ ...s })),
    });
  }
}
