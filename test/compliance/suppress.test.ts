import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { TerraformStack, Testing } from "cdktf";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FORMATS, runCheck } from "../../lib/compliance";
import { suppress } from "../../lib/compliance/suppress";
import { suppressedStack, synthApp, tempOutdir } from "./fixtures";

describe("suppress()", () => {
  function bucket(): S3Bucket {
    const stack = new TerraformStack(Testing.app(), "s");
    new AwsProvider(stack, "aws", { region: "eu-central-1" });
    return new S3Bucket(stack, "B", { bucket: "x" });
  }

  test("fails when the reason is shorter than 10 characters, naming the rule and the reason", () => {
    expect(() => suppress(bucket(), "AIP-S3-006", "because")).toThrow(/suppress\(s\/B, "AIP-S3-006"\): reason "because" is shorter than 10 characters/);
  });

  test("fails when the rule id is unknown, naming the id and the reason", () => {
    expect(() => suppress(bucket(), "AIP-S3-999", "a perfectly good reason")).toThrow(/unknown rule id "AIP-S3-999" \(reason: "a perfectly good reason"\)/);
  });

  test("applies to every resource under a construct", () => {
    const out = tempOutdir("suppress-tree");
    try {
      synthApp(out.dir, (app) => {
        const stack = new TerraformStack(app, "s");
        new AwsProvider(stack, "aws", { region: "eu-central-1" });
        new S3Bucket(stack, "A", { bucket: "a" });
        new S3Bucket(stack, "B", { bucket: "b" });
        suppress(stack, "AIP-S3-007", "short-lived scratch buckets of a demo");
      });
      const json = JSON.parse(readFileSync(join(out.dir, "stacks", "s", "cdk.tf.json"), "utf8")) as {
        resource: { aws_s3_bucket: Record<string, { "//": { ai_platform_suppressions: unknown } }> };
      };
      for (const name of ["A", "B"]) {
        expect(json.resource.aws_s3_bucket[name]!["//"].ai_platform_suppressions).toEqual([{ id: "AIP-S3-007", reason: "short-lived scratch buckets of a demo" }]);
      }
    } finally {
      out.cleanup();
    }
  });
});

describe("suppressions in a synthesized stack", () => {
  const out = tempOutdir("suppress");
  const reports: Record<string, string> = {};

  beforeAll(() => {
    synthApp(out.dir, (app) => suppressedStack(app));
    for (const format of FORMATS) reports[format] = runCheck({ dir: out.dir, format, failOn: "critical" }).report;
  });
  afterAll(() => out.cleanup());

  test("are recorded next to the resource in cdk.tf.json", () => {
    const json = JSON.parse(readFileSync(join(out.dir, "stacks", "suppressed", "cdk.tf.json"), "utf8")) as {
      resource: { aws_s3_bucket: { Logs: { "//": Record<string, unknown> } } };
    };
    const meta = json.resource.aws_s3_bucket.Logs["//"];
    expect(meta["ai_platform_suppressions"]).toEqual([
      { id: "AIP-S3-001", reason: "S3 server access logging only delivers to SSE-S3 buckets" },
      { id: "AIP-S3-006", reason: "this is the access-log bucket itself" },
    ]);
    expect(meta["metadata"]).toMatchObject({ path: "suppressed/Logs" });
  });

  test("mark the findings suppressed, with the reason", () => {
    const { findings } = runCheck({ dir: out.dir, format: "json", failOn: "critical" });
    const s006 = findings.find((f) => f.ruleId === "AIP-S3-006");
    expect(s006).toMatchObject({ status: "suppressed", suppressionReason: "this is the access-log bucket itself" });
    expect(findings.find((f) => f.ruleId === "AIP-S3-003")?.status).toBe("fail");
  });

  test.each([...FORMATS])("are listed with their reason in the %s report", (format) => {
    const report = reports[format]!;
    expect(report).toContain("AIP-S3-006");
    expect(report).toContain("this is the access-log bucket itself");
    expect(report).toContain("S3 server access logging only delivers to SSE-S3 buckets");
  });

  test("an unknown rule id in the JSON is an error finding", () => {
    const path = join(out.dir, "stacks", "suppressed", "cdk.tf.json");
    const json = JSON.parse(readFileSync(path, "utf8")) as { resource: { aws_s3_bucket: { Logs: { "//": Record<string, unknown> } } } };
    json.resource.aws_s3_bucket.Logs["//"]["ai_platform_suppressions"] = [{ id: "AIP-NOPE-001", reason: "hand-edited by someone" }, { id: "AIP-S3-002", reason: "short" }];
    const edited = tempOutdir("edited");
    try {
      mkdirSync(join(edited.dir, "stacks", "suppressed"), { recursive: true });
      writeFileSync(join(edited.dir, "stacks", "suppressed", "cdk.tf.json"), JSON.stringify(json));
      const { findings, exitCode, report } = runCheck({ dir: edited.dir, format: "text", failOn: "high" });
      const errors = findings.filter((f) => f.status === "error");
      expect(errors.map((e) => e.ruleId)).toEqual(["AIP-META-001", "AIP-META-001"]);
      expect(errors.map((e) => e.message).join("\n")).toMatch(/unknown rule id "AIP-NOPE-001"/);
      expect(errors.map((e) => e.message).join("\n")).toMatch(/AIP-S3-002 has a reason shorter than 10 characters/);
      expect(findings.find((f) => f.ruleId === "AIP-S3-002")?.status).toBe("fail");
      expect(report).toContain("AIP-NOPE-001 (UNKNOWN RULE)");
      expect(exitCode).toBe(1);
    } finally {
      edited.cleanup();
    }
  });
});
