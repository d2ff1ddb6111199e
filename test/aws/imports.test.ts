import { App, TerraformStack, Testing } from "cdktf";
import { Cluster, NodeRole, PlatformKey, WorkloadIdentity } from "../../lib/aws";
import { awsGrantee } from "../../lib/aws/imports";

type Json = Record<string, any>;

describe("aws: imported resources", () => {
  const stack = () => new TerraformStack(new App(), "s");

  test("fails when a grantee is not an IAM role ARN", () => {
    expect(() => awsGrantee(stack(), "arn:aws:iam::111122223333:user/bob", "grantRead(raw)")).toThrow(/is not an IAM role ARN/);
  });

  test("fails when a key ARN is not a KMS key ARN", () => {
    expect(() => PlatformKey.fromKeyArn(stack(), "Key", "alias/ml")).toThrow(/is not a KMS key ARN/);
  });

  test("fails when an imported cluster's name is not a literal", () => {
    const s = stack();
    const other = Cluster.fromClusterAttributes(s, "Other", { clusterName: "ml" });
    expect(() => Cluster.fromClusterAttributes(s, "Cluster", { clusterName: other.clusterName })).toThrow(/clusterName must be a literal/);
  });

  test("two grants to one role ARN share one inline policy on the role named in the ARN (path included)", () => {
    const s = stack();
    const a = awsGrantee(s, "arn:aws:iam::111122223333:role/teams/analysts", "grantRead(raw)");
    const b = awsGrantee(s, "arn:aws:iam::111122223333:role/teams/analysts", "grantRead(curated)");
    expect(b).toBe(a);
    a.addToPrincipalPolicy({ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" });
    b.addToPrincipalPolicy({ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::y/*" });
    const json = JSON.parse(Testing.synth(s)) as Json;
    const policies = Object.values(json.resource.aws_iam_role_policy as Json) as Json[];
    expect(policies).toHaveLength(1);
    expect(policies[0]!.role).toBe("analysts");
    expect(JSON.parse(policies[0]!.policy as string).Statement.map((st: Json) => st.Sid)).toEqual(["Read", "Read2"]);
  });

  test("an imported node role adds no attachments to wait for, and a role imported for grants keeps its ARN as principal", () => {
    const s = stack();
    expect(NodeRole.fromRoleArn(s, "Nodes", "arn:aws:iam::111122223333:role/nodes").attachments).toEqual([]);
    expect(WorkloadIdentity.fromRoleArn(s, "Ci", "arn:aws:iam::111122223333:role/ci").principal).toBe("arn:aws:iam::111122223333:role/ci");
  });
});
