/**
 * How each cloud's principals appear inside the cluster, for the in-cluster RBAC.
 *
 * - EKS: access entries (lib/aws/access.ts) map IAM principals to Kubernetes groups
 *   named by the platform; RBAC binds those groups.
 * - GKE: RBAC names Google identities directly: users and service accounts by email as
 *   `User`, Google groups as `Group` (Google Groups for RBAC, through the target's
 *   `securityGroup`).
 *
 * A persona with no principals on the cloud gets no subjects (and so no binding).
 */
import { ADMINS_KUBERNETES_GROUP, AUDITORS_KUBERNETES_GROUP, teamKubernetesGroup } from "../lib/aws/names";
import type { PlatformSubjects, RbacSubject, TeamPersona } from "../lib/spec/contracts";
import type { Cloud } from "../lib/spec/clouds";
import type { PlatformSpec, PrincipalSet } from "../lib/spec/schema";

/** RBAC subjects of a GCP principal (`user:`, `group:` or `serviceAccount:` followed by an email). */
export function gcpSubject(principal: string): RbacSubject {
  const colon = principal.indexOf(":");
  const kind = principal.slice(0, colon);
  const email = principal.slice(colon + 1);
  return { kind: kind === "group" ? "Group" : "User", name: email };
}

function members(spec: PlatformSpec, team: string, persona: TeamPersona): PrincipalSet {
  const found = spec.teams.find((t) => t.name === team);
  if (!found) throw new Error(`no team "${team}" in the spec`);
  return found.members[persona];
}

/** The RBAC subjects of a spec's principals on one cloud. */
export function platformSubjects(spec: PlatformSpec, cloud: Cloud): PlatformSubjects {
  if (cloud === "aws") {
    const group = (name: string, principals: readonly string[]): RbacSubject[] => (principals.length > 0 ? [{ kind: "Group", name }] : []);
    return {
      team: (team, persona) => group(teamKubernetesGroup(team, persona), members(spec, team, persona).aws),
      auditors: group(AUDITORS_KUBERNETES_GROUP, spec.auditors.aws),
      admins: group(ADMINS_KUBERNETES_GROUP, spec.admins.aws),
    };
  }
  return {
    team: (team, persona) => members(spec, team, persona).gcp.map(gcpSubject),
    auditors: spec.auditors.gcp.map(gcpSubject),
    admins: spec.admins.gcp.map(gcpSubject),
  };
}
