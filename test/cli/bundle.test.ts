import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bundle } from "../../scripts/bundle";

const ROOT = resolve(__dirname, "../..");
const EXAMPLE = join(ROOT, "examples/acme-ml-eu.yaml");

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

describe("the bundled command", () => {
  let work: string;
  let bin: string;
  let modules: string;
  let bundled: string;
  let synth: { modules: SpawnSyncReturns<string>; bundled: SpawnSyncReturns<string> };
  beforeAll(() => {
    // Inside the repository, so that the compiled modules find node_modules.
    mkdirSync(join(ROOT, "node_modules", ".cache"), { recursive: true });
    work = mkdtempSync(join(ROOT, "node_modules", ".cache", "ai-platform-bundle-"));
    const dist = join(work, "dist");
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--outDir", dist], { encoding: "utf8" });
    if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
    bin = bundle(dist, join(work, "bin"));
    modules = join(work, "out-modules");
    bundled = join(work, "out-bundled");
    // Each in its own process, as the command runs.
    synth = {
      modules: spawnSync(process.execPath, [join(dist, "lib/cli/main.js"), "synth", EXAMPLE, "--out", modules], { encoding: "utf8" }),
      bundled: spawnSync(process.execPath, [bin, "synth", EXAMPLE, "--out", bundled], { encoding: "utf8" }),
    };
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("synthesizes the default example byte for byte as the unbundled modules do", () => {
    expect(synth.modules.status).toBe(0);
    expect(synth.bundled.status).toBe(0);
    expect(synth.bundled.stdout.replace("out-bundled", "OUT")).toBe(synth.modules.stdout.replace("out-modules", "OUT"));
    const files = listFiles(modules);
    expect(files).toContain(join("stacks", "acme-ml-gcp-europe-west4", "cdk.tf.json"));
    expect(listFiles(bundled)).toEqual(files);
    for (const f of files) expect(readFileSync(join(bundled, f), "utf8")).toBe(readFileSync(join(modules, f), "utf8"));
  });

  test("is one file and a launcher that require only Node's own modules", () => {
    for (const file of [bin, join(work, "bin", "ai-platform.bundle.js")]) {
      const source = readFileSync(file, "utf8");
      const required = new Set([...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
      expect(required.size).toBeGreaterThan(0);
      expect([...required].filter((m) => !m.startsWith("node:") && !NODE_BUILTINS.has(m))).toEqual([]);
    }
  });

  test("synthesizes the same bytes when the code cache does not fit (another Node.js, a damaged file)", () => {
    const cache = join(work, "bin", "ai-platform.bundle.cache");
    expect(statSync(cache).size).toBeGreaterThan(1024 * 1024);
    writeFileSync(cache, "not a code cache");
    const out = join(work, "out-no-cache");
    const p = spawnSync(process.execPath, [bin, "synth", EXAMPLE, "--out", out], { encoding: "utf8" });
    expect(p.status).toBe(0);
    const files = listFiles(modules);
    expect(listFiles(out)).toEqual(files);
    for (const f of files) expect(readFileSync(join(out, f), "utf8")).toBe(readFileSync(join(modules, f), "utf8"));
  });

  test("exits 2 without a stack trace on a user mistake", () => {
    const p = spawnSync(process.execPath, [bin, "validate", join(ROOT, "package.json")], { encoding: "utf8" });
    expect(p.status).toBe(2);
    expect(p.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  test("is the package's ai-platform command", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; files: string[] };
    expect(pkg.bin["ai-platform"]).toBe("dist/bin/ai-platform.js");
    expect(pkg.files).toContain("dist/bin");
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

const NODE_BUILTINS = new Set(require("node:module").builtinModules as string[]);
