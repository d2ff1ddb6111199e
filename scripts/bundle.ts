/**
 * Bundles the `ai-platform` command for the package's `bin`. Run by `npm run build` after
 * `tsc`; the bundle is made from the compiled JavaScript, so it runs exactly the code the
 * unbundled modules run.
 *
 * - `dist/bin/ai-platform.bundle.js`: `lib/cli/bin` and everything it requires, in one file.
 *   Loading the command's modules one by one (resolving, reading and compiling some 700
 *   files, each with its inline source map) is about half of a small synth. Modules the
 *   command loads lazily (a cloud's provider classes, the compliance review) stay lazy:
 *   each runs only when it is first required.
 * - `dist/bin/ai-platform.js`: the launcher (`lib/cli/launcher`), which runs the bundle with
 *   V8's code cache for it.
 * - `dist/bin/ai-platform.bundle.cache`: that code cache, written by a synthesis of the
 *   default example with the Node.js that builds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

const ROOT = resolve(__dirname, "..");

/** Bundles `<dist>/lib/cli/bin.js` and the launcher into `outdir`; returns the launcher's path. */
export function bundle(dist = join(ROOT, "dist"), outdir = join(dist, "bin")): string {
  const common = { bundle: true, platform: "node", target: "node20", format: "cjs", minifyWhitespace: true, legalComments: "eof", logLevel: "warning" } as const;
  // The input is CommonJS, so every module keeps its own scope in the bundle and no class
  // or function is renamed (esbuild's keepNames would cost a call per closure).
  buildSync({ ...common, entryPoints: [join(dist, "lib", "cli", "bin.js")], outfile: join(outdir, "ai-platform.bundle.js") });
  const launcher = join(outdir, "ai-platform.js");
  buildSync({ ...common, entryPoints: [join(dist, "lib", "cli", "launcher.js")], outfile: launcher, banner: { js: "#!/usr/bin/env node" } });
  const out = mkdtempSync(join(tmpdir(), "ai-platform-code-cache-"));
  try {
    const p = spawnSync(process.execPath, [launcher, "synth", join(ROOT, "examples", "acme-ml-eu.yaml"), "--out", join(out, "out")], {
      env: { ...process.env, AI_PLATFORM_WRITE_CODE_CACHE: "1" },
      encoding: "utf8",
    });
    if (p.status !== 0) throw new Error(`synthesis for the code cache exited ${p.status}:\n${p.stderr}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return launcher;
}

if (require.main === module) bundle();
