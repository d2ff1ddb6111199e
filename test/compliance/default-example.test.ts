import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeSpec } from "../../lib/cli/synth";
import { runCheck } from "../../lib/compliance";
import { readSpecFile } from "../../lib/spec/load";

interface AccessRow {
  identity: string;
  resource: string;
  level: string;
}
interface StackReport {
  stack: string;
  inventory: { regions: string[]; internetExposure: unknown[]; keys: { encrypts: string[] }[] };
  accessMatrix: AccessRow[];
}
interface JsonReport {
  exitCode: number;
  stacks: StackReport[];
  findings: { status: string; ruleId: string }[];
  suppressions: { ruleId: string; reason: string }[];
}

describe("the review of the default example", () => {
  let dir: string;
  let report: JsonReport;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "review-"));
    synthesizeSpec(readSpecFile("examples/acme-ml-eu.yaml"), dir);
    report = JSON.parse(runCheck({ dir, format: "json", failOn: "info" }).report) as JsonReport;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const stack = (suffix: string) => report.stacks.find((s) => s.stack === `acme-ml-${suffix}`)!;
  /** Level of `identity` (matched by substring) on objects of the bucket of `zone`, per cloud. */
  const objectLevel = (s: StackReport, identity: string, bucket: string): string[] =>
    s.accessMatrix
      .filter((r) => r.identity.includes(identity) && r.resource.includes(bucket) && (r.resource.endsWith("(objects)") || r.resource.startsWith("google_storage_bucket")))
      .map((r) => r.level)
      .sort();

  test("has no unsuppressed failure at any severity", () => {
    expect(report.findings.filter((f) => f.status === "fail" || f.status === "error")).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  test("lists the platform's own suppressions, each with a reason a reviewer can check", () => {
    expect(report.suppressions.map((s) => s.ruleId).sort()).toEqual(["AIP-S3-001", "AIP-S3-007"]);
    for (const s of report.suppressions) expect(s.reason.length).toBeGreaterThan(60);
  });

  test("nothing is reachable from the internet and every region is the target's", () => {
    for (const s of report.stacks) expect(s.inventory.internetExposure).toEqual([]);
    expect(stack("aws-eu-central-1").inventory.regions).toEqual(["eu-central-1"]);
    expect(stack("gcp-europe-west4").inventory.regions).toEqual(["europe-west4"]);
  });

  test("every data bucket is encrypted by a key the inventory names", () => {
    const encrypted = stack("aws-eu-central-1").inventory.keys.flatMap((k) => k.encrypts);
    for (const zone of ["raw", "curated", "features"]) expect(encrypted.some((e) => e.includes(`DataLake_${zone}_Bucket`))).toBe(true);
  });

  test.each([
    ["aws-eu-central-1", "aws_iam_role.Platform_Team-"],
    ["gcp-europe-west4", "google_service_account.Platform_Team-"],
  ])("%s: each team's identity reaches exactly the data the spec grants", (suffix, prefix) => {
    const s = stack(suffix);
    const research = `${prefix}research_`;
    const serving = `${prefix}serving_`;
    expect(objectLevel(s, research, "DataLake_raw_")).toEqual(["read"]);
    expect(objectLevel(s, research, "DataLake_curated_")).toContain("write");
    expect(objectLevel(s, research, "DataLake_features_")).toContain("write");
    expect(objectLevel(s, research, "ModelRegistry_")).toContain("write");
    expect(objectLevel(s, serving, "DataLake_features_")).toEqual(["read"]);
    expect(objectLevel(s, serving, "ModelRegistry_")).toEqual(["read"]);
    expect(objectLevel(s, serving, "DataLake_raw_")).toEqual([]);
    expect(objectLevel(s, serving, "DataLake_curated_")).toEqual([]);
  });

  test.each([
    ["aws-eu-central-1-k8s", "Group:ai-platform:research:viewers"],
    ["gcp-europe-west4-k8s", "Group:research-viewers@acme.example"],
  ])("%s: team viewers read their namespace and nothing more", (suffix, viewers) => {
    const rows = stack(suffix).accessMatrix.filter((r) => r.identity === viewers);
    expect(rows.map((r) => r.level)).toEqual(["read"]);
    expect(rows[0]!.resource).toContain("Team-research");
  });
});
