import type { Log } from "sarif";
import { runCheck } from "../../lib/compliance";
import type { Severity } from "../../lib/compliance/model";
import { badAwsStack, badGcpStack, suppressedStack, synthApp, tempOutdir } from "./fixtures";
import { parseXml, type XmlElement } from "./junit-parse";

describe("report formats", () => {
  const out = tempOutdir("reports");
  const report = (format: "text" | "json" | "md" | "sarif" | "junit") => runCheck({ dir: out.dir, format, failOn: "high" }).report;

  beforeAll(() => {
    synthApp(out.dir, (app) => {
      badAwsStack(app);
      badGcpStack(app);
      suppressedStack(app);
    });
  });
  afterAll(() => out.cleanup());

  describe("SARIF", () => {
    let log: Log;
    beforeAll(() => {
      log = JSON.parse(report("sarif")) as Log;
    });

    test("is SARIF 2.1.0 with a schema", () => {
      expect(log.version).toBe("2.1.0");
      expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
      expect(log.runs).toHaveLength(1);
    });

    test("defines each rule once, with help text", () => {
      const rules = log.runs[0]!.tool.driver.rules ?? [];
      const ids = rules.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(40);
      for (const r of rules) expect(r.help?.text).toMatch(/Fix: /);
    });

    test("results reference defined rules, with levels from severities and logical locations", () => {
      const run = log.runs[0]!;
      const ids = new Set((run.tool.driver.rules ?? []).map((r) => r.id));
      const results = run.results ?? [];
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) {
        expect(ids.has(r.ruleId!)).toBe(true);
        expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
        expect(["error", "warning", "note"]).toContain(r.level);
      }
      const eks = results.find((r) => r.ruleId === "AIP-EKS-001")!;
      expect(eks.level).toBe("error");
      expect(eks.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe("stacks/bad-aws/cdk.tf.json");
      expect(eks.locations![0]!.logicalLocations!.map((l) => l.fullyQualifiedName)).toEqual(["bad-aws/aws_eks_cluster.Cluster", "bad-aws/Cluster"]);
      expect(results.find((r) => r.ruleId === "AIP-S3-007")!.level).toBe("note");
    });

    test("suppressed results carry their justification", () => {
      const suppressed = log.runs[0]!.results!.filter((r) => r.suppressions !== undefined);
      expect(suppressed.map((r) => r.suppressions![0]!.justification).sort()).toEqual([
        "S3 server access logging only delivers to SSE-S3 buckets",
        "this is the access-log bucket itself",
      ]);
    });
  });

  describe("JUnit", () => {
    let root: XmlElement;
    beforeAll(() => {
      root = parseXml(report("junit"));
    });

    test("is well-formed, one testsuite per stack", () => {
      expect(root.name).toBe("testsuites");
      expect(root.children.map((s) => s.attributes["name"])).toEqual(["bad-aws", "bad-gcp", "suppressed"]);
    });

    test("has one testcase per (rule, resource), failures for unsuppressed non-compliance", () => {
      const cases = root.children.flatMap((s) => s.children.filter((c) => c.name === "testcase"));
      const keys = cases.map((c) => `${c.attributes["classname"]} ${c.attributes["name"]}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(cases.length).toBe(Number(root.attributes["tests"]));
      const failed = cases.filter((c) => c.children.some((x) => x.name === "failure"));
      expect(failed.length).toBe(Number(root.attributes["failures"]));
      expect(failed.map((c) => c.attributes["name"])).toContain("AIP-GNET-004 google_compute_firewall.OpenSsh");
      const skipped = cases.filter((c) => c.children.some((x) => x.name === "skipped"));
      expect(skipped.map((c) => c.attributes["name"]).sort()).toEqual(["AIP-S3-001 aws_s3_bucket.Logs", "AIP-S3-006 aws_s3_bucket.Logs"]);
    });

    test("escapes XML special characters", () => {
      const failure = root.children[0]!.children.find((c) => c.attributes["name"] === "AIP-S3-008 aws_s3_bucket.PublicBucket")!.children[0]!;
      expect(failure.attributes["message"]).toBe('aws_s3_bucket_acl.PublicAcl: acl = "public-read"');
      expect(() => parseXml("<a><b></a>")).toThrow();
      expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
    });
  });

  test("Markdown opens with a Mermaid flowchart per stack", () => {
    const md = report("md");
    expect(md.startsWith("```mermaid\nflowchart")).toBe(true);
    expect(md.match(/```mermaid\n/g)).toHaveLength(3);
    expect(md).toContain("n_id__ -->|read| n_aws_s3_bucket_PublicBucket");
    expect(md).toContain("n_id_allUsers -->|read| n_google_storage_bucket_Bucket");
    expect(md.indexOf("```mermaid")).toBeLessThan(md.indexOf("# Compliance review"));
    expect(md).toContain("### Access matrix");
  });

  test("JSON has the inventory and the access matrix of each stack", () => {
    const json = JSON.parse(report("json")) as {
      stacks: { stack: string; inventory: { regions: string[]; keys: unknown[]; internetExposure: { address: string }[] }; accessMatrix: { identity: string; resource: string; level: string }[] }[];
    };
    const gcpStack = json.stacks.find((s) => s.stack === "bad-gcp")!;
    expect(gcpStack.inventory.regions).toEqual(["US", "europe-west4"]);
    expect(gcpStack.inventory.internetExposure.map((e) => e.address)).toEqual([
      "google_storage_bucket_iam_member.Public",
      "google_container_cluster.Cluster",
      "google_container_cluster.Cluster",
      "google_compute_firewall.OpenSsh",
    ]);
    expect(gcpStack.accessMatrix).toEqual([
      expect.objectContaining({ identity: "allUsers", resource: "google_storage_bucket.Bucket", level: "read" }),
    ]);
  });

  test("every format is deterministic", () => {
    for (const format of ["text", "json", "md", "sarif", "junit"] as const) expect(report(format)).toBe(report(format));
  });

  test.each<[Severity, 0 | 1]>([
    ["critical", 1],
    ["high", 1],
    ["low", 1],
  ])("exits %s -> %s on the non-compliant stacks", (failOn, code) => {
    expect(runCheck({ dir: out.dir, format: "text", failOn }).exitCode).toBe(code);
  });
});

describe("exit codes by --fail-on", () => {
  const out = tempOutdir("exit");
  beforeAll(() => synthApp(out.dir, (app) => suppressedStack(app)));
  afterAll(() => out.cleanup());

  // The suppressed stack's worst unsuppressed failures are high (AIP-S3-003, AIP-S3-005).
  test.each<[Severity, 0 | 1]>([
    ["critical", 0],
    ["high", 1],
    ["medium", 1],
    ["info", 1],
  ])("--fail-on %s exits %s", (failOn, code) => {
    expect(runCheck({ dir: out.dir, format: "text", failOn }).exitCode).toBe(code);
  });

  test("the default threshold is high", () => {
    expect(runCheck({ dir: out.dir }).exitCode).toBe(1);
  });
});
