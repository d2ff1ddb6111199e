import { Testing, TerraformStack } from "cdktf";
import { PlatformKey } from "../../lib/aws/kms";
import { resourcesOf, statementsOf, synthAws, exampleSpec, type TfJson } from "./helpers";

describe("PlatformKey", () => {
  let json: TfJson;
  beforeAll(() => {
    // GIVEN the default example, WHEN synthesized
    json = synthAws(exampleSpec()).json;
  });

  test("one key per purpose: logs, nodes, EKS secrets, each lake zone, the Glue catalog, models", () => {
    const aliases = Object.values(resourcesOf(json, "aws_kms_alias")).map((a) => a["name"]).sort();
    expect(aliases).toEqual([
      "alias/acme-ml/catalog",
      "alias/acme-ml/eks-secrets",
      "alias/acme-ml/lake-curated",
      "alias/acme-ml/lake-features",
      "alias/acme-ml/lake-raw",
      "alias/acme-ml/logs",
      "alias/acme-ml/models",
      "alias/acme-ml/nodes",
    ]);
  });

  test("every key rotates, has a 30-day deletion window and is protected from destroy", () => {
    const keys = Object.values(resourcesOf(json, "aws_kms_key"));
    expect(keys).toHaveLength(8);
    for (const key of keys) {
      expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    }
  });

  test("the account root administers every key (so IAM grants take effect)", () => {
    for (const key of Object.values(resourcesOf(json, "aws_kms_key"))) {
      const root = statementsOf(key["policy"]).find((s) => s.Sid === "AccountRootAdministersAndDelegatesToIam");
      expect(root?.Principal).toEqual({ AWS: expect.stringMatching(/^arn:aws:iam::\$\{data\.aws_caller_identity\..*\.account_id\}:root$/) });
    }
  });

  test("CloudWatch Logs of the region may use the logs key, for this account's log groups only", () => {
    const logsKey = Object.entries(resourcesOf(json, "aws_kms_key")).find(([n]) => n.includes("LogsKey"))?.[1];
    const stmt = statementsOf(logsKey?.["policy"]).find((s) => s.Sid === "CloudWatchLogsOfThisAccount");
    expect(stmt?.Principal).toEqual({ Service: "logs.eu-central-1.amazonaws.com" });
    expect(JSON.stringify(stmt?.Condition)).toContain("arn:aws:logs:eu-central-1:");
  });

  test("the nodes key lets the Auto Scaling service-linked role use it for EBS", () => {
    const nodesKey = Object.entries(resourcesOf(json, "aws_kms_key")).find(([n]) => n.includes("NodesKey"))?.[1];
    const sids = statementsOf(nodesKey?.["policy"]).map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(["AutoScalingUsesKeyForEbs", "AutoScalingGrantsForAttachedEbs"]));
  });

  test("fails when the deletion window is outside 7-30 days", () => {
    const stack = new TerraformStack(Testing.app(), "kms");
    const environment = { region: "eu-central-1", partition: "aws", accountId: "111122223333" };
    expect(() => new PlatformKey(stack, "Key", { alias: "alias/x", description: "x", environment, deletionWindowInDays: 3 })).toThrow(
      /deletionWindowInDays: 3 is outside 7-30 days/,
    );
  });
});
