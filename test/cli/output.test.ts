/**
 * Where `synth --out` may write and how the output is replaced: refusals, links, and a
 * fault-injection test that SIGKILLs a publishing process at every step.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliError } from "../../lib/cli/errors";
import { createGeneration, publishGeneration, resolveOutput } from "../../lib/cli/output";
import { entries, outputLabel, writeFakeOutput } from "./fake-output";

const CHILD = ["--import", "tsx", "test/cli/publish-child.ts"];

// Child processes start in about a second each on a busy machine.
jest.setTimeout(120_000);

let root: string;
let cases = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "ai-platform-output-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh directory for one case. */
function fresh(): string {
  const dir = join(root, `case-${++cases}`);
  mkdirSync(dir);
  return dir;
}

/** Publishes a fake output labelled `label` at `out` in this process. */
function publish(out: string, label: string, options: { lockWaitMs?: number } = {}): void {
  const target = resolveOutput(out);
  const generation = createGeneration(target);
  writeFakeOutput(generation, label);
  publishGeneration(target, generation, options);
}

function refusal(out: string, cwd?: string): string {
  try {
    resolveOutput(out, cwd);
  } catch (e) {
    if (e instanceof CliError) return e.message;
    throw e;
  }
  return "(accepted)";
}

function runChild(out: string, label: string, action = ""): { status: number | null; signal: string | null; stdout: string } {
  const p = spawnSync(process.execPath, [...CHILD, out, label, action], { encoding: "utf8" });
  return { status: p.status, signal: p.signal, stdout: p.stdout };
}

describe("synth --out: what may be replaced", () => {
  test("fails when the directory holds anything but an earlier output (a project directory), naming it and the fix", () => {
    const dir = fresh();
    writeFileSync(join(dir, "platform.yaml"), "name: x\n");
    mkdirSync(join(dir, ".git"));
    const message = refusal(dir);
    expect(message).toContain(`--out "${dir}" is a directory that is neither empty nor an earlier output of ai-platform (it holds .git, platform.yaml)`);
    expect(message).toContain("choose another --out");
  });

  test("fails when --out is the current directory or one above it, even when empty", () => {
    const dir = fresh();
    mkdirSync(join(dir, "project"));
    expect(refusal(".", dir)).toContain("is the current directory or contains it");
    expect(refusal("..", join(dir, "project"))).toContain("is the current directory or contains it");
  });

  test("fails when --out is a file, and leaves the file as it was", () => {
    const dir = fresh();
    writeFileSync(join(dir, "notes.txt"), "mine");
    expect(refusal(join(dir, "notes.txt"))).toContain("is a file; name a directory for the output");
  });

  test("fails when --out is the root of the file system", () => {
    expect(refusal("/")).toContain('--out "/" is the root of the file system');
  });

  test("fails when --out is a dangling symbolic link", () => {
    const dir = fresh();
    symlinkSync(join(dir, "nowhere"), join(dir, "out"));
    expect(refusal(join(dir, "out"))).toContain(`is a symbolic link to "${join(dir, "nowhere")}", which does not exist`);
  });

  test("fails when --out is a symbolic link to a directory of other files: the target is judged, not the link", () => {
    const dir = fresh();
    mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "data", "keep.csv"), "1,2");
    symlinkSync(join(dir, "data"), join(dir, "out"));
    expect(refusal(join(dir, "out"))).toContain("is a directory that is neither empty nor an earlier output");
  });

  test("fails when a manifest.json is there but other files too", () => {
    const dir = fresh();
    writeFakeOutput(dir, "old");
    writeFileSync(join(dir, "README.md"), "mine");
    expect(refusal(dir)).toContain("(it holds README.md, manifest.json, stacks)");
  });

  test("fails when a stack directory holds a file cdktf does not write (e.g. Terraform state)", () => {
    const dir = fresh();
    writeFakeOutput(dir, "old");
    writeFileSync(join(dir, "stacks", "demo", "terraform.tfstate"), "{}");
    expect(refusal(dir)).toContain("neither empty nor an earlier output");
  });

  test("accepts a missing path, an empty directory and an earlier output (with Terraform's working files)", () => {
    const dir = fresh();
    expect(refusal(join(dir, "new"))).toBe("(accepted)");
    mkdirSync(join(dir, "empty"));
    expect(refusal(join(dir, "empty"))).toBe("(accepted)");
    writeFakeOutput(join(dir, "earlier"), "old");
    mkdirSync(join(dir, "earlier", "stacks", "demo", ".terraform"));
    writeFileSync(join(dir, "earlier", "stacks", "demo", ".terraform.lock.hcl"), "");
    expect(refusal(join(dir, "earlier"))).toBe("(accepted)");
  });
});

describe("synth --out: publishing", () => {
  test("publishes a link to a complete generation beside it, and replaces it on the next run, leaving nothing else", () => {
    const dir = fresh();
    const out = join(dir, "out");
    publish(out, "one");
    expect(outputLabel(out)).toBe("one");
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    const first = readlinkSync(out);
    publish(out, "two");
    expect(outputLabel(out)).toBe("two");
    expect(readlinkSync(out)).not.toBe(first);
    expect(entries(dir)).toEqual([readlinkSync(out), "out ->"]);
  });

  test("replaces an earlier output written as a plain directory (by cdktf synth) with the new one", () => {
    const dir = fresh();
    writeFakeOutput(join(dir, "out"), "plain");
    publish(join(dir, "out"), "new");
    expect(outputLabel(join(dir, "out"))).toBe("new");
    expect(entries(dir)).toHaveLength(2);
  });

  test("removes the staging and .old- directories earlier versions of the command left when killed, and nothing else", () => {
    const dir = fresh();
    const out = join(dir, "out");
    writeFakeOutput(join(dir, ".out.staging-AbC123"), "killed-staging");
    writeFakeOutput(join(dir, "out.old-99999999"), "killed-old");
    mkdirSync(join(dir, "out.old-99999998"));
    writeFileSync(join(dir, "out.old-99999998", "notes.txt"), "not an output");
    publish(out, "new");
    expect(outputLabel(out)).toBe("new");
    expect(entries(dir)).toEqual([readlinkSync(out), "out ->", "out.old-99999998"]);
  });

  test("follows a user's link: the link stays, its target gets the output", () => {
    const dir = fresh();
    mkdirSync(join(dir, "build"));
    symlinkSync(join(dir, "build"), join(dir, "out"));
    publish(join(dir, "out"), "through-link");
    expect(readlinkSync(join(dir, "out"))).toBe(join(dir, "build"));
    expect(outputLabel(join(dir, "out"))).toBe("through-link");
    publish(join(dir, "out"), "again");
    expect(outputLabel(join(dir, "build"))).toBe("again");
  });

  test("fails with 'another synth is writing here' when a live process holds the lock, and leaves the output as it was", () => {
    const dir = fresh();
    const out = join(dir, "out");
    publish(out, "before");
    const go = join(dir, "go");
    const holder = spawn(process.execPath, [...CHILD, out, "holder", `hold:remove-previous:${go}`], { stdio: ["ignore", "pipe", "inherit"] });
    return untilOutput(holder, "held remove-previous")
      .then(() => {
        expect(() => publish(out, "loser", { lockWaitMs: 50 })).toThrow(/another synth is writing here \(process \d+ on .+ holds .*\.out\.ai-platform-lock\)/);
        expect(outputLabel(out)).toBe("holder");
        writeFileSync(go, "");
        return exitOf(holder);
      })
      .then((status) => {
        expect(status).toBe(0);
        publish(out, "after");
        expect(outputLabel(out)).toBe("after");
        expect(entries(dir)).toEqual([readlinkSync(out), "go", "out ->"]);
      });
  });

  test("two runs at once both succeed: the second waits for the first's lock, then publishes", () => {
    const dir = fresh();
    const out = join(dir, "out");
    const go = join(dir, "go");
    const first = spawn(process.execPath, [...CHILD, out, "first", `hold:remove-previous:${go}`], { stdio: ["ignore", "pipe", "inherit"] });
    let second: ChildProcess | undefined;
    return untilOutput(first, "held remove-previous")
      .then(() => {
        second = spawn(process.execPath, [...CHILD, out, "second"], { stdio: ["ignore", "pipe", "inherit"] });
        return untilOutput(second, "step lock");
      })
      .then(() => {
        writeFileSync(go, "");
        return Promise.all([exitOf(first), exitOf(second!)]);
      })
      .then((codes) => {
        expect(codes).toEqual([0, 0]);
        expect(outputLabel(out)).toBe("second");
        expect(entries(dir)).toEqual([readlinkSync(out), "go", "out ->"]);
      });
  });
});

function untilOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let seen = "";
    child.stdout!.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) resolvePromise();
    });
    child.on("exit", () => reject(new Error(`child exited before "${text}": ${seen}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolvePromise) => child.on("exit", (code) => resolvePromise(code)));
}

/** The steps of a publishing run from each starting state (see output.ts), in order. */
const STEPS = {
  "an earlier output of this tool": ["staging", "staged", "lock", "recover", "link", "swap", "remove-previous", "unlock", "done"],
  "an earlier output written as a plain directory": ["lock", "recover", "link", "move-earlier", "swap", "remove-previous", "unlock"],
  "an empty directory": ["lock", "link", "rmdir", "swap", "unlock"],
  nothing: ["lock", "link", "swap", "unlock"],
} as const;
type Start = keyof typeof STEPS;

function prepare(start: Start, out: string): void {
  if (start === "an earlier output of this tool") publish(out, "old");
  else if (start === "an earlier output written as a plain directory") writeFakeOutput(out, "old");
  else if (start === "an empty directory") mkdirSync(out);
}

interface Killed {
  readonly step: string;
  readonly dir: string;
  readonly out: string;
  readonly before: string;
  readonly signal: NodeJS.Signals | null;
  readonly after: string;
  readonly entries: string[];
}

/** Starts one child per step, each in its own directory, killed at that step; all at once. */
function killAtEveryStep(start: Start): Promise<Killed[]> {
  return Promise.all(
    STEPS[start].map(
      (step) =>
        new Promise<Killed>((resolvePromise) => {
          const dir = fresh();
          const out = join(dir, "out");
          prepare(start, out);
          const before = outputLabel(out);
          const child = spawn(process.execPath, [...CHILD, out, "new", `kill:${step}`], { stdio: "ignore" });
          child.on("exit", (_code, signal) => resolvePromise({ step, dir, out, before, signal, after: outputLabel(out), entries: entries(dir) }));
        }),
    ),
  );
}

describe("synth --out: killed (SIGKILL) at every step, the path holds the old or the new complete output; the next run cleans up", () => {
  describe.each(Object.keys(STEPS) as Start[])("starting from %s", (start) => {
    let results: Killed[];
    beforeAll(async () => {
      results = await killAtEveryStep(start);
    });

    test("every child was killed at its step", () => {
      expect(results.map((r) => [r.step, r.signal])).toEqual(STEPS[start].map((s) => [s, "SIGKILL"]));
    });

    test("after each kill the path names the old output or the new one, complete", () => {
      for (const r of results) {
        if (start === "an earlier output written as a plain directory" && r.step === "swap") continue; // below
        expect({ step: r.step, output: r.after }).toEqual({ step: r.step, output: expect.stringMatching(start === "an earlier output of this tool" || start === "an earlier output written as a plain directory" ? /^(old|new)$/ : /^(new|\(no output\)|\(empty directory\))$/) });
      }
    });

    if (start === "an earlier output written as a plain directory") {
      test("between moving a plain directory aside and linking, the earlier output is intact beside the path", () => {
        const r = results.find((x) => x.step === "swap")!;
        expect(r.after).toBe("(no output)");
        const moved = r.entries.find((e) => e.endsWith("-moved"));
        expect(moved).toMatch(/^\.out\.ai-platform-\d+-moved$/);
        expect(outputLabel(join(r.dir, moved!))).toBe("old");
      });
    }

    test("the next run publishes and leaves only the output and its generation", () => {
      for (const r of results) {
        publish(r.out, "next");
        expect({ step: r.step, output: outputLabel(r.out) }).toEqual({ step: r.step, output: "next" });
        expect(entries(r.dir)).toEqual([readlinkSync(r.out), "out ->"]);
      }
    });
  });

  test("a run that finds the path missing and an earlier output moved aside by a killed run puts it back first", () => {
    const dir = fresh();
    const out = join(dir, "out");
    writeFakeOutput(out, "old");
    expect(runChild(out, "new", "kill:swap").signal).toBe("SIGKILL");
    expect(runChild(out, "late", "kill:link").signal).toBe("SIGKILL");
    expect(outputLabel(out)).toBe("old");
  });
});
