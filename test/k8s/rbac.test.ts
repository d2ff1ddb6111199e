import { TEAM_ROLE_NAMES, TEAM_ROLE_RULES } from "../../lib/k8s";
import { assertNoWildcards, toBindingSubjects } from "../../lib/k8s/rbac";
import { allows, allRules, awsSubjects, cloudProps, asymmetricSpec, synthLayer, type Synth } from "./helpers";

describe("TeamRbac", () => {
  const spec = asymmetricSpec();
  let aws: Synth;
  let gcp: Synth;
  const role = (s: Synth, persona: string) => s.one("kubernetes_cluster_role_v1", `TeamRoles_ClusterRole-${persona}`);
  beforeAll(() => {
    aws = synthLayer(cloudProps(spec, "aws"));
    gcp = synthLayer(cloudProps(spec, "gcp"));
  });

  test("no Role or ClusterRole has a wildcard verb, resource or API group", () => {
    for (const s of [aws, gcp]) {
      const rules = allRules(s);
      expect(rules.length).toBeGreaterThan(0);
      for (const { id, rule } of rules) {
        for (const v of [...rule.api_groups, ...rule.resources, ...rule.verbs, ...(rule.resource_names ?? [])]) {
          expect(`${id}: ${v}`).not.toContain("*");
        }
      }
    }
  });

  test("no rule grants escalate, bind or impersonate", () => {
    for (const { rule } of allRules(aws)) {
      expect(rule.verbs).not.toEqual(expect.arrayContaining(["escalate"]));
      expect(rule.verbs).not.toEqual(expect.arrayContaining(["bind"]));
      expect(rule.verbs).not.toEqual(expect.arrayContaining(["impersonate"]));
    }
  });

  test("each persona's rules are one ClusterRole, granted inside a team namespace by a RoleBinding only", () => {
    for (const persona of ["admins", "developers", "viewers"] as const) {
      expect(role(aws, persona).metadata.name).toBe(TEAM_ROLE_NAMES[persona]);
    }
    const binding = aws.one("kubernetes_role_binding_v1", "Team-research_Rbac_Binding-developers");
    expect(binding.metadata.namespace).toContain("kubernetes_namespace_v1.Kubernetes_Team-research");
    expect(binding.role_ref).toEqual({
      api_group: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: expect.stringContaining("kubernetes_cluster_role_v1.Kubernetes_TeamRoles_ClusterRole-developers"),
    });
    // nothing binds a persona ClusterRole cluster-wide
    for (const b of aws.resources("kubernetes_cluster_role_binding_v1")) expect(JSON.stringify(b.config.role_ref)).not.toContain("TeamRoles");
    expect(aws.resources("kubernetes_role_v1").filter((r) => r.id.includes("Team-"))).toEqual([]);
  });

  test("developers run workloads but cannot touch RBAC, quotas, limit ranges or network policies", () => {
    const rules = role(aws, "developers").rule;
    expect(allows(rules, "", "pods", "create")).toBe(true);
    expect(allows(rules, "", "pods/exec", "create")).toBe(true);
    expect(allows(rules, "batch", "jobs", "create")).toBe(true);
    expect(allows(rules, "apps", "deployments", "update")).toBe(true);
    for (const verb of ["create", "update", "patch", "delete"]) {
      expect(allows(rules, "rbac.authorization.k8s.io", "roles", verb)).toBe(false);
      expect(allows(rules, "rbac.authorization.k8s.io", "rolebindings", verb)).toBe(false);
      expect(allows(rules, "", "resourcequotas", verb)).toBe(false);
      expect(allows(rules, "", "limitranges", verb)).toBe(false);
      expect(allows(rules, "networking.k8s.io", "networkpolicies", verb)).toBe(false);
      expect(allows(rules, "networking.k8s.io", "ingresses", verb)).toBe(false);
      expect(allows(rules, "", "serviceaccounts", verb)).toBe(false);
    }
  });

  test("admins manage roles and bindings in their namespace, but not quotas, limit ranges or network policies", () => {
    const rules = role(aws, "admins").rule;
    expect(allows(rules, "rbac.authorization.k8s.io", "rolebindings", "create")).toBe(true);
    expect(allows(rules, "rbac.authorization.k8s.io", "roles", "update")).toBe(true);
    for (const verb of ["create", "update", "patch", "delete"]) {
      expect(allows(rules, "", "resourcequotas", verb)).toBe(false);
      expect(allows(rules, "", "limitranges", verb)).toBe(false);
      expect(allows(rules, "networking.k8s.io", "networkpolicies", verb)).toBe(false);
    }
  });

  test("viewers only read, and never Secrets", () => {
    const rules = role(aws, "viewers").rule as { resources: string[]; verbs: string[] }[];
    expect(rules.flatMap((r) => r.resources)).not.toContain("secrets");
    for (const r of rules) for (const v of r.verbs) expect(["get", "list", "watch"]).toContain(v);
    expect(allows(rules as any, "", "pods", "list")).toBe(true);
  });

  test("bindings name the cloud's subjects; a persona without members gets no binding", () => {
    expect(aws.one("kubernetes_role_binding_v1", "Team-research_Rbac_Binding-admins").subject).toEqual([
      { kind: "Group", name: "acme-ml:research:admins", api_group: "rbac.authorization.k8s.io" },
    ]);
    expect(gcp.one("kubernetes_role_binding_v1", "Team-research_Rbac_Binding-admins").subject).toEqual([
      { kind: "Group", name: "research-leads@acme.example", api_group: "rbac.authorization.k8s.io" },
    ]);
    // research has no aws viewers; serving has only admins.
    expect(aws.resources("kubernetes_role_binding_v1").map((r) => r.id).filter((id) => id.includes("Team-"))).toEqual([
      expect.stringContaining("Team-research_Rbac_Binding-admins"),
      expect.stringContaining("Team-research_Rbac_Binding-developers"),
      expect.stringContaining("Team-serving_Rbac_Binding-admins"),
    ]);
  });

  test("no binding names a default service account", () => {
    const bindings = [...aws.resources("kubernetes_role_binding_v1"), ...aws.resources("kubernetes_cluster_role_binding_v1")];
    for (const b of bindings) {
      for (const s of b.config.subject as { kind: string; name: string }[]) {
        expect(s.kind === "ServiceAccount" && s.name === "default").toBe(false);
      }
    }
  });

  test("the rule tables themselves pass the wildcard check", () => {
    for (const rules of Object.values(TEAM_ROLE_RULES)) expect(() => assertNoWildcards(rules, "test")).not.toThrow();
  });

  test("fails when a rule has a wildcard", () => {
    expect(() => assertNoWildcards([{ apiGroups: [""], resources: ["*"], verbs: ["get"] }], "Role x")).toThrow(/Role x: rule\[0\]\.resources contains a wildcard/);
  });

  test("fails when a default service account is bound", () => {
    const subjects = awsSubjects(spec);
    expect(() =>
      synthLayer({
        ...cloudProps(spec, "aws"),
        subjects: { ...subjects, team: () => [{ kind: "ServiceAccount", name: "default", namespace: "research" }] },
      }),
    ).toThrow(/binds the "default" service account of research/);
  });

  test("fails when a ServiceAccount subject has no namespace", () => {
    expect(() => toBindingSubjects([{ kind: "ServiceAccount", name: "ci" }], "subjects.admins")).toThrow(/subjects.admins\[0\]\.namespace/);
  });
});
