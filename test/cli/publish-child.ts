/**
 * A child process for the output tests: publishes a small fake output labelled LABEL at
 * OUT, and can be killed (SIGKILL, no cleanup) or held at a named step.
 *
 *   node --import tsx test/cli/publish-child.ts OUT LABEL [kill:STEP | hold:STEP:FILE]
 *
 * `hold` prints "held STEP" and waits at STEP until FILE exists. Every step is printed.
 */
import { existsSync } from "node:fs";
import { createGeneration, publishGeneration, publishSteps, resolveOutput } from "../../lib/cli/output";
import { writeFakeOutput } from "./fake-output";

const [out, label, action = ""] = process.argv.slice(2) as [string, string, string?];
const [mode, at, file] = action.split(":");

function onStep(step: string): void {
  process.stdout.write(`step ${step}\n`);
  if (mode === "kill" && step === at) process.kill(process.pid, "SIGKILL");
  if (mode === "hold" && step === at) {
    process.stdout.write(`held ${step}\n`);
    while (!existsSync(file!)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}
publishSteps.onStep = onStep;


const target = resolveOutput(out);
const generation = createGeneration(target);
onStep("staging");
writeFakeOutput(generation, label);
onStep("staged");
publishGeneration(target, generation);
