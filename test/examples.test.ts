import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { loadSpecFile, readSpecFile } from "../lib/spec/load";
import { cloudStackName, k8sCustomStackName, k8sStackName } from "../lib/spec/naming";

describe("examples", () => {
  const specs = readdirSync("examples").filter((f) => /\.(ya?ml|json)$/.test(f));

  test("there is a default example", () => {
    expect(specs).toContain("acme-ml-eu.yaml");
  });

  test.each(specs)("%s is a valid spec", (file) => {
    const loaded = loadSpecFile(join("examples", file));
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });
});

describe("the example CI workflow (examples/ci/github-actions.yml)", () => {
  type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
  type Job = { needs?: string | string[]; environment?: string; if?: string; permissions?: Record<string, string>; steps: Step[]; strategy?: { matrix: { include: { stack: string }[] } } };
  const workflow = parse(readFileSync("examples/ci/github-actions.yml", "utf8")) as { env: Record<string, string>; jobs: Record<string, Job> };
  const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

  test("installs from the lockfile, validates, synthesizes and reviews with SARIF uploaded", () => {
    const review = workflow.jobs.review!;
    expect(runs(review)).toMatch(/^npm ci$/m);
    expect(runs(review)).toContain("ai-platform validate");
    expect(runs(review)).toContain("ai-platform synth");
    expect(runs(review)).toContain("--format sarif --output review.sarif");
    expect(review.steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif") && s.with?.["sarif_file"] === "review.sarif")).toBe(true);
  });

  test("plans and deploys exactly the stacks the workflow's spec synthesizes", () => {
    const spec = readSpecFile(workflow.env["AI_PLATFORM_SPEC"]!);
    const stacks = spec.targets.flatMap((t) => [cloudStackName(spec, t), k8sStackName(spec, t), ...(spec.queues.enabled ? [k8sCustomStackName(spec, t)] : [])]).sort();
    const matrix = (job: string) => workflow.jobs[job]!.strategy!.matrix.include.map((m) => m.stack);
    expect(matrix("plan").sort()).toEqual(stacks);
    expect([...matrix("deploy-cloud"), ...matrix("deploy-k8s"), ...matrix("deploy-k8s-custom")].sort()).toEqual(stacks);
    expect(matrix("deploy-k8s").every((s) => s.endsWith("-k8s"))).toBe(true);
    expect(matrix("deploy-k8s-custom").every((s) => s.endsWith("-k8s-custom"))).toBe(true);
    expect(workflow.jobs["deploy-k8s-custom"]!.needs).toBe("deploy-k8s");
  });

  test("uses short-lived OIDC credentials, deploys on main behind an approval, cloud stacks first", () => {
    for (const job of ["plan", "deploy-cloud", "deploy-k8s"]) expect(workflow.jobs[job]!.permissions?.["id-token"]).toBe("write");
    for (const job of ["deploy-cloud", "deploy-k8s"]) expect(workflow.jobs[job]!.environment).toBe("production");
    expect(workflow.jobs["deploy-cloud"]!.if).toContain("refs/heads/main");
    expect(workflow.jobs["deploy-k8s"]!.needs).toBe("deploy-cloud");
    expect(JSON.stringify(workflow)).not.toMatch(/aws-secret-access-key|credentials_json/);
  });
});
