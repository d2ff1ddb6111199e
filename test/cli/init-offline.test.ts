/**
 * The scaffold as a new user gets it: `npm pack` this package, scaffold a repository
 * with the packed command, install the package into it without the network, and run the
 * steps of its workflow's first job (`review`) as CI would. The one step not run as
 * written is `npm ci`: it would fetch from the registry; instead the packed tarball is
 * unpacked into node_modules (its `bin` linked and made executable as npm does) and its
 * dependencies are linked from this project's own node_modules.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

const ROOT = resolve(__dirname, "../..");

type Step = { name?: string; run?: string; uses?: string; if?: string };

function linkPackage(nodeModules: string, name: string): void {
  const target = join(ROOT, "node_modules", name);
  if (!existsSync(target)) throw new Error(`${name} is not installed in this project`);
  mkdirSync(dirname(join(nodeModules, name)), { recursive: true });
  symlinkSync(target, join(nodeModules, name), "dir");
}

describe("a scaffolded repository, with the packed package installed offline", () => {
  let work: string;
  let repo: string;
  let env: NodeJS.ProcessEnv;
  let steps: Step[];
  const results: { step: string; status: number | null; output: string }[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "ai-platform-scaffold-"));
    // npm pack runs the package's prepack (the build), as a release would.
    const packed = execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, npm_config_offline: "true" } })
      .trim()
      .split("\n")
      .pop()!;
    const pkgDir = join(work, "pkg");
    mkdirSync(pkgDir);
    execFileSync("tar", ["-xzf", join(work, packed), "-C", pkgDir, "--strip-components=1"]);

    // the install `npm ci` would do, from local files only
    repo = join(work, "acme-ml");
    const nodeModules = join(repo, "node_modules");
    mkdirSync(nodeModules, { recursive: true });
    execFileSync("mv", [pkgDir, join(nodeModules, "ai-platform-cdktf")]);
    const manifest = JSON.parse(readFileSync(join(nodeModules, "ai-platform-cdktf", "package.json"), "utf8"));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) linkPackage(nodeModules, dep);
    mkdirSync(join(nodeModules, ".bin"));
    for (const [bin, path] of Object.entries(manifest.bin as Record<string, string>)) {
      symlinkSync(join("..", "ai-platform-cdktf", path), join(nodeModules, ".bin", bin));
      chmodSync(join(nodeModules, "ai-platform-cdktf", path), 0o755); // as npm's bin linking does
    }

    // ai-platform init, with the packed command; then the scaffold's own devDependencies
    execFileSync(join(nodeModules, ".bin", "ai-platform"), ["init", "."], { cwd: repo, encoding: "utf8" });
    const scaffoldManifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
    // the scaffold names this package and each of its peers (cdktf, constructs, providers)
    expect(Object.keys(scaffoldManifest.dependencies).sort()).toEqual(["ai-platform-cdktf", ...Object.keys(manifest.peerDependencies)].sort());
    for (const dep of Object.keys(scaffoldManifest.devDependencies ?? {})) linkPackage(nodeModules, dep);

    // the review job's run steps, in order, with the workflow's environment
    const workflow = parse(readFileSync(join(repo, ".github/workflows/platform.yml"), "utf8"));
    steps = workflow.jobs.review.steps as Step[];
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...workflow.env,
      CI: "true",
      GITHUB_OUTPUT: join(work, "github-output"),
      GITHUB_STEP_SUMMARY: join(work, "step-summary"),
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
    };
    writeFileSync(env.GITHUB_OUTPUT!, "");
    writeFileSync(env.GITHUB_STEP_SUMMARY!, "");
    for (const step of steps) {
      if (step.run === undefined || step.run.startsWith("npm ci")) continue;
      // GitHub runs a `run` step as `bash -e {0}`
      const r = spawnSync("bash", ["-e", "-c", step.run], { cwd: repo, env, encoding: "utf8", timeout: 240_000 });
      results.push({ step: step.name ?? step.run, status: r.status, output: `${r.stdout}${r.stderr}` });
      if (r.status !== 0) break;
    }
  }, 600_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("the first job installs with npm ci, then validates, synthesizes, reviews and lists the stacks", () => {
    expect(steps.filter((s) => s.run !== undefined).map((s) => s.run!.split("\n")[0]!.split(" ").slice(0, 3).join(" "))).toEqual([
      "npm ci --no-audit",
      "npx ai-platform validate",
      "npx ai-platform synth",
      "npx ai-platform check",
      'echo "cloud=$(npx ai-platform',
      "cat review.md >>",
    ]);
  });

  test("every step of the first job passes", () => {
    for (const r of results) {
      if (r.status !== 0) throw new Error(`step "${r.step}" exited ${String(r.status)}:\n${r.output}`);
    }
    expect(results).toHaveLength(5);
  });

  test("the synthesized output holds the four stacks and the reports are written", () => {
    const manifest = JSON.parse(readFileSync(join(repo, "cdktf.out/manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      "acme-ml-aws-eu-central-1",
      "acme-ml-aws-eu-central-1-k8s",
      "acme-ml-aws-eu-central-1-k8s-custom",
      "acme-ml-gcp-europe-west4",
      "acme-ml-gcp-europe-west4-k8s",
      "acme-ml-gcp-europe-west4-k8s-custom",
    ]);
    for (const report of ["review.md", "review.sarif", "review.xml"]) expect(existsSync(join(repo, report))).toBe(true);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8")).toContain("acme-ml-aws-eu-central-1");
  });

  test("the job's outputs give the plan and deploy matrices: cloud stacks, and in-cluster stacks with their runner", () => {
    const outputs = Object.fromEntries(
      readFileSync(env.GITHUB_OUTPUT!, "utf8")
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), JSON.parse(line.slice(line.indexOf("=") + 1))]),
    );
    expect(outputs.cloud.map((s: { stack: string }) => s.stack)).toEqual(["acme-ml-aws-eu-central-1", "acme-ml-gcp-europe-west4"]);
    expect(outputs.k8s.map((s: { stack: string; privateApi: boolean }) => [s.stack, s.privateApi])).toEqual([
      ["acme-ml-aws-eu-central-1-k8s", true],
      ["acme-ml-gcp-europe-west4-k8s", false],
    ]);
    expect(outputs.custom.map((s: { stack: string }) => s.stack)).toEqual(["acme-ml-aws-eu-central-1-k8s-custom", "acme-ml-gcp-europe-west4-k8s-custom"]);
    // state is in S3, so the GCP jobs need AWS credentials too, in the state bucket's region
    expect(outputs.cloud[1]).toMatchObject({ cloud: "gcp", aws: true, gcp: true, awsRegion: "eu-central-1" });
  });
});
