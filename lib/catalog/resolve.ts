import type { Cloud } from "../spec/clouds";
import {
  ACCELERATOR_IDS,
  ACCELERATORS,
  ARCHITECTURE_GENERATION,
  type AcceleratorId,
  type AcceleratorInfo,
  type CloudAccelerator,
  type InstanceOffer,
} from "./accelerators";

/**
 * The outcome of resolving (cloud, accelerator, GPUs per node): the exact offer,
 * or a problem message that names what is offered and the nearest alternative.
 * A failed resolution never carries an offer: nothing is substituted silently.
 */
export type AcceleratorResolution =
  | { readonly ok: true; readonly offer: InstanceOffer; readonly acceleratorName: string }
  | { readonly ok: false; readonly message: string; readonly offered: readonly number[]; readonly nearest?: string };

/** True when `id` is one of {@link ACCELERATOR_IDS} (exact, case-sensitive). */
export function isAcceleratorId(id: string): id is AcceleratorId {
  return (ACCELERATOR_IDS as readonly string[]).includes(id);
}

/** The catalogue entry for `id`, or `undefined` when `id` is not an exact accelerator id. */
export function getAccelerator(id: string): AcceleratorInfo | undefined {
  return isAcceleratorId(id) ? ACCELERATORS[id] : undefined;
}

function onCloud(cloud: Cloud, info: AcceleratorInfo): CloudAccelerator | undefined {
  switch (cloud) {
    case "aws":
      return info.aws;
    case "gcp":
      return info.gcp;
  }
}

/** GPU counts per node offered for `id` on `cloud`, ascending; `[]` when the cloud does not offer it. */
export function offeredCounts(cloud: Cloud, id: AcceleratorId): readonly number[] {
  return onCloud(cloud, ACCELERATORS[id])?.offers.map((o) => o.gpusPerNode) ?? [];
}

/** Accelerator ids offered on `cloud`, in catalogue order. */
export function acceleratorsOn(cloud: Cloud): readonly AcceleratorId[] {
  return ACCELERATOR_IDS.filter((id) => offeredCounts(cloud, id).length > 0);
}

/**
 * The accelerator on `cloud` closest to `id`: least difference in GPU memory,
 * then least difference in architecture generation, then the newer generation,
 * then catalogue order. `undefined` only if the cloud offers no accelerator.
 */
export function nearestAlternative(cloud: Cloud, id: AcceleratorId): AcceleratorInfo | undefined {
  const target = ACCELERATORS[id];
  const targetGen = ARCHITECTURE_GENERATION[target.architecture];
  const candidates = acceleratorsOn(cloud)
    .filter((other) => other !== id)
    .map((other) => ACCELERATORS[other]);
  const key = (info: AcceleratorInfo): readonly number[] => {
    const gen = ARCHITECTURE_GENERATION[info.architecture];
    return [
      Math.abs(info.memoryGiB - target.memoryGiB),
      Math.abs(gen - targetGen),
      -gen,
      ACCELERATOR_IDS.indexOf(info.id),
    ];
  };
  let best: AcceleratorInfo | undefined;
  for (const candidate of candidates) {
    if (best === undefined || compareKeys(key(candidate), key(best)) < 0) {
      best = candidate;
    }
  }
  return best;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The offered count closest to `wanted`; on a tie, the larger. `undefined` for an empty list or a non-finite `wanted`. */
export function nearestCount(offered: readonly number[], wanted: number): number | undefined {
  if (!Number.isFinite(wanted)) return undefined;
  let best: number | undefined;
  for (const n of offered) {
    if (best === undefined) {
      best = n;
      continue;
    }
    const d = Math.abs(n - wanted);
    const bestD = Math.abs(best - wanted);
    if (d < bestD || (d === bestD && n > best)) best = n;
  }
  return best;
}

/**
 * Resolve (cloud, accelerator, GPUs per node) to the catalogued node shape.
 *
 * Failure messages are meant to follow a field path supplied by the caller
 * (e.g. `gpuPools[1].gpusPerNode: `), and look like:
 * - `3 is not offered for nvidia-h100-80gb on gcp (offered: 1, 2, 4, 8); nearest: 4`
 * - `nvidia-a10g is not offered on gcp (offered on gcp: nvidia-t4, ...); nearest alternative: nvidia-l4 (24 GiB)`
 * - `"nvidia-x" is not a known accelerator (known: nvidia-t4, ...)`
 */
export function resolveAccelerator(cloud: Cloud, id: string, gpusPerNode: number): AcceleratorResolution {
  const info = getAccelerator(id);
  if (info === undefined) {
    return {
      ok: false,
      message: `${JSON.stringify(id)} is not a known accelerator (known: ${ACCELERATOR_IDS.join(", ")})`,
      offered: [],
    };
  }

  const cloudAccel = onCloud(cloud, info);
  if (cloudAccel === undefined) {
    const available = acceleratorsOn(cloud);
    const alt = nearestAlternative(cloud, info.id);
    const suffix = alt === undefined ? "" : `; nearest alternative: ${alt.id} (${alt.memoryGiB} GiB)`;
    return {
      ok: false,
      message: `${info.id} is not offered on ${cloud} (offered on ${cloud}: ${available.join(", ")})${suffix}`,
      offered: [],
      ...(alt === undefined ? {} : { nearest: alt.id }),
    };
  }

  const offered = cloudAccel.offers.map((o) => o.gpusPerNode);
  const match = cloudAccel.offers.find((o) => o.gpusPerNode === gpusPerNode);
  if (match !== undefined) {
    return { ok: true, offer: match, acceleratorName: cloudAccel.acceleratorName };
  }

  const nearest = nearestCount(offered, gpusPerNode);
  const nearestText = nearest === undefined ? "" : `; nearest: ${nearest}`;
  const head = Number.isInteger(gpusPerNode) && gpusPerNode > 0
    ? `${gpusPerNode} is not offered for ${info.id} on ${cloud}`
    : `${gpusPerNode} is not a valid GPU count (a positive whole number is needed) for ${info.id} on ${cloud}`;
  return {
    ok: false,
    message: `${head} (offered: ${offered.join(", ")})${nearestText}`,
    offered,
    ...(nearest === undefined ? {} : { nearest: String(nearest) }),
  };
}
