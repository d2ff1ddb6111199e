import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { loadSpecFile } from "../lib/spec/load";

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
  type Job = { needs?: string | string[]; environment?: string; if?: string; permissions?: Record<string, string>; steps: Step[]; strategy?: { matrix: { include: string } } };
  const workflow = parse(readFileSync("examples/ci/github-actions.yml", "utf8")) as { env: Record<string, string>; jobs: Record<string, Job> };
  const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

  test("installs from the lockfile, validates, synthesizes and reviews with SARIF uploaded", () => {
    const review = workflow.jobs.review!;
    expect(runs(review)).toMatch(/^npm ci( |$)/m);
    expect(runs(review)).toContain("ai-platform validate");
    expect(runs(review)).toContain("ai-platform synth");
    expect(runs(review)).toContain("--format sarif --output review.sarif");
    expect(review.steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif") && s.with?.["sarif_file"] === "review.sarif")).toBe(true);
  });

  test("plans and deploys the stacks its spec names: cloud stacks in plan and deploy-cloud, in-cluster stacks in deploy-k8s, then the -k8s-custom stacks", () => {
    expect(workflow.env["AI_PLATFORM_SPEC"]).toBe("platform.yaml");
    expect(runs(workflow.jobs.review!)).toContain('npx ai-platform stacks "$AI_PLATFORM_SPEC" --layer cloud');
    expect(runs(workflow.jobs.review!)).toContain('npx ai-platform stacks "$AI_PLATFORM_SPEC" --layer k8s');
    const matrix = (job: string) => workflow.jobs[job]!.strategy!.matrix.include;
    expect(matrix("plan")).toBe("${{ fromJSON(needs.review.outputs.cloud-stacks) }}");
    expect(matrix("deploy-cloud")).toBe("${{ fromJSON(needs.review.outputs.cloud-stacks) }}");
    expect(matrix("deploy-k8s")).toBe("${{ fromJSON(needs.review.outputs.k8s-stacks) }}");
    expect(runs(workflow.jobs.review!)).toContain('npx ai-platform stacks "$AI_PLATFORM_SPEC" --layer k8s-custom');
    expect(matrix("deploy-k8s-custom")).toBe("${{ fromJSON(needs.review.outputs.custom-stacks) }}");
    expect(workflow.jobs["deploy-k8s-custom"]!.needs).toContain("deploy-k8s");
  });

  test("uses short-lived OIDC credentials, deploys on main behind an approval, cloud stacks first", () => {
    for (const job of ["plan", "deploy-cloud", "deploy-k8s"]) expect(workflow.jobs[job]!.permissions?.["id-token"]).toBe("write");
    for (const job of ["deploy-cloud", "deploy-k8s"]) expect(workflow.jobs[job]!.environment).toBe("production");
    expect(workflow.jobs["deploy-cloud"]!.if).toContain("refs/heads/main");
    expect(workflow.jobs["deploy-k8s"]!.needs).toContain("deploy-cloud");
    expect(JSON.stringify(workflow)).not.toMatch(/aws-secret-access-key|credentials_json/);
  });
});
