import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compare } from "../../lib/compliance/json";
import { RULE_IDS, isRuleId } from "../../lib/compliance/rule-ids";
import { ALL_RULES } from "../../lib/compliance/rules";

describe("the rule id table", () => {
  test("holds exactly the ids of the rules, sorted", () => {
    expect(RULE_IDS).toEqual(ALL_RULES.map((r) => r.id));
    expect([...RULE_IDS].sort(compare)).toEqual(RULE_IDS);
  });

  test("knows a rule id and refuses a made-up one", () => {
    expect(isRuleId("AIP-S3-006")).toBe(true);
    expect(isRuleId("AIP-S3-999")).toBe(false);
  });
});

describe("synthesis", () => {
  /** The project modules under lib/compliance a fresh process has loaded: after a synth, then after loading the review. */
  let loaded: { afterSynth: string[]; afterReview: string[] };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ai-platform-rule-ids-"));
    const script = [
      'const { run } = require("./lib/cli/main");',
      'const mods = () => Object.keys(require.cache).map((k) => k.replace(/\\\\/g, "/")).filter((k) => k.includes("/lib/compliance/")).map((k) => k.slice(k.indexOf("/lib/compliance/") + 1));',
      `const code = run(["synth", "examples/acme-ml-eu.yaml", "--out", ${JSON.stringify(join(dir, "out"))}], { stdout: () => {}, stderr: (s) => console.error(s) });`,
      "if (code !== 0) process.exit(code);",
      "const afterSynth = mods();",
      'require("./lib/compliance");',
      "console.log(JSON.stringify({ afterSynth, afterReview: mods() }));",
    ].join("\n");
    const p = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
    if (p.status !== 0) throw new Error(`synth exited ${p.status}: ${p.stderr}`);
    loaded = JSON.parse(p.stdout) as typeof loaded;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("suppresses the platform's exceptions without loading any rule module", () => {
    expect(loaded.afterSynth).toContain("lib/compliance/suppress.ts");
    expect(loaded.afterSynth.filter((m) => m.startsWith("lib/compliance/rules/"))).toEqual([]);
  });

  test("the scan sees rule modules once the review is loaded", () => {
    expect(loaded.afterReview.filter((m) => m.startsWith("lib/compliance/rules/")).length).toBeGreaterThanOrEqual(ALL_RULES.length);
  });
});
