import { readFileSync } from "node:fs";
import { withReference } from "../lib/spec/reference";

describe("README", () => {
  const readme = readFileSync("README.md", "utf8");
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };

  test("its spec reference and accelerator table are the ones generated from the code (run `npm run docs`)", () => {
    expect(readme).toBe(withReference(readme));
  });

  test("gives the install-and-synthesize command and the test command", () => {
    expect(readme).toContain("npm ci && npm run synth");
    expect(readme).toContain("npm test");
    expect(pkg.scripts.synth).toContain("synth examples/acme-ml-eu.yaml");
  });

  test("CI runs exactly the README's test command", () => {
    const ci = readFileSync(".ci/run", "utf8");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  test("every `npm run X` it mentions exists", () => {
    const named = [...readme.matchAll(/npm run (?:-s )?([a-z:-]+)/g)].map((m) => m[1]!);
    expect(named.filter((s) => !(s in pkg.scripts))).toEqual([]);
  });
});
