import { validateSpec } from "../lib/spec/validate";
import { awsOnlySpec, scaledSpec } from "../bench/specs";

const EXAMPLE = "examples/acme-ml-eu.yaml";

describe("the benchmark's specs", () => {
  test.each([1, 300])("%i teams with 20 GPU pools is a valid spec on both clouds", (teams) => {
    const result = validateSpec(scaledSpec(EXAMPLE, teams, 20));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.spec.teams).toHaveLength(teams);
    expect(result.spec.gpuPools).toHaveLength(20);
    expect(result.spec.targets.map((t) => t.cloud)).toEqual(["aws", "gcp"]);
  });

  test("the AWS-only example is valid and targets AWS only", () => {
    const result = validateSpec(awsOnlySpec(EXAMPLE));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (result.ok) expect(result.spec.targets.map((t) => t.cloud)).toEqual(["aws"]);
  });
});
