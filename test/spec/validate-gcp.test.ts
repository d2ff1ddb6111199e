import { validateSpec } from "../../lib/spec/validate";
import type { SpecProblem } from "../../lib/spec/problems";
import { validInput } from "./fixtures";

/** The problems at `path` of a spec (none when it is valid). */
function problemsAt(input: unknown, path: string): SpecProblem[] {
  const result = validateSpec(input);
  return result.ok ? [] : result.problems.filter((p) => p.path === path);
}

describe("validateSpec: gcp targets", () => {
  test("fails when the system pool cannot start with one node per zone inside maxNodes", () => {
    const input = { ...validInput(), cluster: { system: { size: "medium", minNodes: 1, maxNodes: 2 } } };
    const [problem, ...rest] = problemsAt(input, "cluster.system.maxNodes");
    expect(rest).toEqual([]);
    expect(problem!.message).toContain("2 is less than the 3 nodes a regional GKE pool over 3 zones starts with");
  });

  test("GIVEN two zones WHEN maxNodes is 2 THEN the system pool fits", () => {
    const input = { ...validInput(), network: { cidr: "10.20.0.0/16", zones: 2 }, cluster: { system: { size: "medium", minNodes: 1, maxNodes: 2 } } };
    expect(problemsAt(input, "cluster.system.maxNodes")).toEqual([]);
  });
});
