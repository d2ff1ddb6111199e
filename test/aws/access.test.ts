import { mergeAccess } from "../../lib/aws/access";
import { AUDITORS_KUBERNETES_GROUP, teamKubernetesGroup } from "../../lib/aws/names";
import { stableSuffix } from "../../lib/spec/naming";
import { exampleSpec, resourcesOf, synthAws, variantSpec, type TfJson } from "./helpers";

const ACCOUNT = "arn:aws:iam::111122223333:role";

function entryFor(json: TfJson, arn: string): Record<string, unknown> | undefined {
  return Object.entries(resourcesOf(json, "aws_eks_access_entry")).find(([n]) => n.includes(`Principal-${stableSuffix(12, arn)}`))?.[1];
}
function associationsFor(json: TfJson, arn: string): Record<string, unknown>[] {
  return Object.entries(resourcesOf(json, "aws_eks_access_policy_association"))
    .filter(([n]) => n.includes(`Principal-${stableSuffix(12, arn)}`))
    .map(([, a]) => a);
}

describe("ClusterAccess", () => {
  let json: TfJson;
  beforeAll(() => {
    // GIVEN the example: a platform admin, an auditor, research lead/dev and serving lead
    json = synthAws(exampleSpec()).json;
  });

  test("platform admins get AmazonEKSClusterAdminPolicy at cluster scope", () => {
    const [assoc] = associationsFor(json, `${ACCOUNT}/platform-admin`);
    expect(assoc).toMatchObject({
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
    });
  });

  test("auditors get only the auditors group: their rights come from the in-cluster RBAC, as on GKE", () => {
    const arn = `${ACCOUNT}/auditor`;
    expect(entryFor(json, arn)).toMatchObject({ principal_arn: arn, type: "STANDARD", kubernetes_groups: [AUDITORS_KUBERNETES_GROUP] });
    expect(associationsFor(json, arn)).toEqual([]);
    expect(JSON.stringify(resourcesOf(json, "aws_eks_access_policy_association"))).not.toContain("AmazonEKSAdminViewPolicy");
  });

  test("team members get only their team group, no EKS access policy that would add rights beside RBAC", () => {
    expect(entryFor(json, `${ACCOUNT}/research-lead`)?.["kubernetes_groups"]).toEqual([teamKubernetesGroup("research", "admins")]);
    expect(entryFor(json, `${ACCOUNT}/research-dev`)?.["kubernetes_groups"]).toEqual([teamKubernetesGroup("research", "developers")]);
    expect(associationsFor(json, `${ACCOUNT}/research-lead`)).toEqual([]);
    expect(associationsFor(json, `${ACCOUNT}/research-dev`)).toEqual([]);
  });

  test("the only access policy in the example is cluster admin, for platform admins", () => {
    const policies = Object.values(resourcesOf(json, "aws_eks_access_policy_association")).map((a) => String(a["policy_arn"]).split("/").pop());
    expect([...new Set(policies)]).toEqual(["AmazonEKSClusterAdminPolicy"]);
  });

  test("one access entry per principal", () => {
    const principals = Object.values(resourcesOf(json, "aws_eks_access_entry")).map((e) => e["principal_arn"]);
    expect(new Set(principals).size).toBe(principals.length);
    expect(principals).toHaveLength(7);
  });
});

describe("ClusterAccess with a principal in several places", () => {
  test("one entry with all of the principal's groups", () => {
    // GIVEN one role that is a platform auditor, research viewer and serving viewer and developer
    const shared = `${ACCOUNT}/everywhere`;
    const spec = variantSpec((s) => {
      s["auditors"] = { aws: [shared] };
      const teams = s["teams"] as { name: string; members: Record<string, Record<string, string[]>> }[];
      for (const team of teams) {
        team.members["viewers"] = { aws: [shared] };
        if (team.name === "serving") team.members["developers"] = { aws: [shared] };
      }
    });
    // WHEN synthesized
    const { json } = synthAws(spec);
    // THEN a single access entry carries every group, and no access policy
    const entries = Object.values(resourcesOf(json, "aws_eks_access_entry")).filter((e) => e["principal_arn"] === shared);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.["kubernetes_groups"]).toEqual(
      [AUDITORS_KUBERNETES_GROUP, teamKubernetesGroup("research", "viewers"), teamKubernetesGroup("serving", "developers"), teamKubernetesGroup("serving", "viewers")].sort(),
    );
    expect(associationsFor(json, shared)).toEqual([]);
  });

  test("an admin who is also a team member keeps cluster admin and gains the team group", () => {
    const grants = mergeAccess(["arn:x"], [], [{ team: "a", members: { admins: [], developers: ["arn:x"], viewers: [] } }]);
    expect(grants).toHaveLength(1);
    expect(grants[0]?.kubernetesGroups).toEqual(["ai-platform:a:developers", "ai-platform:admins"]);
    expect([...(grants[0]?.policies.entries() ?? [])]).toEqual([["AmazonEKSClusterAdminPolicy", "cluster"]]);
  });
});
