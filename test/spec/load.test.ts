import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSpecFile, loadSpecText, MAX_NESTING, MAX_SPEC_BYTES, readSpecFile } from "../../lib/spec/load";
import { SpecValidationError } from "../../lib/spec/problems";

describe("loadSpecFile", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "spec-load-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("GIVEN the default example WHEN loaded THEN it is valid", () => {
    const spec = readSpecFile("examples/acme-ml-eu.yaml");
    expect(spec.name).toBe("acme-ml");
    expect(spec.targets.map((t) => t.cloud)).toEqual(["aws", "gcp"]);
  });

  test("GIVEN a JSON spec WHEN loaded THEN it is read like YAML", () => {
    const file = join(dir, "spec.json");
    writeFileSync(file, JSON.stringify({ name: "jsonspec", residency: "jp", targets: [{ cloud: "gcp", region: "asia-northeast1", project: "json-spec-1" }], deployers: { gcp: ["serviceAccount:ci@json-spec-1.iam.gserviceaccount.com"] } }));
    const loaded = loadSpecFile(file);
    expect(loaded.ok).toBe(true);
  });

  test("fails when the file does not exist", () => {
    const loaded = loadSpecFile(join(dir, "missing.yaml"));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]!.message).toContain("does not exist");
  });

  test("fails when the file is not a spec file type", () => {
    const loaded = loadSpecFile(join(dir, "spec.txt"));
    expect(!loaded.ok && loaded.problems[0]!.message).toContain("use a .yaml, .yml or .json file");
  });

  test("fails when the YAML is malformed, giving the line", () => {
    const loaded = loadSpecText("name: acme\ntargets: [\n  { cloud: aws\n", "bad.yaml");
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems[0]!.path).toBe("(file)");
      expect(loaded.problems[0]!.line).toBeGreaterThanOrEqual(2);
    }
  });

  test("fails when a key is repeated (the second would silently win)", () => {
    const loaded = loadSpecText("name: acme-ml\nname: other\nresidency: eu\n", "dup.yaml");
    expect(!loaded.ok && loaded.problems[0]!.message).toMatch(/unique|duplicate/i);
  });

  test("fails with the line and column of the offending value", () => {
    const text = [
      "name: acme-ml",
      "residency: eu",
      "targets:",
      "  - { cloud: aws, region: eu-central-1 }",
      "gpuPools:",
      "  - name: inference",
      "    accelerator: nvidia-l4",
      "    gpusPerNode: 3",
      "    maxNodes: 2",
    ].join("\n");
    const loaded = loadSpecText(text, "spec.yaml");
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      const p = loaded.problems.find((x) => x.path === "gpuPools[0].gpusPerNode");
      expect(p).toMatchObject({ line: 8, column: 18 });
    }
  });

  test("fails with a SpecValidationError from readSpecFile", () => {
    const file = join(dir, "invalid.yaml");
    writeFileSync(file, "name: X\n");
    expect(() => readSpecFile(file)).toThrow(SpecValidationError);
  });
});

describe("loadSpecFile on hostile input", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "spec-hostile-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const HEAD = ["name: acme-ml", "residency: eu", "targets:", "  - { cloud: aws, region: eu-central-1 }"];

  function problemsOf(loaded: ReturnType<typeof loadSpecFile>): string[] {
    return loaded.ok ? [] : loaded.problems.map((p) => `${p.path}: ${p.message}`);
  }

  test("fails when the spec is larger than the limit, before reading it", () => {
    const file = join(dir, "huge.yaml");
    writeFileSync(file, `${HEAD.join("\n")}\n#${"x".repeat(MAX_SPEC_BYTES)}\n`);
    expect(problemsOf(loadSpecFile(file))).toEqual([expect.stringMatching(/huge\.yaml" has \d+ bytes; a spec may have at most 4194304 \(4 MiB\)$/)]);
  });

  test("fails when the spec is a link to /dev/zero (a device), without reading it", () => {
    const file = join(dir, "zero.yaml");
    symlinkSync("/dev/zero", file);
    expect(problemsOf(loadSpecFile(file))).toEqual([expect.stringContaining("is not a regular file (a FIFO, socket or device)")]);
  });

  test("fails when the spec is a FIFO, without waiting for a writer", () => {
    const file = join(dir, "fifo.yaml");
    execFileSync("mkfifo", [file]);
    expect(problemsOf(loadSpecFile(file))).toEqual([expect.stringContaining("is not a regular file")]);
  });

  test("fails when the spec is a directory", () => {
    mkdirSync(join(dir, "d.yaml"));
    expect(problemsOf(loadSpecFile(join(dir, "d.yaml")))).toEqual([expect.stringContaining("is a directory")]);
  });

  test("fails on a YAML alias bomb with a problem, not an exception", () => {
    const bomb = [
      ...HEAD,
      "x:",
      '  a: &a ["l","o","l","l","o","l","l","o","l"]',
      "  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
    ].join("\n");
    expect(problemsOf(loadSpecText(bomb, "bomb.yaml"))).toEqual([expect.stringMatching(/^\(file\): expands YAML aliases .* too often \(more than 100\): an alias bomb/)]);
  });

  test("fails when mappings nest deeper than the limit", () => {
    const deep = `${HEAD.join("\n")}\nlabels: ${"[".repeat(MAX_NESTING + 5)}${"]".repeat(MAX_NESTING + 5)}\n`;
    const problems = problemsOf(loadSpecText(deep, "deep.yaml"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^labels(\[0\])+: nests mappings and lists more than 32 deep/);
  });

  test("fails when a key is __proto__ (JavaScript would drop it silently), in labels and in a team's data grants", () => {
    const text = [...HEAD, "labels:", "  __proto__: x", "teams:", "  - name: research", "    data: { __proto__: write }"].join("\n");
    const loaded = loadSpecText(text, "proto.yaml");
    expect(problemsOf(loaded)).toEqual([
      'labels.__proto__: "__proto__" is not allowed as a key (JavaScript would treat it as the object\'s prototype); rename it',
      'teams[0].data.__proto__: "__proto__" is not allowed as a key (JavaScript would treat it as the object\'s prototype); rename it',
    ]);
    expect(!loaded.ok && loaded.problems.map((p) => p.line)).toEqual([6, 9]);
  });

  test("reports 80,000 unknown keys, each with its own line (problem reporting is linear)", () => {
    const keys = Array.from({ length: 80_000 }, (_, i) => `k${i}: 1`);
    const loaded = loadSpecText([...HEAD, ...keys].join("\n"), "many.yaml");
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const unknown = loaded.problems.filter((p) => p.message.startsWith("unknown field"));
    expect(unknown).toHaveLength(80_000);
    expect(unknown[0]).toMatchObject({ path: "k0", line: 5 });
    expect(unknown[79_999]).toMatchObject({ path: "k79999", line: 80_004 });
  });
});
