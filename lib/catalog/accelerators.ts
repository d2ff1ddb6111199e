/**
 * The accelerator catalogue: cloud-neutral GPU ids and, per cloud, the node
 * shapes (instance / machine types) that carry them.
 *
 * Every number here was checked against the sources cited beside its table,
 * except where a comment says `UNVERIFIED`. Facts drift: when a cloud adds or
 * retires a shape, change the table and its comment together.
 */

/** The cloud-neutral accelerator ids a spec may name. Ordered by architecture generation, then memory. */
export const ACCELERATOR_IDS = [
  "nvidia-t4",
  "nvidia-l4",
  "nvidia-a10g",
  "nvidia-l40s",
  "nvidia-a100-40gb",
  "nvidia-a100-80gb",
  "nvidia-h100-80gb",
  "nvidia-h200-141gb",
] as const;

/** A cloud-neutral accelerator id. */
export type AcceleratorId = (typeof ACCELERATOR_IDS)[number];

/** NVIDIA GPU architectures present in the catalogue. */
export const GPU_ARCHITECTURES = ["turing", "ampere", "ada-lovelace", "hopper"] as const;

/** An NVIDIA GPU architecture. */
export type GpuArchitecture = (typeof GPU_ARCHITECTURES)[number];

/**
 * Generation rank of each architecture (higher is newer). Ada Lovelace and
 * Hopper both shipped in 2022; Hopper ranks above as the data-centre successor
 * to Ampere. Used only to break ties deterministically.
 */
export const ARCHITECTURE_GENERATION: Readonly<Record<GpuArchitecture, number>> = {
  turing: 1,
  ampere: 2,
  "ada-lovelace": 3,
  hopper: 4,
};

/** One node shape: how many GPUs it carries and its host vCPUs and memory. */
export interface InstanceOffer {
  /** GPUs attached to one node of this shape. */
  readonly gpusPerNode: number;
  /** AWS instance type or GCP machine type. */
  readonly instanceType: string;
  /** Host vCPUs of the node. */
  readonly vcpus: number;
  /** Host memory of the node in GiB (GCP's "GB" in its machine-type tables is 2^30 bytes). */
  readonly memoryGiB: number;
  /**
   * AWS only: other instance types with the same GPUs (model and count), vCPUs and
   * memory, which a spot pool adds as more capacity pools. The cluster autoscaler builds
   * its node template from the first type of a group and asks for types of the same CPU
   * and memory ("the instance types should have the same amount of RAM and number of CPU
   * cores", cluster-autoscaler/cloudprovider/aws/README.md, "Using Mixed Instances
   * Policies and Spot Instances"), so only exact equals are listed.
   */
  readonly spotEquivalents?: readonly string[];
  /**
   * When the cloud sells the shape only through some provisioning models, those models
   * (`spot`, `flex-start`): an on-demand pool of it never gets a node.
   * @default - every model, on demand included
   */
  readonly obtainableAs?: readonly ("spot" | "flex-start")[];
}

/** How one cloud offers an accelerator. */
export interface CloudAccelerator {
  /**
   * The cloud's own name for the GPU: on AWS the name EC2 reports in
   * `DescribeInstanceTypes` (`GpuInfo.Gpus[].Name`); on GCP the accelerator
   * type used in `guest_accelerator` / node-pool `accelerator_config`.
   */
  readonly acceleratorName: string;
  /** Node shapes, one per GPU count, ascending by `gpusPerNode`. */
  readonly offers: readonly InstanceOffer[];
  /**
   * AWS only: the value of the `k8s.amazonaws.com/accelerator` node label, which the
   * cluster autoscaler reads to know a node has GPUs before the device plugin
   * advertises them. Upstream's known GPU types where it lists the model
   * (cluster-autoscaler/cloudprovider/aws/aws_cloud_provider.go, `availableGPUTypes`),
   * else the accelerator id; any value marks the node as a GPU node.
   */
  readonly autoscalerGpuType?: string;
}

/** Everything the catalogue knows about one accelerator. */
export interface AcceleratorInfo {
  readonly id: AcceleratorId;
  readonly displayName: string;
  /** Nominal GPU memory as marketed (GB on the data sheet); the usable amount the driver reports is slightly lower. */
  readonly memoryGiB: number;
  readonly architecture: GpuArchitecture;
  /** Present only for GPUs that support Multi-Instance GPU; lists the partition sizes GKE accepts. */
  readonly mig?: { readonly partitionSizes: readonly string[] };
  readonly aws?: CloudAccelerator;
  readonly gcp?: CloudAccelerator;
}

type BaseInfo = Omit<AcceleratorInfo, "id" | "aws" | "gcp">;

/** Sold only as Spot VMs or through flex-start (Dynamic Workload Scheduler). */
const SPOT_OR_FLEX: readonly ("spot" | "flex-start")[] = ["spot", "flex-start"];

function offer(gpusPerNode: number, instanceType: string, vcpus: number, memoryGiB: number, spotEquivalents?: readonly string[]): InstanceOffer {
  return { gpusPerNode, instanceType, vcpus, memoryGiB, ...(spotEquivalents ? { spotEquivalents } : {}) };
}

/*
 * GPU facts and MIG partition sizes.
 *
 * MIG partition sizes are the ones GKE's GPU device plugin accepts for
 * `gpu_partition_size` (its table of valid sizes and their per-GPU counts):
 *   https://github.com/GoogleCloudPlatform/container-engine-accelerators/blob/master/pkg/gpu/nvidia/mig/mig.go
 *   https://cloud.google.com/kubernetes-engine/docs/how-to/gpus-multi
 * GKE lists A100 40GB, A100 80GB, H100 80GB and H200 141GB as MIG-capable; T4,
 * L4, A10G and L40S do not support MIG. NVIDIA also defines 4g.* profiles for
 * A100/H100 (https://docs.nvidia.com/datacenter/tesla/mig-user-guide/), but
 * GKE's plugin does not accept them, so they are left out.
 */
const BASE: Readonly<Record<AcceleratorId, BaseInfo>> = {
  "nvidia-t4": { displayName: "NVIDIA T4", memoryGiB: 16, architecture: "turing" },
  "nvidia-l4": { displayName: "NVIDIA L4", memoryGiB: 24, architecture: "ada-lovelace" },
  "nvidia-a10g": { displayName: "NVIDIA A10G", memoryGiB: 24, architecture: "ampere" },
  "nvidia-l40s": { displayName: "NVIDIA L40S", memoryGiB: 48, architecture: "ada-lovelace" },
  "nvidia-a100-40gb": {
    displayName: "NVIDIA A100 40GB",
    memoryGiB: 40,
    architecture: "ampere",
    mig: { partitionSizes: ["1g.5gb", "2g.10gb", "3g.20gb", "7g.40gb"] },
  },
  "nvidia-a100-80gb": {
    displayName: "NVIDIA A100 80GB",
    memoryGiB: 80,
    architecture: "ampere",
    mig: { partitionSizes: ["1g.10gb", "2g.20gb", "3g.40gb", "7g.80gb"] },
  },
  "nvidia-h100-80gb": {
    displayName: "NVIDIA H100 80GB",
    memoryGiB: 80,
    architecture: "hopper",
    mig: { partitionSizes: ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "7g.80gb"] },
  },
  "nvidia-h200-141gb": {
    displayName: "NVIDIA H200 141GB",
    memoryGiB: 141,
    architecture: "hopper",
    mig: { partitionSizes: ["1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"] },
  },
};

/*
 * AWS: for each GPU count, the smallest instance type of the family that has
 * exactly that many GPUs of the model. Sizes of a family with the same GPU
 * count but more vCPUs (g6.2xlarge..g6.16xlarge, g5.24xlarge, ...) are left out.
 *
 * Sources:
 *   Accelerated computing instance types (GPU counts, vCPUs, memory):
 *     https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html
 *   AWS Batch "GPU jobs" table (g4dn, g5, g6 rows checked: GPUs / vCPUs / memory):
 *     https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html
 *   EC2 DescribeInstanceTypes output as captured in SkyPilot's catalogue
 *   (g6, g6e, p4d, p4de, p5, p5e, p5en rows checked, including GpuInfo names):
 *     https://github.com/skypilot-org/skypilot-catalog/blob/master/catalogs/v7/aws/vms.csv
 *
 * Notes:
 *   - g4dn: 1/4/8 GPUs -> xlarge/12xlarge/metal. The 8-GPU g4dn.metal row
 *     (96 vCPUs, 384 GiB) is UNVERIFIED beyond its GPU count (RAPIDS' AWS page).
 *   - g6e: g6e.xlarge (4 vCPUs, 32 GiB) and g6e.12xlarge (48, 384) UNVERIFIED
 *     directly; g6e.2xlarge/4xlarge/16xlarge/24xlarge/48xlarge were checked and
 *     fit that sizing (8 GiB per vCPU, 4 GPUs at 24xlarge).
 *   - p4d.24xlarge = 8x A100 40GB; p4de.24xlarge = 8x A100 80GB. EC2 names both
 *     GPUs "A100" (only the per-GPU memory differs).
 *   - p5.4xlarge = 1x H100 (16 vCPUs, per SageMaker/EC2 listings); its 256 GiB
 *     memory is UNVERIFIED.
 *   - H200: p5e.48xlarge and p5en.48xlarge both carry 8x H200 (192 vCPUs,
 *     2048 GiB). p5en is listed: it is the newer shape and is sold on demand in
 *     more regions (p5e had no on-demand price in the catalogue snapshot).
 *   - No AWS family offers 2 GPUs of these models, so 2 is never offered on AWS.
 *   - Spot equivalents (same GPUs, vCPUs and memory): only p5e.48xlarge for
 *     p5en.48xlarge (both 8x H200, 192 vCPUs, 2048 GiB in the SkyPilot capture). Every
 *     other offer is the only type of its GPU model with its GPU count, vCPUs and
 *     memory (the larger sizes of a family add vCPUs and memory), so its spot pool
 *     stays on one type.
 */
const AWS_OFFERS: Readonly<Record<AcceleratorId, CloudAccelerator>> = {
  "nvidia-t4": {
    acceleratorName: "T4",
    autoscalerGpuType: "nvidia-tesla-t4",
    offers: [offer(1, "g4dn.xlarge", 4, 16), offer(4, "g4dn.12xlarge", 48, 192), offer(8, "g4dn.metal", 96, 384)],
  },
  "nvidia-l4": {
    acceleratorName: "L4",
    autoscalerGpuType: "nvidia-l4",
    offers: [offer(1, "g6.xlarge", 4, 16), offer(4, "g6.12xlarge", 48, 192), offer(8, "g6.48xlarge", 192, 768)],
  },
  "nvidia-a10g": {
    acceleratorName: "A10G",
    autoscalerGpuType: "nvidia-a10g",
    offers: [offer(1, "g5.xlarge", 4, 16), offer(4, "g5.12xlarge", 48, 192), offer(8, "g5.48xlarge", 192, 768)],
  },
  "nvidia-l40s": {
    acceleratorName: "L40S",
    autoscalerGpuType: "nvidia-l40s",
    offers: [offer(1, "g6e.xlarge", 4, 32), offer(4, "g6e.12xlarge", 48, 384), offer(8, "g6e.48xlarge", 192, 1536)],
  },
  "nvidia-a100-40gb": {
    acceleratorName: "A100",
    autoscalerGpuType: "nvidia-tesla-a100",
    offers: [offer(8, "p4d.24xlarge", 96, 1152)],
  },
  "nvidia-a100-80gb": {
    acceleratorName: "A100",
    autoscalerGpuType: "nvidia-tesla-a100",
    offers: [offer(8, "p4de.24xlarge", 96, 1152)],
  },
  "nvidia-h100-80gb": {
    acceleratorName: "H100",
    autoscalerGpuType: "nvidia-h100-80gb",
    offers: [offer(1, "p5.4xlarge", 16, 256), offer(8, "p5.48xlarge", 192, 2048)],
  },
  "nvidia-h200-141gb": {
    acceleratorName: "H200",
    autoscalerGpuType: "nvidia-h200-141gb",
    offers: [offer(8, "p5en.48xlarge", 192, 2048, ["p5e.48xlarge"])],
  },
};

/*
 * GCP: machine types per GPU count. Accelerator-optimized types (G2, A2, A3)
 * come with their GPUs attached; the T4 is attached to an N1 machine.
 *
 * Sources:
 *   GPU machine types (which GPU goes with which series, accelerator names):
 *     https://cloud.google.com/compute/docs/gpus
 *   Accelerator-optimized machine family (G2 / A2 / A3 shapes):
 *     https://cloud.google.com/compute/docs/accelerator-optimized-machines
 *   Compute Engine machine-type list as captured in SkyPilot's catalogue
 *   (a2-*, a3-highgpu-*, a3-ultragpu-8g, g2-standard-* rows checked):
 *     https://github.com/skypilot-org/skypilot-catalog/blob/master/catalogs/v7/gcp/vms.csv
 *
 * Notes:
 *   - T4 on N1 comes in 1, 2 or 4 GPUs per VM. The catalogue pairs each count
 *     with an n1-standard size of 4 vCPUs per GPU (n1-standard-4 / -8 / -16;
 *     3.75 GB per vCPU), mirroring AWS g4dn.xlarge's 4 vCPUs per T4. N1 allows
 *     up to 48 vCPUs with 1-2 T4s and 96 with 4, so larger hosts are possible;
 *     they are not catalogued.
 *   - L4: g2-standard-4 / -24 / -48 / -96 carry 1 / 2 / 4 / 8 GPUs
 *     (g2-standard-8/12/16/32 also carry 1 GPU with more vCPUs; left out).
 *   - A100 40GB: a2-highgpu-1g/2g/4g/8g and a2-megagpu-16g (16 GPUs).
 *   - A100 80GB: a2-ultragpu-1g/2g/4g/8g.
 *   - H100 80GB: a3-highgpu-1g/2g/4g/8g (26 vCPUs and 234 GB per GPU). Google
 *     documents the 1g/2g/4g shapes as obtainable only as Spot VMs or through
 *     flex-start (Dynamic Workload Scheduler), not on demand (UNVERIFIED for
 *     the current docs: the accelerator-optimized machines page could not be
 *     read in full here). The offers carry it as `obtainableAs`, and validation
 *     refuses an on-demand pool of them.
 *   - H200 141GB: a3-ultragpu-8g only (224 vCPUs, 2952 GB).
 *   - GCP has no A10G and no L40S (they are AWS-only here).
 */
const GCP_OFFERS: Readonly<Partial<Record<AcceleratorId, CloudAccelerator>>> = {
  "nvidia-t4": {
    acceleratorName: "nvidia-tesla-t4",
    offers: [offer(1, "n1-standard-4", 4, 15), offer(2, "n1-standard-8", 8, 30), offer(4, "n1-standard-16", 16, 60)],
  },
  "nvidia-l4": {
    acceleratorName: "nvidia-l4",
    offers: [
      offer(1, "g2-standard-4", 4, 16),
      offer(2, "g2-standard-24", 24, 96),
      offer(4, "g2-standard-48", 48, 192),
      offer(8, "g2-standard-96", 96, 384),
    ],
  },
  "nvidia-a100-40gb": {
    acceleratorName: "nvidia-tesla-a100",
    offers: [
      offer(1, "a2-highgpu-1g", 12, 85),
      offer(2, "a2-highgpu-2g", 24, 170),
      offer(4, "a2-highgpu-4g", 48, 340),
      offer(8, "a2-highgpu-8g", 96, 680),
      offer(16, "a2-megagpu-16g", 96, 1360),
    ],
  },
  "nvidia-a100-80gb": {
    acceleratorName: "nvidia-a100-80gb",
    offers: [
      offer(1, "a2-ultragpu-1g", 12, 170),
      offer(2, "a2-ultragpu-2g", 24, 340),
      offer(4, "a2-ultragpu-4g", 48, 680),
      offer(8, "a2-ultragpu-8g", 96, 1360),
    ],
  },
  "nvidia-h100-80gb": {
    acceleratorName: "nvidia-h100-80gb",
    offers: [
      { ...offer(1, "a3-highgpu-1g", 26, 234), obtainableAs: SPOT_OR_FLEX },
      { ...offer(2, "a3-highgpu-2g", 52, 468), obtainableAs: SPOT_OR_FLEX },
      { ...offer(4, "a3-highgpu-4g", 104, 936), obtainableAs: SPOT_OR_FLEX },
      offer(8, "a3-highgpu-8g", 208, 1872),
    ],
  },
  "nvidia-h200-141gb": {
    acceleratorName: "nvidia-h200-141gb",
    offers: [offer(8, "a3-ultragpu-8g", 224, 2952)],
  },
};

function build(id: AcceleratorId): AcceleratorInfo {
  const gcp = GCP_OFFERS[id];
  return { id, ...BASE[id], aws: AWS_OFFERS[id], ...(gcp ? { gcp } : {}) };
}

/** The full catalogue, keyed by accelerator id. */
export const ACCELERATORS: Readonly<Record<AcceleratorId, AcceleratorInfo>> = Object.freeze(
  Object.fromEntries(ACCELERATOR_IDS.map((id) => [id, build(id)])) as Record<AcceleratorId, AcceleratorInfo>,
);
