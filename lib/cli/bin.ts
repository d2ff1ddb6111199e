#!/usr/bin/env node
/**
 * Entry point of the installed `ai-platform` command: the package's `bin` runs a bundle
 * of this file (one file, loaded in one read, instead of some 800 modules).
 */
import { main } from "./main";

main(process.argv.slice(2));
