import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { TEAM_PERSONAS, type PlatformSubjects, type RbacSubject, type TeamPersona } from "../spec/contracts";
import { TEAM_ROLE_NAMES } from "./constants";

/** An RBAC policy rule. No field may hold `*`. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** Read verbs. */
export const READ = ["get", "list", "watch"] as const;
/** Write verbs (no `escalate`, `bind` or `impersonate`, ever). */
export const WRITE = ["create", "update", "patch", "delete", "deletecollection"] as const;

const rule = (apiGroups: readonly string[], resources: readonly string[], verbs: readonly string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
});

/** What viewers read: everything in the namespace except Secrets. */
const VIEWER_RULES: readonly PolicyRule[] = [
  rule(
    [""],
    [
      "pods",
      "services",
      "endpoints",
      "configmaps",
      "persistentvolumeclaims",
      "events",
      "serviceaccounts",
      "replicationcontrollers",
      "resourcequotas",
      "limitranges",
    ],
    READ,
  ),
  rule([""], ["pods/log"], ["get"]),
  rule(["apps"], ["deployments", "statefulsets", "replicasets", "daemonsets", "controllerrevisions"], READ),
  rule(["batch"], ["jobs", "cronjobs"], READ),
  rule(["autoscaling"], ["horizontalpodautoscalers"], READ),
  rule(["policy"], ["poddisruptionbudgets"], READ),
  rule(["networking.k8s.io"], ["networkpolicies", "ingresses"], READ),
  rule(["discovery.k8s.io"], ["endpointslices"], READ),
  rule(["events.k8s.io"], ["events"], READ),
  rule(["metrics.k8s.io"], ["pods"], ["get", "list"]),
];

/**
 * What developers add: they run workloads. They may read and write Secrets: anyone who
 * can create a pod can mount (and so read) every Secret of the namespace, so withholding
 * Secrets from developers would be false comfort. They cannot touch RBAC, quotas, limit
 * ranges, network policies or service accounts, nor create Ingresses (an Ingress makes
 * a cloud load balancer, which the quota forbids as a Service too).
 */
const DEVELOPER_EXTRA_RULES: readonly PolicyRule[] = [
  rule([""], ["pods"], WRITE),
  rule([""], ["pods/exec", "pods/portforward", "pods/attach"], ["create", "get"]),
  rule([""], ["services", "configmaps", "persistentvolumeclaims"], WRITE),
  rule([""], ["secrets"], [...READ, ...WRITE]),
  rule(["apps"], ["deployments", "statefulsets", "replicasets"], WRITE),
  rule(["apps"], ["deployments/scale", "statefulsets/scale"], ["get", "update", "patch"]),
  rule(["batch"], ["jobs", "cronjobs"], WRITE),
  rule(["autoscaling"], ["horizontalpodautoscalers"], WRITE),
  rule(["policy"], ["poddisruptionbudgets"], WRITE),
];

/**
 * What admins add: they manage who does what inside their namespace (Roles,
 * RoleBindings, service accounts). They cannot escalate: without the `escalate` and
 * `bind` verbs, Kubernetes only lets them create Roles and bind permissions they hold
 * themselves, and they hold none on quotas, limit ranges, network policies or anything
 * cluster-scoped. https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
 */
const ADMIN_EXTRA_RULES: readonly PolicyRule[] = [
  rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], [...READ, ...WRITE]),
  rule([""], ["serviceaccounts"], WRITE),
];

/** The rules of each team persona's Role (the same in every team namespace). */
export const TEAM_ROLE_RULES: Readonly<Record<TeamPersona, readonly PolicyRule[]>> = {
  viewers: VIEWER_RULES,
  developers: [...VIEWER_RULES, ...DEVELOPER_EXTRA_RULES],
  admins: [...VIEWER_RULES, ...DEVELOPER_EXTRA_RULES, ...ADMIN_EXTRA_RULES],
};

/** Throws when a rule names `*` as a verb, resource or API group. */
export function assertNoWildcards(rules: readonly PolicyRule[], where: string): void {
  rules.forEach((r, i) => {
    for (const field of ["apiGroups", "resources", "verbs", "resourceNames"] as const) {
      if ((r[field] ?? []).some((v) => v.includes("*"))) {
        throw new Error(`${where}: rule[${i}].${field} contains a wildcard (${JSON.stringify(r[field])}); enumerate what is allowed`);
      }
    }
  });
}

/** Converts rules to the provider's shape. */
export function toProviderRules(rules: readonly PolicyRule[]) {
  return rules.map((r) => ({
    apiGroups: [...r.apiGroups],
    resources: [...r.resources],
    verbs: [...r.verbs],
    ...(r.resourceNames ? { resourceNames: [...r.resourceNames] } : {}),
  }));
}

/** A binding subject in the provider's shape. */
export interface BindingSubject {
  readonly kind: string;
  readonly name: string;
  readonly apiGroup: string;
  readonly namespace?: string;
}

/**
 * Validates RBAC subjects and converts them to binding subjects. Throws when a subject
 * has an empty name, a ServiceAccount has no namespace, or a `default` service account
 * is bound (every pod without a service account runs as `default`).
 */
export function toBindingSubjects(subjects: readonly RbacSubject[], where: string): BindingSubject[] {
  return subjects.map((s, i) => {
    const at = `${where}[${i}]`;
    if (!Token.isUnresolved(s.name) && s.name.trim() === "") throw new Error(`${at}.name: is empty; name a user, group or service account`);
    if (s.kind === "ServiceAccount") {
      if (!s.namespace) throw new Error(`${at}.namespace: a ServiceAccount subject needs a namespace (${s.name})`);
      if (!Token.isUnresolved(s.name) && s.name === "default") {
        throw new Error(`${at}: binds the "default" service account of ${s.namespace}; every pod without a service account would get this access. Bind a dedicated service account`);
      }
      return { kind: s.kind, name: s.name, namespace: s.namespace, apiGroup: "" };
    }
    return { kind: s.kind, name: s.name, apiGroup: "rbac.authorization.k8s.io" };
  });
}

/** Props of {@link TeamRoles}. */
export interface TeamRolesProps {
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The team personas' ClusterRoles, defined once for every team (construct ids
 * `ClusterRole-<persona>`). They grant nothing on their own: each team namespace binds
 * them with RoleBindings ({@link TeamRbac}), which limits them to that namespace. One
 * definition per persona keeps every team's rights identical and the review short.
 */
export class TeamRoles extends Construct {
  public readonly roles: ReadonlyMap<TeamPersona, ClusterRoleV1>;

  constructor(scope: Construct, id: string, props: TeamRolesProps) {
    super(scope, id);
    const roles = new Map<TeamPersona, ClusterRoleV1>();
    for (const persona of TEAM_PERSONAS) {
      const rules = TEAM_ROLE_RULES[persona];
      assertNoWildcards(rules, `${this.node.path}/ClusterRole-${persona}`);
      roles.set(
        persona,
        new ClusterRoleV1(this, `ClusterRole-${persona}`, {
          metadata: { name: TEAM_ROLE_NAMES[persona], labels: { ...props.labels } },
          rule: toProviderRules(rules),
        }),
      );
    }
    this.roles = roles;
  }

  /** The name of a persona's ClusterRole (a reference, so bindings follow the role). */
  public roleName(persona: TeamPersona): string {
    return this.roles.get(persona)!.metadata.name;
  }
}

/** Props of {@link TeamRbac}. */
export interface TeamRbacProps {
  readonly team: string;
  readonly namespace: string;
  readonly subjects: PlatformSubjects;
  readonly roles: TeamRoles;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * A team's RoleBindings, one per persona that has subjects (construct ids
 * `Binding-<persona>`), each granting the persona's ClusterRole in the team namespace.
 */
export class TeamRbac extends Construct {
  public readonly bindings: ReadonlyMap<TeamPersona, RoleBindingV1>;

  constructor(scope: Construct, id: string, props: TeamRbacProps) {
    super(scope, id);
    const bindings = new Map<TeamPersona, RoleBindingV1>();
    for (const persona of TEAM_PERSONAS) {
      const subjects = toBindingSubjects(props.subjects.team(props.team, persona), `subjects.team(${props.team}, ${persona})`);
      if (subjects.length === 0) continue;
      bindings.set(
        persona,
        new RoleBindingV1(this, `Binding-${persona}`, {
          metadata: { name: TEAM_ROLE_NAMES[persona], namespace: props.namespace, labels: { ...props.labels } },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: props.roles.roleName(persona) },
          subject: subjects.map((s) => ({ ...s })),
        }),
      );
    }
    this.bindings = bindings;
  }
}
