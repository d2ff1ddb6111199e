import { CLOUDS } from "../../lib/spec/clouds";
import {
  ACCELERATOR_IDS,
  ACCELERATORS,
  getAccelerator,
  offeredCounts,
  type CloudAccelerator,
} from "../../lib/catalog";

const cloudAccel = (cloud: (typeof CLOUDS)[number], id: (typeof ACCELERATOR_IDS)[number]): CloudAccelerator | undefined =>
  cloud === "aws" ? ACCELERATORS[id].aws : ACCELERATORS[id].gcp;

const offerFor = (cloud: (typeof CLOUDS)[number], id: (typeof ACCELERATOR_IDS)[number], gpus: number) =>
  cloudAccel(cloud, id)?.offers.find((o) => o.gpusPerNode === gpus);

describe("accelerator catalogue: documented examples", () => {
  it("maps one L4 to g6.xlarge on AWS and g2-standard-4 on GCP", () => {
    expect(offerFor("aws", "nvidia-l4", 1)?.instanceType).toBe("g6.xlarge");
    expect(offerFor("gcp", "nvidia-l4", 1)?.instanceType).toBe("g2-standard-4");
  });

  it("maps eight H100s to p5.48xlarge on AWS and a3-highgpu-8g on GCP", () => {
    expect(offerFor("aws", "nvidia-h100-80gb", 8)?.instanceType).toBe("p5.48xlarge");
    expect(offerFor("gcp", "nvidia-h100-80gb", 8)?.instanceType).toBe("a3-highgpu-8g");
  });

  it("uses the smallest g6 size for each L4 count on AWS", () => {
    expect(offerFor("aws", "nvidia-l4", 4)?.instanceType).toBe("g6.12xlarge");
    expect(offerFor("aws", "nvidia-l4", 8)?.instanceType).toBe("g6.48xlarge");
  });

  it("keeps the two A100 memory sizes on distinct AWS instance types", () => {
    expect(offerFor("aws", "nvidia-a100-40gb", 8)?.instanceType).toBe("p4d.24xlarge");
    expect(offerFor("aws", "nvidia-a100-80gb", 8)?.instanceType).toBe("p4de.24xlarge");
  });

  it("offers the H200 as eight per node on both clouds", () => {
    expect(offeredCounts("aws", "nvidia-h200-141gb")).toEqual([8]);
    expect(offeredCounts("gcp", "nvidia-h200-141gb")).toEqual([8]);
    expect(offerFor("gcp", "nvidia-h200-141gb", 8)?.instanceType).toBe("a3-ultragpu-8g");
  });

  it("attaches T4s to N1 on GCP in counts of 1, 2 and 4 only", () => {
    expect(offeredCounts("gcp", "nvidia-t4")).toEqual([1, 2, 4]);
    for (const o of ACCELERATORS["nvidia-t4"].gcp?.offers ?? []) {
      expect(o.instanceType).toMatch(/^n1-standard-\d+$/);
    }
  });

  it("uses the GCP accelerator type strings guest_accelerator expects", () => {
    expect(ACCELERATORS["nvidia-t4"].gcp?.acceleratorName).toBe("nvidia-tesla-t4");
    expect(ACCELERATORS["nvidia-a100-40gb"].gcp?.acceleratorName).toBe("nvidia-tesla-a100");
    expect(ACCELERATORS["nvidia-h200-141gb"].gcp?.acceleratorName).toBe("nvidia-h200-141gb");
  });

  it("offers A10G and L40S only on AWS", () => {
    for (const id of ["nvidia-a10g", "nvidia-l40s"] as const) {
      expect(ACCELERATORS[id].aws).toBeDefined();
      expect(ACCELERATORS[id].gcp).toBeUndefined();
      expect(offeredCounts("gcp", id)).toEqual([]);
    }
  });
});

describe("accelerator catalogue: structure", () => {
  it("has unique ids, each keyed to its own entry", () => {
    expect(new Set(ACCELERATOR_IDS).size).toBe(ACCELERATOR_IDS.length);
    expect(Object.keys(ACCELERATORS).sort()).toEqual([...ACCELERATOR_IDS].sort());
    for (const id of ACCELERATOR_IDS) {
      expect(ACCELERATORS[id].id).toBe(id);
      expect(getAccelerator(id)).toBe(ACCELERATORS[id]);
    }
  });

  it("offers every accelerator on at least one cloud", () => {
    for (const id of ACCELERATOR_IDS) {
      const clouds = CLOUDS.filter((c) => offeredCounts(c, id).length > 0);
      expect({ id, clouds: clouds.length > 0 }).toEqual({ id, clouds: true });
    }
  });

  it("lists each cloud's GPU counts as unique, ascending positive integers", () => {
    for (const cloud of CLOUDS) {
      for (const id of ACCELERATOR_IDS) {
        const counts = offeredCounts(cloud, id);
        for (const n of counts) expect(Number.isInteger(n) && n > 0).toBe(true);
        for (let i = 1; i < counts.length; i++) {
          expect({ cloud, id, ascending: (counts[i] ?? 0) > (counts[i - 1] ?? 0) }).toEqual({ cloud, id, ascending: true });
        }
      }
    }
  });

  it("gives more GPUs at least as many vCPUs and as much memory", () => {
    for (const cloud of CLOUDS) {
      for (const id of ACCELERATOR_IDS) {
        const offers = cloudAccel(cloud, id)?.offers ?? [];
        for (let i = 1; i < offers.length; i++) {
          const [prev, cur] = [offers[i - 1], offers[i]];
          expect(cur && prev && cur.vcpus >= prev.vcpus && cur.memoryGiB >= prev.memoryGiB).toBe(true);
        }
      }
    }
  });

  it("names every node shape in the cloud's own syntax, with positive vCPUs and memory", () => {
    const syntax = { aws: /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/, gcp: /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/ } as const;
    for (const cloud of CLOUDS) {
      for (const id of ACCELERATOR_IDS) {
        const accel = cloudAccel(cloud, id);
        if (accel === undefined) continue;
        expect(accel.acceleratorName.length).toBeGreaterThan(0);
        if (cloud === "gcp") expect(accel.acceleratorName).toMatch(/^nvidia-[a-z0-9-]+$/);
        for (const o of accel.offers) {
          expect(o.instanceType).toMatch(syntax[cloud]);
          expect(o.vcpus).toBeGreaterThan(0);
          expect(o.memoryGiB).toBeGreaterThan(0);
        }
      }
    }
  });

  it("never gives one node shape to two accelerators or two GPU counts", () => {
    for (const cloud of CLOUDS) {
      const seen = new Map<string, string>();
      for (const id of ACCELERATOR_IDS) {
        for (const o of cloudAccel(cloud, id)?.offers ?? []) {
          const owner = `${id} x${o.gpusPerNode}`;
          expect({ type: o.instanceType, owner: seen.get(o.instanceType) ?? owner }).toEqual({ type: o.instanceType, owner });
          seen.set(o.instanceType, owner);
        }
      }
    }
  });
});

describe("accelerator catalogue: MIG", () => {
  const MIG_CAPABLE = new Set(["nvidia-a100-40gb", "nvidia-a100-80gb", "nvidia-h100-80gb", "nvidia-h200-141gb"]);

  it("lists partitions only for MIG-capable GPUs (A100, H100, H200)", () => {
    for (const id of ACCELERATOR_IDS) {
      expect({ id, mig: ACCELERATORS[id].mig !== undefined }).toEqual({ id, mig: MIG_CAPABLE.has(id) });
    }
  });

  it("uses [compute]g.[memory]gb partitions that fit the GPU", () => {
    for (const id of ACCELERATOR_IDS) {
      const info = ACCELERATORS[id];
      const sizes = info.mig?.partitionSizes ?? [];
      if (info.mig) expect(sizes.length).toBeGreaterThan(0);
      expect(new Set(sizes).size).toBe(sizes.length);
      for (const size of sizes) {
        const m = /^(\d)g\.(\d+)gb$/.exec(size);
        expect(m).not.toBeNull();
        const [compute, memory] = [Number(m?.[1]), Number(m?.[2])];
        expect(compute).toBeGreaterThanOrEqual(1);
        expect(compute).toBeLessThanOrEqual(7);
        expect(memory).toBeLessThanOrEqual(info.memoryGiB);
      }
      // the whole-GPU partition exists and carries the GPU's full memory
      if (info.mig) expect(sizes).toContain(`7g.${info.memoryGiB}gb`);
    }
  });
});
