import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "../../lib/cli/main";
import { FORMATS } from "../../lib/compliance";

const EXAMPLE = "examples/acme-ml-eu.yaml";

function runCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

describe("ai-platform", () => {
  let dir: string;
  let invalidSpec: string;
  /** The default example, synthesized once for the synth and check tests. */
  let out: string;
  let synthResult: ReturnType<typeof runCli>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ai-platform-cli-"));
    out = join(dir, "out");
    synthResult = runCli(["synth", EXAMPLE, "--out", out]);
    invalidSpec = join(dir, "invalid.yaml");
    writeFileSync(
      invalidSpec,
      ["name: acme-ml", "residency: eu", "targets:", "  - { cloud: gcp, region: europe-west2 }", "gpuPools:", "  - { name: a, accelerator: nvidia-h100-80gb, gpusPerNode: 3, maxNodes: 1 }", "deployers: { gcp: [\"serviceAccount:ci@acme-ml.iam.gserviceaccount.com\"] }"].join("\n"),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe("validate", () => {
    test("GIVEN the default example THEN exit 0 with a summary", () => {
      const r = runCli(["validate", EXAMPLE]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("valid: acme-ml in eu on aws eu-central-1, gcp europe-west4");
    });

    test("fails with exit 2 listing every problem with its path and line", () => {
      const r = runCli(["validate", invalidSpec]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("3 problems");
      expect(r.stderr).toMatch(/invalid\.yaml:4:\d+: targets\[0\]\.project: is required on gcp targets/);
      expect(r.stderr).toContain('targets[0].region: "europe-west2" is outside residency "eu"');
      expect(r.stderr).toContain("gpuPools[0].gpusPerNode: 3 is not offered for nvidia-h100-80gb on gcp");
    });

    test("fails with exit 2 when the Kubernetes version is past the end of EKS extended support", () => {
      // 1.31 left EKS extended support on 2026-11-26 (EKS release calendar)
      const old = join(dir, "old-version.yaml");
      writeFileSync(old, readFileSync(EXAMPLE, "utf8").replace(/kubernetesVersion: "1\.33"/, 'kubernetesVersion: "1.31"'));
      const r = runCli(["validate", old]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/old-version\.yaml:\d+:\d+: cluster\.kubernetesVersion: "1\.31" reached the end of EKS extended support on 2026-11-26/);
    });

    test("fails with exit 2 when the file is missing", () => {
      const r = runCli(["validate", join(dir, "nope.yaml")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("does not exist");
    });
  });

  describe("synth", () => {
    test("GIVEN the default example THEN exit 0 and the three stacks of each target are written", () => {
      expect(synthResult.code).toBe(0);
      expect(readdirSync(join(out, "stacks")).sort()).toEqual([
        "acme-ml-aws-eu-central-1",
        "acme-ml-aws-eu-central-1-k8s",
        "acme-ml-aws-eu-central-1-k8s-custom",
        "acme-ml-gcp-europe-west4",
        "acme-ml-gcp-europe-west4-k8s",
        "acme-ml-gcp-europe-west4-k8s-custom",
      ]);
      const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
      expect(Object.keys(manifest.stacks)).toHaveLength(6);
    });

    test("leaves no staging directory behind", () => {
      expect(readdirSync(dir).filter((f) => f.includes("staging") || f.includes(".old-"))).toEqual([]);
    });

    test("is deterministic: a second synth gives byte-identical files", () => {
      const again = join(dir, "again");
      expect(runCli(["synth", EXAMPLE, "--out", again]).code).toBe(0);
      const files = listFiles(out).sort();
      expect(listFiles(again).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(again, f), "utf8")).toBe(readFileSync(join(out, f), "utf8"));
    });

    test("keeps machine-specific paths out of the JSON", () => {
      for (const f of listFiles(out)) expect(readFileSync(join(out, f), "utf8")).not.toContain(process.cwd());
    });

    test("fails with exit 2 on an invalid spec and writes nothing, keeping an earlier output", () => {
      const existing = join(dir, "existing");
      mkdirSync(existing);
      writeFileSync(join(existing, "keep.txt"), "earlier output");
      const r = runCli(["synth", invalidSpec, "--out", existing]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("nothing was written");
      expect(readdirSync(existing)).toEqual(["keep.txt"]);
      const fresh = join(dir, "fresh");
      expect(runCli(["synth", invalidSpec, "--out", fresh]).code).toBe(2);
      expect(existsSync(fresh)).toBe(false);
    });
  });

  describe("check", () => {
    test("GIVEN the default example THEN no unsuppressed failure and exit 0, every suppression with its reason", () => {
      const r = runCli(["check", out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("OK: no unsuppressed failure at or above high");
      expect(r.stdout).toMatch(/Suppressions \(\d+\):/);
      expect(r.stdout).toMatch(/AIP-S3-001: "S3 server access log delivery supports only SSE-S3/);
    });

    test("GIVEN --fail-on low THEN the same review still passes (suppressed findings never fail)", () => {
      expect(runCli(["check", out, "--fail-on", "low"]).code).toBe(0);
    });

    test("writes a SARIF report to --output", () => {
      const file = join(dir, "review.sarif");
      const r = runCli(["check", out, "--format", "sarif", "--output", file]);
      expect(r.code).toBe(0);
      const sarif = JSON.parse(readFileSync(file, "utf8")) as { version: string; runs: { results: unknown[] }[] };
      expect(sarif.version).toBe("2.1.0");
      expect(sarif.runs).toHaveLength(1);
    });

    test("fails with exit 2 when the directory holds no synthesized stacks", () => {
      const r = runCli(["check", join(dir, "nothing-here")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("nothing-here");
    });

    test("--help lists every report format the engine has", () => {
      const help = runCli(["check", "--help"]).stdout;
      for (const format of FORMATS) expect(help).toContain(`"${format}"`);
    });

    test("fails with exit 2 on an unknown format", () => {
      expect(runCli(["check", out, "--format", "pdf"]).code).toBe(2);
    });
  });

  describe("usage", () => {
    test.each([["--help"], ["validate", "--help"], ["synth", "--help"]])("%s exits 0 with usage", (...args) => {
      const r = runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Usage: ai-platform");
    });

    test("fails with exit 2 on an unknown command", () => {
      const r = runCli(["synthesise", EXAMPLE]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown command");
    });

    test("schema prints the JSON Schema", () => {
      const r = runCli(["schema"]);
      expect(JSON.parse(r.stdout)).toMatchObject({ title: "PlatformSpec", type: "object" });
    });
  });

  describe("faults: every one exit 2 with the path and the fix, nothing lost", () => {
    test("fails when synth --out is a project directory, and leaves every file in it", () => {
      const project = join(dir, "project");
      mkdirSync(join(project, ".git"), { recursive: true });
      writeFileSync(join(project, "platform.yaml"), "name: mine\n");
      const r = runCli(["synth", EXAMPLE, "--out", project]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--out "${project}" is a directory that is neither empty nor an earlier output of ai-platform`);
      expect(r.stderr).toContain("nothing was written");
      expect(readdirSync(project).sort()).toEqual([".git", "platform.yaml"]);
      expect(readFileSync(join(project, "platform.yaml"), "utf8")).toBe("name: mine\n");
    });

    test("fails when synth --out is a file, and keeps the file", () => {
      const file = join(dir, "some-file.txt");
      writeFileSync(file, "keep me");
      const r = runCli(["synth", EXAMPLE, "--out", file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("is a file");
      expect(readFileSync(file, "utf8")).toBe("keep me");
    });

    test("fails (and does not spin) when synth --out is under /proc", () => {
      const r = runCli(["synth", EXAMPLE, "--out", "/proc/ai-platform-test/out"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cannot create "/proc/ai-platform-test"');
    });

    test("synth through a symlinked --out writes into the link's target and keeps the link", () => {
      const target = join(dir, "link-target");
      mkdirSync(target);
      symlinkSync(target, join(dir, "link-out"));
      expect(runCli(["synth", EXAMPLE, "--out", join(dir, "link-out")]).code).toBe(0);
      expect(readlinkSync(join(dir, "link-out"))).toBe(target);
      expect(readdirSync(join(target, "stacks"))).toHaveLength(6);
    });

    test("a second synth over an earlier output replaces it", () => {
      const r = runCli(["synth", EXAMPLE, "--out", out]);
      expect(r.code).toBe(0);
      expect(readdirSync(join(out, "stacks"))).toHaveLength(6);
    });

    const immutable = (() => {
      const probe = mkdtempSync(join(tmpdir(), "ai-platform-chattr-"));
      const ok = spawnSync("chattr", ["+i", probe]).status === 0;
      spawnSync("chattr", ["-i", probe]);
      rmSync(probe, { recursive: true, force: true });
      return ok;
    })();
    (immutable ? test : test.skip)("fails when the parent of synth --out is immutable (chattr +i)", () => {
      const parent = join(dir, "immutable");
      mkdirSync(parent);
      expect(spawnSync("chattr", ["+i", parent]).status).toBe(0);
      try {
        const r = runCli(["synth", EXAMPLE, "--out", join(parent, "out")]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/cannot create a directory in ".*immutable": operation not permitted .*\(EPERM\)/);
      } finally {
        spawnSync("chattr", ["-i", parent]);
      }
    });

    test("fails when check --output is in a missing directory", () => {
      const file = join(dir, "no-such-dir", "report.txt");
      const r = runCli(["check", out, "--output", file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`cannot write the report to "${file}": does not exist (ENOENT); check the path, or create the missing directory`);
    });

    test("fails when check --output is on a full device (ENOSPC)", () => {
      const r = runCli(["check", out, "--output", "/dev/full"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cannot write the report to "/dev/full": no space left on the device (ENOSPC)');
    });

    test("fails when schema --out is a directory", () => {
      const r = runCli(["schema", "--out", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`cannot write the schema to "${dir}": is a directory (EISDIR); name a file, not a directory`);
    });

    test("fails when validate is given a FIFO, without waiting for a writer", () => {
      const fifo = join(dir, "pipe.yaml");
      spawnSync("mkfifo", [fifo]);
      const r = runCli(["validate", fifo]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("is not a regular file");
    });
  });

  describe("as a process", () => {
    test("a closed standard output (EPIPE) ends the command quietly with its own exit code", () => {
      const r = spawnSync("bash", ["-c", `${process.execPath} --import tsx lib/cli/main.ts schema | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { encoding: "utf8" });
      expect(r.stdout.trim()).toBe("exit=0");
      expect(r.stderr).toBe("");
    });

    test("fails without a stack trace when synth --out is the current directory", () => {
      const project = join(dir, "cwd-project");
      mkdirSync(project);
      writeFileSync(join(project, "notes.md"), "mine");
      const tsx = pathToFileURL(join(process.cwd(), "node_modules/tsx/dist/loader.mjs")).href;
      const p = spawnSync(process.execPath, ["--import", tsx, join(process.cwd(), "lib/cli/main.ts"), "synth", join(process.cwd(), EXAMPLE), "--out", "."], {
        encoding: "utf8",
        cwd: project,
      });
      expect(p.stderr).toContain('--out "." is the current directory or contains it');
      expect(p.status).toBe(2);
      expect(p.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(readdirSync(project)).toEqual(["notes.md"]);
    });

    test("fails without a stack trace on a user mistake", () => {
      const p = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "validate", invalidSpec], { encoding: "utf8" });
      expect(p.status).toBe(2);
      expect(p.stderr).toContain("targets[0].project");
      expect(p.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
  });
});
