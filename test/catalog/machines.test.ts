import { CLOUDS } from "../../lib/spec/clouds";
import { MACHINE_SIZES, isMachineSize, machineForSize } from "../../lib/catalog";

describe("machineForSize", () => {
  it("grows strictly in vCPUs and memory from small to large on every cloud", () => {
    for (const cloud of CLOUDS) {
      const shapes = MACHINE_SIZES.map((size) => machineForSize(cloud, size));
      for (let i = 1; i < shapes.length; i++) {
        const [prev, cur] = [shapes[i - 1], shapes[i]];
        expect(cur && prev && cur.vcpus > prev.vcpus).toBe(true);
        expect(cur && prev && cur.memoryGiB > prev.memoryGiB).toBe(true);
      }
    }
  });

  it("gives each size the same vCPUs and memory on every cloud", () => {
    for (const size of MACHINE_SIZES) {
      const shapes = CLOUDS.map((cloud) => machineForSize(cloud, size));
      const [first, ...rest] = shapes;
      for (const shape of rest) {
        expect({ size, vcpus: shape.vcpus, memoryGiB: shape.memoryGiB }).toEqual({
          size,
          vcpus: first?.vcpus,
          memoryGiB: first?.memoryGiB,
        });
      }
    }
  });

  it("uses one general-purpose family per cloud, a different type per size", () => {
    const family = { aws: (t: string) => t.split(".")[0], gcp: (t: string) => t.replace(/-\d+$/, "") } as const;
    for (const cloud of CLOUDS) {
      const types = MACHINE_SIZES.map((size) => machineForSize(cloud, size).instanceType);
      expect(new Set(types).size).toBe(types.length);
      expect(new Set(types.map(family[cloud])).size).toBe(1);
    }
  });

  it("recognises only the three size names", () => {
    for (const size of MACHINE_SIZES) expect(isMachineSize(size)).toBe(true);
    for (const other of ["Small", "xlarge", "", "toString"]) expect(isMachineSize(other)).toBe(false);
  });
});
