/**
 * The cdktf app behind `npx cdktf synth|plan|deploy`: synthesizes the spec named by
 * AI_PLATFORM_SPEC (default: the EU example), so every stack of the spec can be
 * planned and deployed with the cdktf CLI.
 */
import { synthesizeSpecFile } from "./lib/cli/synth";

const DEFAULT_SPEC = "examples/acme-ml-eu.yaml";

process.exitCode = synthesizeSpecFile(process.env.AI_PLATFORM_SPEC || DEFAULT_SPEC, {
  outdir: process.env.CDKTF_OUTDIR,
  inPlace: true,
});
