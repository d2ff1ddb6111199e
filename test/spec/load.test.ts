import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSpecFile, loadSpecText, readSpecFile } from "../../lib/spec/load";
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
