import { allAt, at, block, strings } from "../../json";
import type { Json, Resource } from "../../model";
import { hasAcceleratorLabel, isGcpGpuMachine } from "../util";

/** The node_config of a node pool (or of a cluster's default pool). */
export function nodeConfig(resource: Resource): Json | undefined {
  return block(resource.attributes["node_config"]);
}

/** True when a node pool has GPUs (guest accelerators, a GPU machine family or an accelerator label). */
export function isGpuPool(pool: Resource): boolean {
  const config = nodeConfig(pool);
  if (config === undefined) return false;
  return (
    allAt(config, "guest_accelerator").length > 0 ||
    strings(config["machine_type"]).some(isGcpGpuMachine) ||
    hasAcceleratorLabel(config["labels"])
  );
}

/** The value at a path of the node pool's node_config. */
export function nodeConfigAt(pool: Resource, path: string): unknown {
  const config = nodeConfig(pool);
  return config === undefined ? undefined : at(config, path);
}
