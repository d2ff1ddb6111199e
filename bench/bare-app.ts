/**
 * The floor: a bare cdktf app that synthesizes the given number of empty stacks.
 * Usage: bare-app.ts <outdir> <stacks>
 */
import { App, TerraformStack } from "cdktf";

const [outdir, count] = process.argv.slice(2);
const app = new App({ outdir: outdir ?? "bare.out", stackTraces: false });
for (let i = 0; i < Number(count ?? 4); i++) new TerraformStack(app, `stack-${i}`);
app.synth();
