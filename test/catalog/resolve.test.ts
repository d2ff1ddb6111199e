import { CLOUDS } from "../../lib/spec/clouds";
import {
  ACCELERATOR_IDS,
  ACCELERATORS,
  acceleratorsOn,
  getAccelerator,
  nearestAlternative,
  nearestCount,
  offeredCounts,
  resolveAccelerator,
} from "../../lib/catalog";

describe("resolveAccelerator", () => {
  it("resolves an offered count to its node shape and the cloud's GPU name", () => {
    const aws = resolveAccelerator("aws", "nvidia-l4", 1);
    expect(aws).toEqual({ ok: true, offer: ACCELERATORS["nvidia-l4"].aws?.offers[0], acceleratorName: "L4" });
    const gcp = resolveAccelerator("gcp", "nvidia-h100-80gb", 8);
    expect(gcp.ok && gcp.offer.instanceType).toBe("a3-highgpu-8g");
    expect(gcp.ok && gcp.acceleratorName).toBe("nvidia-h100-80gb");
  });

  it("fails when the count is not offered, naming the offered counts and the nearest", () => {
    expect(resolveAccelerator("gcp", "nvidia-h100-80gb", 3)).toEqual({
      ok: false,
      message: "3 is not offered for nvidia-h100-80gb on gcp (offered: 1, 2, 4, 8); nearest: 4",
      offered: [1, 2, 4, 8],
      nearest: "4",
    });
  });

  it("fails when the count is above every offer, pointing at the largest", () => {
    const r = resolveAccelerator("aws", "nvidia-l4", 16);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe("16 is not offered for nvidia-l4 on aws (offered: 1, 4, 8); nearest: 8");
  });

  it("fails when AWS is asked for 2 GPUs of a family that skips from 1 to 4", () => {
    const r = resolveAccelerator("aws", "nvidia-a10g", 2);
    expect(!r.ok && r.offered).toEqual([1, 4, 8]);
    expect(!r.ok && r.nearest).toBe("1");
  });

  it.each([0, -2, 1.5, Number.NaN])("fails when the count is %p, which is not a positive whole number", (n) => {
    const r = resolveAccelerator("gcp", "nvidia-l4", n);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(`${n} is not a valid GPU count`);
    expect(!r.ok && r.message).toContain("(offered: 1, 2, 4, 8)");
    expect(!r.ok && r.offered).toEqual([1, 2, 4, 8]);
  });

  it("fails when the accelerator is not offered on the cloud, naming what is and the nearest alternative", () => {
    const r = resolveAccelerator("gcp", "nvidia-a10g", 1);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const onGcp = ACCELERATOR_IDS.filter((id) => offeredCounts("gcp", id).length > 0);
    expect(r.message).toBe(
      `nvidia-a10g is not offered on gcp (offered on gcp: ${onGcp.join(", ")}); nearest alternative: nvidia-l4 (24 GiB)`,
    );
    expect(r.nearest).toBe("nvidia-l4");
    expect(r.offered).toEqual([]);
  });

  it("fails when L40S is asked of GCP, suggesting the GPU nearest its 48 GiB", () => {
    const r = resolveAccelerator("gcp", "nvidia-l40s", 1);
    expect(!r.ok && r.message).toMatch(/; nearest alternative: nvidia-a100-40gb \(40 GiB\)$/);
  });

  it("fails when the id is unknown, listing every known id", () => {
    const r = resolveAccelerator("aws", "nvidia-x", 1);
    expect(r).toEqual({
      ok: false,
      message: `"nvidia-x" is not a known accelerator (known: ${ACCELERATOR_IDS.join(", ")})`,
      offered: [],
    });
  });

  it.each(["NVIDIA-L4", "l4", "nvidia-l4 ", "toString", "constructor", ""])(
    "fails when the id is %p: ids match exactly, with no normalisation",
    (id) => {
      expect(getAccelerator(id)).toBeUndefined();
      const r = resolveAccelerator("aws", id, 1);
      expect(!r.ok && r.message).toContain(`${JSON.stringify(id)} is not a known accelerator`);
    },
  );

  it("never substitutes: success returns exactly the requested count, failure returns no offer", () => {
    for (const cloud of CLOUDS) {
      for (const id of ACCELERATOR_IDS) {
        const offered = offeredCounts(cloud, id);
        for (let n = 0; n <= 17; n++) {
          const r = resolveAccelerator(cloud, id, n);
          if (r.ok) {
            expect(r.offer.gpusPerNode).toBe(n);
            expect(offered).toContain(n);
          } else {
            expect(offered).not.toContain(n);
            expect("offer" in r).toBe(false);
            expect(r.offered).toEqual(offered);
          }
        }
      }
    }
  });
});

describe("nearest suggestions", () => {
  it("picks the nearest count, breaking ties upward", () => {
    expect(nearestCount([1, 2, 4, 8], 3)).toBe(4);
    expect(nearestCount([1, 4, 8], 6)).toBe(8);
    expect(nearestCount([1, 4, 8], 5)).toBe(4);
    expect(nearestCount([8], 1)).toBe(8);
    expect(nearestCount([], 3)).toBeUndefined();
    expect(nearestCount([1, 2], Number.NaN)).toBeUndefined();
  });

  it("suggests, for every accelerator missing from a cloud, an offered one with no other strictly closer in memory", () => {
    for (const cloud of CLOUDS) {
      const available = acceleratorsOn(cloud);
      for (const id of ACCELERATOR_IDS) {
        if (available.includes(id)) continue;
        const alt = nearestAlternative(cloud, id);
        expect(alt).toBeDefined();
        if (alt === undefined) continue;
        expect(available).toContain(alt.id);
        const gap = Math.abs(alt.memoryGiB - ACCELERATORS[id].memoryGiB);
        for (const other of available) {
          expect(Math.abs(ACCELERATORS[other].memoryGiB - ACCELERATORS[id].memoryGiB)).toBeGreaterThanOrEqual(gap);
        }
        // deterministic: asking again gives the same answer
        expect(nearestAlternative(cloud, id)?.id).toBe(alt.id);
      }
    }
  });

  it("breaks a memory tie by the nearer architecture generation", () => {
    // From the T4 (Turing, 16 GiB), the A10G (Ampere) and the L4 (Ada) are both 8 GiB away on AWS;
    // Ampere is one generation from Turing, Ada two.
    const t4 = ACCELERATORS["nvidia-t4"];
    const [a10g, l4] = [ACCELERATORS["nvidia-a10g"], ACCELERATORS["nvidia-l4"]];
    expect(Math.abs(a10g.memoryGiB - t4.memoryGiB)).toBe(Math.abs(l4.memoryGiB - t4.memoryGiB));
    expect(nearestAlternative("aws", "nvidia-t4")?.id).toBe("nvidia-a10g");
    // GCP has no A10G, so the same question there lands on the L4.
    expect(nearestAlternative("gcp", "nvidia-t4")?.id).toBe("nvidia-l4");
  });
});
