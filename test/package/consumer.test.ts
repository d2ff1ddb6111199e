/**
 * The package as a user gets it: `npm pack`, installed into a fresh cdktf app next to the
 * newest constructs 10.x, without network (npm ci --offline from npm's cache, with a
 * lockfile built from this project's), type-checked with `skipLibCheck: false`, and the
 * README's TypeScript example synthesized once. The other README examples marked for
 * the compiler are type-checked in the same run.
 */
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readmeExamples } from "./readme-examples";

type Json = Record<string, any>;

const ROOT = resolve(__dirname, "../..");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Json;
const LOCK = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as Json;
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** What the app installs besides the package: its peers and the Node types, at this project's versions. */
const APP_DEPENDENCIES = [...Object.keys(PKG.peerDependencies as Record<string, string>), "@types/node"];

/** A lockfile entry of the project, with the entries of everything it depends on. */
function lockClosure(names: readonly string[]): Record<string, Json> {
  const packages = LOCK.packages as Record<string, Json>;
  const out: Record<string, Json> = {};
  const visit = (name: string) => {
    const key = `node_modules/${name}`;
    if (out[key]) return;
    const entry = packages[key];
    if (!entry) throw new Error(`${name} is not in package-lock.json`);
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...rest } = entry;
    out[key] = rest;
    // Bundled dependencies ship inside the package's tarball.
    const bundled = new Set<string>((entry.bundleDependencies as string[] | undefined) ?? []);
    for (const dep of Object.keys((entry.dependencies as Record<string, string> | undefined) ?? {})) if (!bundled.has(dep)) visit(dep);
  };
  names.forEach(visit);
  return out;
}

function run(cmd: string, args: readonly string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options }) as string;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}\n${err.message}`);
  }
}

describe("the packed package in a fresh cdktf app", () => {
  let work: string;
  let app: string;
  let out: string;
  let tarball: string;
  const examples = readmeExamples(readFileSync(join(ROOT, "README.md"), "utf8"));

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "aip-consumer-"));
    app = join(work, "app");
    out = join(work, "cdktf.out");
    mkdirSync(app);
    // prepack builds dist/ first.
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], { cwd: ROOT })) as { filename: string }[];
    tarball = join(work, packed[0]!.filename);
    const bytes = readFileSync(tarball);

    // The same versions as this project's lockfile (an alias, such as cdktf -> cdktn, stays an alias).
    const deps = Object.fromEntries(
      APP_DEPENDENCIES.map((name) => {
        const entry = (LOCK.packages as Record<string, Json>)[`node_modules/${name}`]!;
        const version = entry.version as string;
        return [name, entry.name && entry.name !== name ? `npm:${entry.name as string}@${version}` : version];
      }),
    );
    const appPkg = { name: "consumer-app", version: "0.0.0", private: true, dependencies: { "ai-platform-cdktf": `file:../${packed[0]!.filename}`, ...deps } };
    writeFileSync(join(app, "package.json"), JSON.stringify(appPkg, null, 2));
    const own = lockClosure(Object.keys(PKG.dependencies as Record<string, string>));
    const lock = {
      name: appPkg.name,
      version: appPkg.version,
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: appPkg.name, version: appPkg.version, dependencies: appPkg.dependencies },
        "node_modules/ai-platform-cdktf": {
          version: PKG.version,
          resolved: `file:../${packed[0]!.filename}`,
          integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
          license: PKG.license,
          dependencies: PKG.dependencies,
          peerDependencies: PKG.peerDependencies,
          bin: PKG.bin,
          engines: PKG.engines,
        },
        ...own,
        ...lockClosure(APP_DEPENDENCIES),
      },
    };
    writeFileSync(join(app, "package-lock.json"), JSON.stringify(lock, null, 2));
    // On CDK Terrain (cdktf aliased to npm:cdktn, `npm run test:cdktn`, which needs the
    // registry anyway) the providers' peer range (cdktf ^0.21) does not name the alias's
    // version, so an app installs with --legacy-peer-deps, and npm reads the alias's
    // metadata from the registry when the cache lacks it.
    const aliased = Object.values(deps).some((spec) => spec.startsWith("npm:"));
    const mode = aliased ? ["--prefer-offline", "--legacy-peer-deps"] : ["--offline"];
    run("npm", ["ci", ...mode, "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: app });

    for (const ex of examples) writeFileSync(join(app, ex.file), ex.code);
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022"],
          module: "nodenext",
          moduleResolution: "nodenext",
          types: ["node"],
          strict: true,
          skipLibCheck: false,
          outDir: "dist",
        },
        include: examples.map((e) => e.file),
      }),
    );
    run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: app });
    run(process.execPath, [join("dist", "main.js")], { cwd: app, env: { ...process.env, CDKTF_OUTDIR: out, CHECKPOINT_DISABLE: "1" } });
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("the README has the TypeScript example the app runs, and examples of the constructs alone", () => {
    expect(examples.map((e) => e.file)).toContain("main.ts");
    expect(examples.find((e) => e.file === "main.ts")!.code).toContain('from "ai-platform-cdktf"');
    expect(examples.some((e) => /from "ai-platform-cdktf\/aws"/.test(e.code))).toBe(true);
    expect(examples.some((e) => /from "ai-platform-cdktf\/gcp"/.test(e.code))).toBe(true);
  });

  test("cdktf, constructs and the providers are peers, not dependencies of the package", () => {
    for (const name of ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-google", "@cdktf/provider-kubernetes"]) {
      expect(PKG.dependencies[name]).toBeUndefined();
      expect(PKG.peerDependencies[name]).toMatch(/^\^\d+\.\d+\.\d+$/);
    }
  });

  test("the app has exactly one copy of constructs, the newest 10.x", () => {
    const copies: string[] = [];
    const scan = (dir: string) => {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(dir, entry);
        if (entry === "constructs") copies.push(path);
        if (entry.startsWith("@")) scan(path);
        else scan(join(path, "node_modules"));
      }
    };
    scan(join(app, "node_modules"));
    expect(copies).toEqual([join(app, "node_modules", "constructs")]);
    const version = JSON.parse(readFileSync(join(app, "node_modules", "constructs", "package.json"), "utf8")).version as string;
    const newest = (LOCK.packages["node_modules/constructs"] as Json).version as string;
    expect(version).toBe(newest);
    expect(version.startsWith("10.")).toBe(true);
  });

  test("the README example synthesizes both clouds' stacks", () => {
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Json;
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      "acme-ml-aws-eu-central-1",
      "acme-ml-aws-eu-central-1-k8s",
      "acme-ml-aws-eu-central-1-k8s-custom",
      "acme-ml-gcp-europe-west4",
      "acme-ml-gcp-europe-west4-k8s",
      "acme-ml-gcp-europe-west4-k8s-custom",
    ]);
    const aws = JSON.parse(readFileSync(join(out, "stacks", "acme-ml-aws-eu-central-1", "cdk.tf.json"), "utf8")) as Json;
    expect(Object.keys(aws.resource.aws_eks_cluster)).toHaveLength(1);
  });

  test("each entry point loads only its own cloud, and internals are not exported", () => {
    const probe = `
      const load = (p) => { const m = require(p); return { m, cache: Object.keys(require.cache) }; };
      const aws = load("ai-platform-cdktf/aws");
      const report = {
        awsLoadsGoogle: aws.cache.some((k) => k.includes("provider-google")),
        awsHasCluster: typeof aws.m.Cluster === "function",
        awsIdFrom: typeof aws.m.idFrom,
        compliance: typeof require("ai-platform-cdktf/compliance").xmlEscape,
        runCheck: typeof require("ai-platform-cdktf/compliance").runCheck,
        spec: typeof require("ai-platform-cdktf/spec").parseSpec,
        k8s: typeof require("ai-platform-cdktf/k8s").KubernetesPlatform,
      };
      console.log(JSON.stringify(report));`;
    const report = JSON.parse(run(process.execPath, ["-e", probe], { cwd: app })) as Json;
    expect(report).toEqual({
      awsLoadsGoogle: false,
      awsHasCluster: true,
      awsIdFrom: "undefined",
      compliance: "undefined",
      runCheck: "function",
      spec: "function",
      k8s: "function",
    });
    const gcp = run(process.execPath, ["-e", `require("ai-platform-cdktf/gcp"); console.log(Object.keys(require.cache).some((k) => k.includes("provider-aws")))`], { cwd: app });
    expect(gcp.trim()).toBe("false");
  });

  test("the package ships the LICENSE and no sources or tests", () => {
    const listing = run("tar", ["-tzf", tarball]).split("\n");
    expect(listing).toContain("package/LICENSE");
    expect(listing.filter((f) => f.startsWith("package/test/") || (f.startsWith("package/dist/") && f.endsWith(".ts") && !f.endsWith(".d.ts")))).toEqual([]);
    expect(listing.filter((f) => f.startsWith("package/lib/"))).toEqual([]);
  });
});
