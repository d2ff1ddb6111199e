import { GPU_TAINT } from "../../../spec/contracts";
import { allAt } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, skip } from "../util";
import { isGpuPool, nodeConfig } from "./node-pool-common";

/** GKE spells taint effects in upper snake case. */
const GKE_EFFECT: Record<string, string> = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" };

/** GPU pools carry the platform's GPU taint explicitly. */
export const GkeGpuNodePoolTaint: Rule = {
  id: "AIP-GKE-015",
  title: `GPU node pools are tainted ${GPU_TAINT.key}=${GPU_TAINT.value}:${GPU_TAINT.effect}`,
  severity: "high",
  rationale: "Without the taint, ordinary pods land on GPU nodes, block GPU jobs and keep the pool from scaling to zero. GKE adds its own GPU taint only in some configurations; the platform sets it on both clouds the same way.",
  fix: `Add node_config.taint { key = "${GPU_TAINT.key}", value = "${GPU_TAINT.value}", effect = "${GKE_EFFECT[GPU_TAINT.effect]}" }.`,
  appliesTo: ["google_container_node_pool"],
  references: [],
  evaluate(pool) {
    if (!isGpuPool(pool)) return skip("no GPU");
    const taints = allAt(nodeConfig(pool), "taint");
    const ok = taints.some((t) => t["key"] === GPU_TAINT.key && t["effect"] === GKE_EFFECT[GPU_TAINT.effect]);
    return ok ? pass() : fail(`GPU node pool without a ${GPU_TAINT.key} ${GKE_EFFECT[GPU_TAINT.effect]} taint`);
  },
};
