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

describe("validateSpec: GPU shapes GCP sells only as spot or flex-start", () => {
  const withPool = (pool: Record<string, unknown>) => ({ ...validInput(), gpuPools: [pool] });

  test("fails when an a3-highgpu-1g pool (H100 x1) is on demand", () => {
    const [problem] = problemsAt(withPool({ name: "h1", accelerator: "nvidia-h100-80gb", gpusPerNode: 1, maxNodes: 2 }), "gpuPools[0].spot");
    expect(problem!.message).toContain("GCP sells a3-highgpu-1g (nvidia-h100-80gb x1) only as spot or flex-start");
    expect(problem!.message).toContain("set spot: true, or gpusPerNode: 8 (a3-highgpu-8g is sold on demand)");
  });

  test("GIVEN spot: true THEN the small H100 shape validates", () => {
    expect(problemsAt(withPool({ name: "h1", accelerator: "nvidia-h100-80gb", gpusPerNode: 2, maxNodes: 2, spot: true }), "gpuPools[0].spot")).toEqual([]);
  });

  test("GIVEN the 8-GPU shape on demand THEN it validates", () => {
    expect(problemsAt(withPool({ name: "h8", accelerator: "nvidia-h100-80gb", gpusPerNode: 8, maxNodes: 2 }), "gpuPools[0].spot")).toEqual([]);
  });
});
