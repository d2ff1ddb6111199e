import { ACCELERATOR_IDS, acceleratorsOn } from "../../lib/catalog";
import { GPU_ZONES, gpuZones } from "../../lib/catalog";

describe("gpuZones", () => {
  test("GIVEN L4 in europe-west4 THEN all three zones offer it", () => {
    expect(gpuZones("nvidia-l4", "g2-standard-4", "europe-west4")).toEqual({
      ok: true,
      zones: ["europe-west4-a", "europe-west4-b", "europe-west4-c"],
    });
  });

  test("GIVEN H100 in europe-west4 THEN only zones b and c offer it", () => {
    expect(gpuZones("nvidia-h100-80gb", "a3-highgpu-8g", "europe-west4")).toEqual({ ok: true, zones: ["europe-west4-b", "europe-west4-c"] });
  });

  test("GIVEN a machine with its own row THEN its zones win over the accelerator's", () => {
    const mega = gpuZones("nvidia-a100-40gb", "a2-megagpu-16g", "me-west1");
    expect(mega.ok).toBe(false);
    expect(gpuZones("nvidia-a100-40gb", "a2-highgpu-8g", "me-west1").ok).toBe(true);
  });

  test("fails when the region offers no zone with the accelerator, naming the regions that do", () => {
    const result = gpuZones("nvidia-h200-141gb", "a3-ultragpu-8g", "europe-west3");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/nvidia-h200-141gb \(a3-ultragpu-8g\) is not offered in any zone of europe-west3/);
    expect(!result.ok && result.message).toMatch(/europe-west1, europe-west4/);
  });

  test("every accelerator GCP offers has a zone table, and every zone letter is a single letter", () => {
    for (const id of acceleratorsOn("gcp")) expect(GPU_ZONES[id]).toBeDefined();
    for (const id of ACCELERATOR_IDS) {
      for (const letters of Object.values(GPU_ZONES[id] ?? {})) for (const l of letters) expect(l).toMatch(/^[a-z]$/);
    }
  });
});
