/**
 * Names that would break the JavaScript objects they become keys of, label counts within
 * the clouds' limits (with the platform's own labels), and bucket names by each cloud's
 * naming rules.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeSpecFile } from "../../lib/cli/synth";
import { gcsBucketNameProblems, s3BucketNameProblems } from "../../lib/spec/bucket-names";
import { loadSpecText } from "../../lib/spec/load";
import type { SpecProblem } from "../../lib/spec/problems";
import { validateSpec, LABELS_PER_RESOURCE, PLATFORM_LABEL_RESERVE } from "../../lib/spec/validate";
import { withChange } from "./fixtures";

function problems(input: unknown): string[] {
  const r = validateSpec(input);
  return r.ok ? [] : r.problems.map((p: SpecProblem) => `${p.path}: ${p.message}`);
}

function labels(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, "v"]));
}

describe("names that are JavaScript object keys", () => {
  test("fails when a data-lake zone is named constructor (it used to validate and then crash synth)", () => {
    const found = problems(withChange((s) => (s.dataLake.zones = ["raw", "curated", "constructor"])));
    expect(found).toContain('dataLake.zones[2]: "constructor" is a built-in property name of JavaScript objects (constructor, toString, __proto__, ...); choose another name');
  });

  test("fails when a team or a GPU pool is named constructor", () => {
    const found = problems(
      withChange((s) => {
        s.teams[0].name = "constructor";
        s.gpuPools[0].name = "constructor";
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/^teams\[0\]\.name: "constructor" is a built-in property name/), expect.stringMatching(/^gpuPools\[0\]\.name: "constructor" is a built-in property name/)]),
    );
  });

  test("fails when a label key is constructor, and when a grant names toString or hasOwnProperty", () => {
    const found = problems(
      withChange((s) => {
        s.labels = { constructor: "x" };
        s.teams[0].data = { raw: "read", toString: "write", hasOwnProperty: "read" };
      }),
    );
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^labels(\.constructor)?: .*constructor.*built-in property name/)]));
    expect(found.some((p) => p.startsWith("teams[0].data") && p.includes("toString") && p.includes("built-in property name"))).toBe(true);
    expect(found.some((p) => p.startsWith("teams[0].data") && p.includes("hasOwnProperty") && p.includes("built-in property name"))).toBe(true);
  });

  test("fails when a spec object given in code has an own __proto__ key (as JSON.parse makes it)", () => {
    const input = withChange((s) => {
      s.labels = JSON.parse('{"__proto__": "x", "team": "ml"}');
      s.teams[0].data = JSON.parse('{"raw": "read", "__proto__": "write"}');
    });
    expect(problems(input).sort()).toEqual([
      'labels.__proto__: "__proto__" is not allowed as a key (JavaScript would treat it as the object\'s prototype); rename it',
      'teams[0].data.__proto__: "__proto__" is not allowed as a key (JavaScript would treat it as the object\'s prototype); rename it',
    ]);
  });
});

describe("labels within the clouds' per-resource limits", () => {
  test("fails when a spec has 70 labels: AWS allows 50 tags and the platform adds its own", () => {
    const found = problems(withChange((s) => (s.labels = labels(70))));
    const aws = LABELS_PER_RESOURCE.aws - PLATFORM_LABEL_RESERVE.aws;
    const gcp = LABELS_PER_RESOURCE.gcp - PLATFORM_LABEL_RESERVE.gcp;
    expect(found).toEqual([
      `labels: has 70 labels; at most ${aws} on aws targets (AWS allows 50 tags per resource and the platform and EKS add up to 10 of their own); remove ${70 - aws}`,
      `labels: has 70 labels; at most ${gcp} on gcp targets (Google Cloud allows 64 labels per resource and the platform and GKE add up to 10 of their own); remove ${70 - gcp}`,
    ]);
  });

  test("accepts 40 labels on both clouds, and 54 on gcp only, and fails with 41 on aws", () => {
    expect(problems(withChange((s) => (s.labels = labels(40))))).toEqual([]);
    expect(problems(withChange((s) => (s.labels = labels(41))))).toEqual([expect.stringMatching(/^labels: has 41 labels; at most 40 on aws targets/)]);
    const gcpOnly = withChange((s) => {
      s.targets = [s.targets[1]];
      s.labels = labels(54);
      delete s.deployers.aws;
    });
    expect(problems(gcpOnly)).toEqual([]);
  });

  test("fails when a label key is one the platform sets itself (it would be overwritten silently)", () => {
    expect(problems(withChange((s) => (s.labels = { platform: "mine", residency: "us" })))).toEqual([
      'labels.platform: key "platform" is not allowed: is set by the platform on every resource (platform, residency, managed-by); choose another key',
      'labels.residency: key "residency" is not allowed: is set by the platform on every resource (platform, residency, managed-by); choose another key',
    ]);
  });

  describe("the platform adds at most the reserved number of tags to any resource", () => {
    let dir: string;
    let counts: { stack: string; address: string; platformTags: number }[] = [];
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "labels-"));
      const text = readFileSync("examples/acme-ml-eu.yaml", "utf8").replace(/labels:\n  cost-center: ml-42\n/, `labels:\n${Object.keys(labels(40)).map((k) => `  ${k}: v`).join("\n")}\n`);
      expect(text).toContain("  l39: v\n");
      const spec = join(dir, "many-labels.yaml");
      require("node:fs").writeFileSync(spec, text);
      expect(synthesizeSpecFile(spec, { outdir: join(dir, "out"), stdout: () => undefined, stderr: () => undefined })).toBe(0);
      counts = [];
      for (const stack of readdirSync(join(dir, "out", "stacks"))) {
        const json = JSON.parse(readFileSync(join(dir, "out", "stacks", stack, "cdk.tf.json"), "utf8")) as Record<string, any>;
        const defaults: Record<string, string> = { ...json.provider?.aws?.[0]?.default_tags?.[0]?.tags, ...json.provider?.google?.[0]?.default_labels };
        for (const [type, byName] of Object.entries<Record<string, any>>(json.resource ?? {})) {
          if (!type.startsWith("aws_") && !type.startsWith("google_")) continue;
          for (const [name, block] of Object.entries<Record<string, any>>(byName)) {
            const own = { ...(block.tags ?? {}), ...(block.labels ?? {}), ...(block.resource_labels ?? {}) } as Record<string, string>;
            const keys = new Set([...Object.keys(defaults), ...Object.keys(own)]);
            const platformTags = [...keys].filter((k) => !/^l\d+$/.test(k)).length;
            counts.push({ stack, address: `${type}.${name}`, platformTags });
          }
        }
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test("GIVEN 40 labels on both clouds THEN synth succeeds and no resource carries more platform tags than reserved", () => {
      expect(counts.length).toBeGreaterThan(100);
      const worst = counts.reduce((a, b) => (b.platformTags > a.platformTags ? b : a));
      expect(worst.platformTags).toBeLessThanOrEqual(Math.min(PLATFORM_LABEL_RESERVE.aws, PLATFORM_LABEL_RESERVE.gcp));
    });
  });
});

describe("bucket names by each cloud's rules", () => {
  test("fails when the S3 state bucket is a..b (two adjacent periods), and names every broken rule", () => {
    const found = problems(withChange((s) => (s.backend = { kind: "s3", bucket: "a..b" })));
    expect(found).toEqual(['backend.bucket: "a..b" must not contain two adjacent periods']);
  });

  test.each([
    ["192.168.5.4", "must not be formatted as an IP address"],
    ["xn--bucket", 'must not start with "xn--" (reserved by S3)'],
    ["sthree-state", 'must not start with "sthree-" (reserved by S3)'],
    ["state-s3alias", 'must not end with "-s3alias" (reserved by S3)'],
    ["state.mrap", 'must not end with ".mrap" (reserved by S3)'],
    ["ab", "has 2 characters; S3 bucket names have 3-63"],
    ["State", "may contain only lowercase letters, digits, '.' and '-'"],
  ])("fails when the S3 bucket is %s", (bucket, message) => {
    expect(s3BucketNameProblems(bucket)).toContain(message);
  });

  test.each([
    ["a..b", "must not contain two adjacent periods"],
    ["goog-state", 'must not start with "goog" (reserved by Google)'],
    ["my-google-state", 'must not contain "google" ("google" and its misspellings are reserved by Google)'],
    ["my-g00gle-state", 'must not contain "g00gle" ("google" and its misspellings are reserved by Google)'],
    ["10.0.0.1", "must not be an IP address in dotted-decimal notation"],
    [`${"a".repeat(64)}`, "has 64 characters; Cloud Storage bucket names have 3-63"],
  ])("fails when the GCS bucket is %s", (bucket, message) => {
    expect(gcsBucketNameProblems(bucket)).toContain(message);
  });

  test("accepts valid names on both clouds", () => {
    expect(s3BucketNameProblems("acme-ml-state.eu")).toEqual([]);
    expect(gcsBucketNameProblems("acme_ml-state.example.com")).toEqual([]);
  });

  test("fails when the GCS state bucket breaks Cloud Storage's rules", () => {
    const found = problems(withChange((s) => (s.backend = { kind: "gcs", bucket: "google-state", location: "EU" })));
    expect(found).toEqual(['backend.bucket: "google-state" must not start with "goog" (reserved by Google)', 'backend.bucket: "google-state" must not contain "google" ("google" and its misspellings are reserved by Google)']);
  });

  test("fails when the platform name would make the buckets it names break the rules (sthree on aws, google on gcp)", () => {
    expect(problems(withChange((s) => (s.name = "sthree")))).toContain('name: "sthree" would start every S3 bucket name with "sthree-", which S3 reserves; choose another name');
    expect(problems(withChange((s) => (s.name = "google-ml")))).toEqual(
      expect.arrayContaining(['name: "google-ml" is part of every Cloud Storage bucket name, which must not start with "goog" (reserved by Google); choose another name']),
    );
    expect(problems(withChange((s) => (s.dataLake.zones = ["raw", "g00gle"])))).toContain(
      'dataLake.zones[1]: "g00gle" is part of its Cloud Storage bucket name, which must not contain "g00gle" ("google" and its misspellings are reserved by Google); choose another name',
    );
  });
});

describe("the YAML path", () => {
  test("fails when a YAML label key is __proto__, with its line", () => {
    const r = loadSpecText("name: acme-ml\nresidency: eu\ntargets: [{ cloud: aws, region: eu-central-1 }]\nlabels:\n  __proto__: x\n", "p.yaml");
    expect(!r.ok && r.problems.map((p) => [p.path, p.line])).toEqual([["labels.__proto__", 5]]);
  });
});
