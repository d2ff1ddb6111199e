/**
 * What the installed `ai-platform` command runs: the package's `bin` (the launcher) runs a
 * bundle of this file (one file, loaded in one read, instead of some 700 modules).
 */
import { run } from "./main";

process.exitCode = run(process.argv.slice(2));
