import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadSpecFile } from "../lib/spec/load";

describe("examples", () => {
  const specs = readdirSync("examples").filter((f) => /\.(ya?ml|json)$/.test(f));

  test("there is a default example", () => {
    expect(specs).toContain("acme-ml-eu.yaml");
  });

  test.each(specs)("%s is a valid spec", (file) => {
    const loaded = loadSpecFile(join("examples", file));
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });
});
