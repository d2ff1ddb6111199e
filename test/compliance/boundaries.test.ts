import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES } from "../../lib/compliance/rules";
import { PACKS, PACK_NAMES } from "../../lib/compliance/packs";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("lib/compliance boundaries", () => {
  const files = sources(join("lib", "compliance"));

  test("imports neither lib/aws, lib/gcp nor any provider package", () => {
    const offenders = files.filter((f) => /from\s+["'](\.\.\/)+(aws|gcp)(\/|["'])|from\s+["']@cdktf\/provider-/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  test("only suppress.ts imports cdktf", () => {
    const offenders = files.filter((f) => /from\s+["']cdktf["']/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([join("lib", "compliance", "suppress.ts")]);
  });

  test("one rule per file under rules/<provider>/", () => {
    const ruleFiles = files.filter((f) => /rules\/(aws|gcp|kubernetes|residency|meta)\/[A-Z][A-Za-z0-9]+\.ts$/.test(f));
    expect(ruleFiles).toHaveLength(ALL_RULES.length);
    for (const f of ruleFiles) expect(readFileSync(f, "utf8").match(/: Rule = \{/g)).toHaveLength(1);
  });
});

describe("rules and packs", () => {
  test("there are at least 40 rules with unique ids and complete metadata", () => {
    expect(ALL_RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const r of ALL_RULES) {
      expect(r.id).toMatch(/^AIP-[A-Z0-9]+-\d{3}$/);
      expect(r.rationale.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });

  test("every rule is in a pack", () => {
    const inPacks = new Set(PACK_NAMES.flatMap((p) => PACKS[p].map((r) => r.id)));
    expect(ALL_RULES.filter((r) => !inPacks.has(r.id))).toEqual([]);
  });
});
