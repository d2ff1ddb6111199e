/**
 * Accelerator and machine-size catalogue: which GPU node shapes and system
 * node shapes each cloud offers, and resolution of a cloud-neutral request to
 * one of them (or a problem message, never a silent substitution).
 */
export {
  ACCELERATOR_IDS,
  ACCELERATORS,
  ARCHITECTURE_GENERATION,
  GPU_ARCHITECTURES,
  type AcceleratorId,
  type AcceleratorInfo,
  type CloudAccelerator,
  type GpuArchitecture,
  type InstanceOffer,
} from "./accelerators";
export { MACHINE_SIZES, isMachineSize, machineForSize, type MachineSize, type MachineType } from "./machines";
export {
  acceleratorsOn,
  getAccelerator,
  isAcceleratorId,
  nearestAlternative,
  nearestCount,
  offeredCounts,
  resolveAccelerator,
  type AcceleratorResolution,
} from "./resolve";
export { GPU_ZONES, gpuZones, type GpuZoneLookup } from "./gcp-gpu-zones";
