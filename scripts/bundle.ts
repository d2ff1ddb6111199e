/**
 * Bundles the `ai-platform` command into one file, `dist/bin/ai-platform.js` (the package's
 * `bin`). Run by `npm run build` after `tsc`: the bundle is made from the compiled
 * JavaScript, so it runs exactly the code the unbundled modules run.
 *
 * Loading the command's modules one by one (resolving, reading and compiling some 700
 * files, each with its inline source map) is about half of a small synth; one file
 * without source maps loads in a fraction of that. Modules the command loads lazily (a
 * cloud's provider classes, the compliance review) stay lazy inside the bundle: each
 * runs only when it is first required.
 */
import { buildSync } from "esbuild";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");

/** Bundles `<dist>/lib/cli/bin.js` (compiled by tsc) and what it requires into `outfile`. */
export function bundle(dist = join(ROOT, "dist"), outfile = join(dist, "bin", "ai-platform.js")): string {
  buildSync({
    entryPoints: [join(dist, "lib", "cli", "bin.js")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // The input is CommonJS, so every module keeps its own scope in the bundle and no
    // class or function is renamed (esbuild's keepNames would cost a call per closure).
    minifyWhitespace: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  return outfile;
}

if (require.main === module) bundle();
