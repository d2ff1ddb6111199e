/**
 * The package's `bin`: runs the bundled command (`ai-platform.bundle.js` beside this file)
 * with V8's code cache for it (`ai-platform.bundle.cache`), written by `npm run build`
 * after a synthesis of the default example. With the cache, V8 neither parses the bundle
 * nor compiles the functions that synthesis runs; a Node.js other than the one that built
 * the package rejects the cache and compiles as usual, as it does when the file is missing.
 *
 * `AI_PLATFORM_WRITE_CODE_CACHE=1` writes the cache when the command exits (the build does).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";

const bundle = join(__dirname, "ai-platform.bundle.js");
const cache = join(__dirname, "ai-platform.bundle.cache");
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, "utf8")}\n})`;
const script = new Script(source, { filename: bundle, ...(existsSync(cache) ? { cachedData: readFileSync(cache) } : {}) });
if (process.env.AI_PLATFORM_WRITE_CODE_CACHE === "1") process.on("exit", () => writeFileSync(cache, script.createCachedData()));
(script.runInThisContext() as (...args: unknown[]) => void)(exports, require, module, bundle, __dirname);
