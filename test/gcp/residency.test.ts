import { checkResidency } from "../../lib/residency/pinning";
import { gcpSpec, synthPlatform, type TfJson } from "./helpers";

describe("GcpPlatform residency", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  test("GIVEN the EU example WHEN synthesized THEN every location (region, zones, key ring, buckets, datasets) is inside the EU", () => {
    expect(checkResidency("test", json as unknown as Record<string, unknown>, "eu")).toEqual([]);
  });
});
