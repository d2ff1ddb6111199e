import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../lib/cli/main";

function runCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const SPEC = (budget: string) =>
  [
    "name: acme-ml",
    "residency: eu",
    "targets: [{ cloud: aws, region: eu-central-1 }]",
    "gpuPools: [{ name: inference, accelerator: nvidia-l4, maxNodes: 6, spot: true }]",
    "teams: [{ name: research, gpuQuota: 2 }]",
    'deployers: { aws: ["arn:aws:iam::111122223333:role/ci-deploy"] }',
    budget,
  ].join("\n");

describe("ai-platform cost", () => {
  let dir: string;
  let overBudget: string;
  let withinBudget: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ai-platform-cost-"));
    overBudget = join(dir, "over.yaml");
    withinBudget = join(dir, "within.yaml");
    writeFileSync(overBudget, SPEC("budget: { monthly: 1000, alertEmails: [finops@acme.example] }"));
    writeFileSync(withinBudget, SPEC("budget: { monthly: 5000, alertEmails: [finops@acme.example] }"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("prints a table per target with per-pool and per-team figures and the price source", () => {
    const r = runCli(["cost", withinBudget]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("aws eu-central-1: worst case");
    expect(r.stdout).toMatch(/inference\s+g6\.xlarge\s+6\s+6\s+spot\s+6\.04\s+2\.22\s+4,408\.03\s+1,624\.10/);
    // 2 GPUs x 1.0064/h x 730 h
    expect(r.stdout).toMatch(/research\s+2\s+1,469\.34/);
    expect(r.stdout).toContain("prices: EC2 price list");
  });

  test("--format json gives the same figures as data", () => {
    const r = runCli(["cost", withinBudget, "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.currency).toBe("USD");
    expect(json.targets[0].pools[0]).toMatchObject({ pool: "inference", instanceType: "g6.xlarge", monthly: { onDemand: 4408.03, spot: 1624.1 } });
    expect(json.budget).toEqual({ monthly: 5000, currency: "USD" });
  });

  test("the default example prices both clouds and says which pool has no verified price", () => {
    const r = runCli(["cost", "examples/acme-ml-eu.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("gcp europe-west4: worst case");
    expect(r.stdout).toContain("warning: aws eu-central-1: no verified price for training (p5.48xlarge)");
  });

  test("validate warns (exit 0) when the worst case exceeds budget.monthly", () => {
    const r = runCli(["validate", overBudget]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: aws eu-central-1: worst-case GPU spend 1,624.10 USD/month (every pool at maxNodes) exceeds budget.monthly 1,000.00 USD");
    expect(runCli(["validate", withinBudget]).stderr).not.toContain("budget.monthly");
  });

  test("fails with exit 2 on an invalid spec", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, SPEC("budget: { monthly: -1, alertEmails: [] }"));
    const r = runCli(["cost", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("budget.monthly");
    expect(r.stdout).toBe("");
  });
});
