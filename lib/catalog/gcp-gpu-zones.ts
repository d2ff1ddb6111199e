/**
 * Which zones of a GCP region offer each catalogued accelerator, so a GPU node pool of a
 * regional GKE cluster is placed (`node_locations`) only where its machine type exists.
 * A pool placed in a zone without the machine type fails at apply time with a
 * "machine type not found" error; this table turns that into a synth-time error.
 *
 * Sources:
 *   Google's own page, the authority to re-check against ("GPU regions and zones"):
 *     https://cloud.google.com/compute/docs/gpus/gpu-regions-zones
 *   The rows below were read from a snapshot of Compute Engine's machine-type list as
 *   captured in SkyPilot's GCP catalogue (rows `InstanceType, …, Region, AvailabilityZone`),
 *   because the stored copy of Google's page was not available here:
 *     https://github.com/skypilot-org/skypilot-catalog/blob/master/catalogs/v7/gcp/vms.csv
 *     (commit 017e2502fb63c7a28757acd94002b2d6099d3e3d)
 *
 * What was checked, per accelerator:
 *   - nvidia-l4: machine rows g2-standard-12/-16/-24/-32 (identical zone sets). The
 *     catalogued shapes g2-standard-4/-48/-96 are assumed to share the G2 family's zones
 *     (UNVERIFIED row by row).
 *   - nvidia-tesla-t4: accelerator rows `T4` with 4 GPUs, from asia-south1 on; regions
 *     before it in the file (asia-east1, asia-northeast1/3, …) were not read and are left
 *     out (UNVERIFIED), so a T4 pool there fails with "not in the table".
 *   - nvidia-tesla-a100 (40GB): a2-highgpu-1g..8g rows; a2-megagpu-16g (16 GPUs) is
 *     offered in fewer zones and has its own entry in MACHINE_OVERRIDES.
 *   - nvidia-a100-80gb: a2-ultragpu-1g..8g rows.
 *   - nvidia-h100-80gb: a3-highgpu-8g rows. a3-highgpu-1g/2g/4g are also offered in
 *     europe-west8-c (MACHINE_OVERRIDES).
 *   - nvidia-h200-141gb: a3-ultragpu-8g rows.
 *
 * Zones are listed as their letters. Capacity is not availability: a listed zone can
 * still have no free GPUs (stockout); that surfaces at scale-up, not here.
 */
import type { AcceleratorId } from "./accelerators";

type RegionZones = Readonly<Record<string, readonly string[]>>;

/** Accelerator -> region -> zone letters that offer it (see the file header for sources). */
export const GPU_ZONES: Readonly<Partial<Record<AcceleratorId, RegionZones>>> = {
  "nvidia-l4": {
    "asia-east1": ["a", "b", "c"],
    "asia-northeast1": ["a", "b", "c"],
    "asia-northeast3": ["a", "b"],
    "asia-south1": ["a", "b", "c"],
    "asia-southeast1": ["a", "b", "c"],
    "europe-west1": ["b", "c"],
    "europe-west2": ["a", "b"],
    "europe-west3": ["a", "b"],
    "europe-west4": ["a", "b", "c"],
    "europe-west6": ["b", "c"],
    "me-central2": ["a", "c"],
    "northamerica-northeast1": ["b"],
    "northamerica-northeast2": ["a", "b"],
    "us-central1": ["a", "b", "c"],
    "us-east1": ["b", "c", "d"],
    "us-east4": ["a", "c"],
    "us-west1": ["a", "b", "c"],
    "us-west4": ["a", "c"],
  },
  "nvidia-t4": {
    "asia-south1": ["a", "b"],
    "asia-southeast1": ["a", "b", "c"],
    "asia-southeast2": ["a", "b"],
    "australia-southeast1": ["a", "c"],
    "europe-central2": ["b", "c"],
    "europe-west1": ["b", "c", "d"],
    "europe-west2": ["a", "b"],
    "europe-west3": ["b"],
    "europe-west4": ["a", "b", "c"],
    "me-west1": ["b", "c"],
    "northamerica-northeast1": ["c"],
    "southamerica-east1": ["a", "c"],
    "us-central1": ["a", "b", "c", "f"],
    "us-east1": ["c", "d"],
    "us-east4": ["a", "b", "c"],
    "us-west1": ["a", "b"],
    "us-west2": ["b", "c"],
    "us-west3": ["b"],
    "us-west4": ["a", "b"],
  },
  "nvidia-a100-40gb": {
    "asia-northeast1": ["a", "c"],
    "asia-northeast3": ["a", "b"],
    "asia-southeast1": ["b", "c"],
    "europe-west4": ["a", "b"],
    "me-west1": ["a", "c"],
    "us-central1": ["a", "b", "c", "f"],
    "us-east1": ["b"],
    "us-west1": ["b"],
    "us-west3": ["b"],
    "us-west4": ["b"],
  },
  "nvidia-a100-80gb": {
    "asia-southeast1": ["c"],
    "europe-west4": ["a"],
    "us-central1": ["a", "c"],
    "us-east4": ["c"],
    "us-east5": ["a", "b"],
  },
  "nvidia-h100-80gb": {
    "asia-east1": ["c"],
    "asia-northeast1": ["b"],
    "asia-south1": ["c"],
    "asia-southeast1": ["b", "c"],
    "australia-southeast1": ["c"],
    "europe-north1": ["c"],
    "europe-west1": ["b", "c"],
    "europe-west3": ["c"],
    "europe-west4": ["b", "c"],
    "us-central1": ["a", "b", "c"],
    "us-east4": ["a", "b", "c"],
    "us-east5": ["a"],
    "us-west1": ["a", "b"],
    "us-west4": ["a"],
  },
  "nvidia-h200-141gb": {
    "asia-south1": ["b"],
    "asia-south2": ["c"],
    "europe-west1": ["b"],
    "europe-west4": ["a"],
    "us-central1": ["b"],
    "us-east4": ["b"],
    "us-east5": ["a"],
    "us-south1": ["b"],
    "us-west1": ["c"],
  },
};

const H100_SMALL: RegionZones = { ...GPU_ZONES["nvidia-h100-80gb"], "europe-west8": ["c"] };

/** Machine types whose zones differ from their accelerator's row (same sources). */
export const MACHINE_OVERRIDES: Readonly<Record<string, RegionZones>> = {
  "a2-megagpu-16g": {
    "asia-southeast1": ["c"],
    "europe-west4": ["a", "b"],
    "us-central1": ["a", "b", "c", "f"],
  },
  "a3-highgpu-1g": H100_SMALL,
  "a3-highgpu-2g": H100_SMALL,
  "a3-highgpu-4g": H100_SMALL,
};

/** Where a GPU machine type can run in a region. */
export type GpuZoneLookup =
  | { readonly ok: true; readonly zones: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * The zones (full names, e.g. `europe-west4-b`, sorted) of `region` that offer
 * `machineType` with `accelerator`, or a message naming the regions that do.
 */
export function gpuZones(accelerator: AcceleratorId, machineType: string, region: string): GpuZoneLookup {
  const table = MACHINE_OVERRIDES[machineType] ?? GPU_ZONES[accelerator];
  if (table === undefined) {
    return { ok: false, message: `${accelerator} has no zone table on gcp (lib/catalog/gcp-gpu-zones.ts)` };
  }
  const letters = table[region];
  if (letters === undefined || letters.length === 0) {
    const regions = Object.keys(table).sort();
    return {
      ok: false,
      message:
        `${accelerator} (${machineType}) is not offered in any zone of ${region} ` +
        `according to lib/catalog/gcp-gpu-zones.ts (regions that offer it: ${regions.join(", ")}); ` +
        "pick one of those regions or another accelerator, or extend the table if Google has added the region",
    };
  }
  return { ok: true, zones: [...letters].sort().map((l) => `${region}-${l}`) };
}
