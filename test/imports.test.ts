import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * A provider's barrel (`@cdktf/provider-aws`) loads every resource class: seconds and
 * about a gigabyte per process. Only deep imports (`@cdktf/provider-aws/lib/s3-bucket`).
 */
const ROOTS = ["lib", "stacks", "examples", "test", "bench", "main.ts"];
const BARREL = /(?:from\s+|require\(\s*|import\(\s*)["'](@cdktf\/provider-[a-z0-9-]+)(?:\/lib)?(?:\/index(?:\.js)?)?["']/g;

function sources(path: string): string[] {
  if (statSync(path).isFile()) return /\.(ts|js|mjs|cjs)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((entry) => (entry === "node_modules" ? [] : sources(join(path, entry))));
}

describe("provider imports", () => {
  const files = ROOTS.flatMap((root) => {
    try {
      return sources(root);
    } catch {
      return [];
    }
  });

  test("the scan sees the library's sources", () => {
    expect(files).toContain(join("lib", "spec", "schema.ts"));
  });

  test("no file imports a provider package's barrel", () => {
    const offenders = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(BARREL)].map((m) => `${file}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });

  test("the pattern catches a barrel import and spares a deep one", () => {
    const pkg = (cloud: string) => ["@cdktf", `provider-${cloud}`].join("/");
    const sample = [
      `import * as aws from "${pkg("aws")}";`,
      `import { S3Bucket } from "${pkg("aws")}/lib/s3-bucket";`,
      `const g = require("${pkg("google")}/lib");`,
    ].join("\n");
    expect([...sample.matchAll(BARREL)].map((m) => m[1])).toEqual(["@cdktf/provider-aws", "@cdktf/provider-google"]);
  });
});
