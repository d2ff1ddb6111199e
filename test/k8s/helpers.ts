import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { KubernetesPlatform, type KubernetesPlatformProps } from "../../lib/k8s";
import type { Cloud } from "../../lib/spec/clouds";
import type { PlatformSubjects, RbacSubject, TeamPersona } from "../../lib/spec/contracts";
import { readSpecFile } from "../../lib/spec/load";
import type { PlatformSpec } from "../../lib/spec/schema";
import { validateSpec } from "../../lib/spec/validate";
import { validInput } from "../spec/fixtures";

/** The EU example spec (two teams, two GPU pools, one time-sliced). */
export function exampleSpec(): PlatformSpec {
  return readSpecFile("examples/acme-ml-eu.yaml");
}

/** The example with the research team's viewers on gcp only: a persona with principals on one cloud. */
export function asymmetricSpec(): PlatformSpec {
  const spec = exampleSpec();
  return {
    ...spec,
    teams: spec.teams.map((t) => (t.name === "research" ? { ...t, members: { ...t.members, viewers: { ...t.members.viewers, aws: [] } } } : t)),
  };
}

/** A validated spec from the spec tests' fixture, changed by `change`. */
export function fixtureSpec(change: (input: Record<string, any>) => void = () => {}): PlatformSpec {
  const input = JSON.parse(JSON.stringify(validInput())) as Record<string, any>;
  change(input);
  const result = validateSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

/** EKS style: access entries map IAM principals to groups named `<platform>:<team>:<persona>`. */
export function awsSubjects(spec: PlatformSpec): PlatformSubjects {
  return {
    team: (team: string, persona: TeamPersona): RbacSubject[] => {
      const t = spec.teams.find((x) => x.name === team);
      return t && t.members[persona].aws.length > 0 ? [{ kind: "Group", name: `${spec.name}:${team}:${persona}` }] : [];
    },
    auditors: spec.auditors.aws.length > 0 ? [{ kind: "Group", name: `${spec.name}:auditors` }] : [],
    admins: spec.admins.aws.length > 0 ? [{ kind: "Group", name: `${spec.name}:admins` }] : [],
  };
}

/** GKE style: Google users and groups by email. */
export function gcpSubjects(spec: PlatformSpec): PlatformSubjects {
  const toSubject = (member: string): RbacSubject => {
    const [kind, email] = member.split(":") as [string, string];
    return { kind: kind === "group" ? "Group" : "User", name: email };
  };
  return {
    team: (team, persona) => (spec.teams.find((x) => x.name === team)?.members[persona].gcp ?? []).map(toSubject),
    auditors: spec.auditors.gcp.map(toSubject),
    admins: spec.admins.gcp.map(toSubject),
  };
}

/** Props of the layer for a cloud, as the stacks would give them. */
export function cloudProps(spec: PlatformSpec, cloud: Cloud): KubernetesPlatformProps {
  return cloud === "aws"
    ? {
        spec,
        cloud,
        subjects: awsSubjects(spec),
        teamServiceAccountAnnotations: () => ({}),
        gpuRuntime: { kind: "nvidia-device-plugin" },
        clusterAutoscaler: { clusterName: `${spec.name}-eu-central-1`, region: "eu-central-1" },
      }
    : {
        spec,
        cloud,
        subjects: gcpSubjects(spec),
        teamServiceAccountAnnotations: (team) => ({ "iam.gke.io/gcp-service-account": `${team}-workload@acme-ml-prod.iam.gserviceaccount.com` }),
        gpuRuntime: { kind: "gke-managed" },
      };
}

/** A resource of the synthesized JSON with its Terraform address. */
export interface SynthResource {
  readonly type: string;
  readonly id: string;
  readonly config: any;
}

/** The synthesized stack. */
export interface Synth {
  readonly json: any;
  /** Resources of a type (all types when omitted). */
  resources(type?: string): SynthResource[];
  /** The one resource of a type whose logical id contains every fragment; throws otherwise. */
  one(type: string, ...fragments: string[]): any;
}

/** Synthesizes the layer in a fresh stack with a kubernetes provider (validations on). */
export function synthLayer(props: KubernetesPlatformProps): Synth {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new KubernetesProvider(stack, "kubernetes", {});
  new HelmProvider(stack, "helm", {});
  new KubernetesPlatform(stack, "Kubernetes", props);
  const json = JSON.parse(Testing.synth(stack, true));
  const resources = (type?: string): SynthResource[] =>
    Object.entries<Record<string, any>>(json.resource ?? {})
      .filter(([t]) => type === undefined || t === type)
      .flatMap(([t, byId]) => Object.entries(byId).map(([id, config]) => ({ type: t, id, config })));
  const one = (type: string, ...fragments: string[]) => {
    const found = resources(type).filter((r) => fragments.every((f) => r.id.includes(f)));
    if (found.length !== 1) throw new Error(`${type} ${fragments.join(" ")}: ${found.length} matches (${found.map((r) => r.id).join(", ")})`);
    return (found[0] as SynthResource).config;
  };
  return { json, resources, one };
}

/** Every verb, resource and API group of the rules of the Roles and ClusterRoles. */
export function allRules(synth: Synth): { id: string; rule: { api_groups: string[]; resources: string[]; verbs: string[]; resource_names?: string[] } }[] {
  return [...synth.resources("kubernetes_role_v1"), ...synth.resources("kubernetes_cluster_role_v1")].flatMap((r) =>
    (r.config.rule as any[]).map((rule) => ({ id: r.id, rule })),
  );
}

/** True when the rules let `verb` on `group/resource`. */
export function allows(rules: readonly { api_groups: string[]; resources: string[]; verbs: string[] }[], group: string, resource: string, verb: string): boolean {
  return rules.some((r) => r.api_groups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));
}

/** The layer of one spec synthesized for both clouds (call in beforeAll). */
export function synthBothClouds(spec: PlatformSpec): { readonly aws: Synth; readonly gcp: Synth } {
  return { aws: synthLayer(cloudProps(spec, "aws")), gcp: synthLayer(cloudProps(spec, "gcp")) };
}
