import type { Cloud } from "../spec/clouds";

/** Size classes for the system (non-GPU) node pool, smallest first. */
export const MACHINE_SIZES = ["small", "medium", "large"] as const;

/** A system node-pool size class. */
export type MachineSize = (typeof MACHINE_SIZES)[number];

/** A general-purpose node shape. */
export interface MachineType {
  /** AWS instance type or GCP machine type. */
  readonly instanceType: string;
  readonly vcpus: number;
  /** Memory in GiB (GCP's "GB" in its machine-type tables is 2^30 bytes). */
  readonly memoryGiB: number;
}

/*
 * One general-purpose family per cloud, picked so that each size has the same
 * vCPUs and memory on both clouds (4 GiB per vCPU):
 *
 *   small  = 2 vCPUs,  8 GiB: m7i.large   | n2-standard-2
 *   medium = 4 vCPUs, 16 GiB: m7i.xlarge  | n2-standard-4
 *   large  = 8 vCPUs, 32 GiB: m7i.2xlarge | n2-standard-8
 *
 * Why these families:
 *   - Both are fixed-performance x86 (Intel) VMs: no CPU credits or bursting
 *     (AWS t3/t4g, m7i-flex) and no shared-core or overcommitted CPU (GCP e2
 *     runs on dynamic resource management), so system pods such as CoreDNS,
 *     the CNI, metrics and the GPU operator get the same steady CPU on both
 *     clouds.
 *   - Both are x86, so the same container images run on both without needing
 *     multi-arch builds (Graviton m7g / Axion c4a are Arm).
 *   - Both use the standard 1 vCPU : 4 GiB ratio, so sizes match exactly.
 *
 * Sources:
 *   AWS general purpose instances (M7i: large = 2 vCPUs / 8 GiB, doubling per size):
 *     https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html
 *   GCP general-purpose machine family (N2 standard: 4 GB per vCPU):
 *     https://cloud.google.com/compute/docs/general-purpose-machines#n2_machines
 *   n2-standard-16 = 16 vCPUs / 64 GB checked in SkyPilot's GCP catalogue
 *   (https://github.com/skypilot-org/skypilot-catalog/blob/master/catalogs/v7/gcp/vms.csv);
 *   the m7i rows follow the M-family sizing and were not checked row by row (UNVERIFIED).
 */
const MACHINES: Readonly<Record<Cloud, Readonly<Record<MachineSize, MachineType>>>> = {
  aws: {
    small: { instanceType: "m7i.large", vcpus: 2, memoryGiB: 8 },
    medium: { instanceType: "m7i.xlarge", vcpus: 4, memoryGiB: 16 },
    large: { instanceType: "m7i.2xlarge", vcpus: 8, memoryGiB: 32 },
  },
  gcp: {
    small: { instanceType: "n2-standard-2", vcpus: 2, memoryGiB: 8 },
    medium: { instanceType: "n2-standard-4", vcpus: 4, memoryGiB: 16 },
    large: { instanceType: "n2-standard-8", vcpus: 8, memoryGiB: 32 },
  },
};

/** The general-purpose machine type for a system node-pool size class on a cloud. */
export function machineForSize(cloud: Cloud, size: MachineSize): MachineType {
  return MACHINES[cloud][size];
}

/** True when `value` names a size class. */
export function isMachineSize(value: string): value is MachineSize {
  return (MACHINE_SIZES as readonly string[]).includes(value);
}
