/** Jest transpiles only (swc); type-checking runs once, with tsc, before jest. */
module.exports = {
  testEnvironment: "node",
  // Synthesis is CPU-bound and each worker loads provider classes once: use every core
  // (jest would otherwise leave one idle).
  maxWorkers: "100%",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
};
