import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { TEAM_SERVICE_ACCOUNT } from "../../lib/aws/names";
import { WorkloadIdentity } from "../../lib/aws/workload-identity";
import type { IWorkloadIdentity } from "../../lib/spec/contracts";
import { exampleSpec, resourceNamed, resourcesOf, statementsOf, synthAws, type AwsSynth } from "./helpers";

describe("WorkloadIdentity (per team)", () => {
  let synth: AwsSynth;
  beforeAll(() => {
    // GIVEN the example's teams research and serving, WHEN synthesized
    synth = synthAws(exampleSpec());
  });

  test("each team's role trusts only EKS Pod Identity, with AssumeRole and TagSession", () => {
    const roles = Object.entries(resourcesOf(synth.json, "aws_iam_role")).filter(([n]) => n.includes("Team-"));
    expect(roles).toHaveLength(2);
    for (const [, role] of roles) {
      expect(statementsOf(role["assume_role_policy"])).toEqual([
        { Sid: "EksPodIdentity", Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
      ]);
    }
    expect(resourceNamed(synth.json, "aws_iam_role", "Team-research")["name"]).toBe("acme-ml-eu-central-1-team-research");
  });

  test("a Pod Identity association binds namespace <team> / service account 'workload' to the role", () => {
    const assoc = resourceNamed(synth.json, "aws_eks_pod_identity_association", "Team-research");
    expect(assoc).toMatchObject({ namespace: "research", service_account: TEAM_SERVICE_ACCOUNT });
    expect(String(assoc["role_arn"])).toContain("aws_iam_role.Platform_Team-research");
    expect(String(assoc["cluster_name"])).toContain("aws_eks_cluster.");
  });

  test("the contract view: principal is the role ARN, no service-account annotations", () => {
    const research = synth.platform.teamIdentities.get("research");
    expect(research?.namespace).toBe("research");
    expect(research?.serviceAccountName).toBe("workload");
    expect(research?.serviceAccountAnnotations).toEqual({});
    expect(research?.principal).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test("IAM statement Sids are unique within each inline policy", () => {
    for (const [, policy] of Object.entries(resourcesOf(synth.json, "aws_iam_role_policy"))) {
      const sids = statementsOf(policy["policy"]).map((s) => s.Sid).filter((s) => s !== undefined);
      expect(new Set(sids).size).toBe(sids.length);
    }
  });
});

describe("WorkloadIdentity grants", () => {
  const make = () => {
    const stack = new TerraformStack(Testing.app(), "wi");
    return new WorkloadIdentity(stack, "Team", { clusterName: "c", namespace: "ns", roleName: "r" });
  };

  test("an identical statement is added once and a reused Sid is renumbered", () => {
    const identity = make();
    identity.addToPrincipalPolicy({ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
    identity.addToPrincipalPolicy({ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
    identity.addToPrincipalPolicy({ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::c/*" });
    expect(identity.policyStatements.map((s) => s.Sid)).toEqual(["A", "A2"]);
  });

  test("no inline policy until something is granted", () => {
    const identity = make();
    const json = JSON.parse(Testing.synth(identity.node.scope as TerraformStack)) as { resource: Record<string, unknown> };
    expect(json.resource["aws_iam_role_policy"]).toBeUndefined();
  });

  test("fails when granting to an identity that is not an AWS workload identity", () => {
    const foreign = Object.assign(new Construct(new TerraformStack(Testing.app(), "x"), "Foreign"), {
      principal: "sa@example.iam.gserviceaccount.com",
      namespace: "ns",
      serviceAccountName: "workload",
      serviceAccountAnnotations: {},
    }) as IWorkloadIdentity;
    expect(() => synth().dataLake.grantRead(foreign, "raw")).toThrow(/is not an AWS workload identity/);
  });

  let cached: AwsSynth | undefined;
  function synth() {
    cached ??= synthAws(exampleSpec());
    return cached.platform;
  }
});
