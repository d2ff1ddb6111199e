import { validateSpec } from "../../lib/spec/validate";
import { withChange } from "./fixtures";

function problemsOf(input: unknown): { path: string; message: string }[] {
  const r = validateSpec(input);
  return r.ok ? [] : [...r.problems];
}

describe("validateSpec: someone must be able to apply each in-cluster stack", () => {
  test("GIVEN deployers on both clouds THEN the spec is valid", () => {
    expect(problemsOf(withChange(() => {}))).toEqual([]);
  });

  test("fails when no aws deployer and no aws admin is listed, naming the target and the fix", () => {
    const problems = problemsOf(withChange((s) => { s.deployers.aws = []; }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("deployers.aws");
    expect(problems[0]!.message).toContain("targets[0] (aws eu-central-1)");
    expect(problems[0]!.message).toContain("add the IAM role that runs terraform");
  });

  test("GIVEN no aws deployer but an aws platform admin THEN the spec is valid (the admin's access entry is cluster admin)", () => {
    const problems = problemsOf(
      withChange((s) => {
        s.deployers.aws = [];
        s.admins = { aws: ["arn:aws:iam::111122223333:role/platform-admin"] };
      }),
    );
    expect(problems).toEqual([]);
  });

  test("fails when no gcp deployer is listed even though gcp admins are (their cluster-admin comes from the in-cluster stack itself)", () => {
    const problems = problemsOf(
      withChange((s) => {
        s.deployers.gcp = [];
        s.admins = { gcp: ["group:platform-admins@acme.example"] };
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("deployers.gcp");
    expect(problems[0]!.message).toContain("targets[1] (gcp europe-west4)");
    expect(problems[0]!.message).toContain("serviceAccount:ci-deploy@acme-ml-prod.iam.gserviceaccount.com");
  });

  test("fails once per cloud, with the other problems of the spec, when nobody at all is listed", () => {
    const problems = problemsOf(
      withChange((s) => {
        delete s.deployers;
        s.targets.push({ cloud: "aws", region: "eu-west-1" });
        s.name = "Acme";
      }),
    );
    expect(problems.map((p) => p.path).sort()).toEqual(["deployers.aws", "deployers.gcp", "name"]);
  });

  test("GIVEN an aws-only spec THEN no gcp deployer is needed", () => {
    const problems = problemsOf(
      withChange((s) => {
        s.targets = [{ cloud: "aws", region: "eu-central-1" }];
        s.deployers = { aws: ["arn:aws:iam::111122223333:role/ci-deploy"] };
      }),
    );
    expect(problems).toEqual([]);
  });

  test("fails when a deployer is not a principal of its cloud", () => {
    const problems = problemsOf(withChange((s) => { s.deployers.gcp = ["ci-deploy@acme-ml-prod.iam.gserviceaccount.com"]; }));
    expect(problems.map((p) => p.path)).toContain("deployers.gcp[0]");
  });
});
