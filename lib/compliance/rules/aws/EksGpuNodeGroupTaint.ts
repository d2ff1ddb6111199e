import { GPU_TAINT } from "../../../spec/contracts";
import { allAt, strings } from "../../json";
import type { Resource, Rule, StackIndex } from "../../model";
import { fail, hasAcceleratorLabel, isAwsGpuInstance, pass, skip } from "../util";

/** EKS spells taint effects in upper snake case. */
const EKS_EFFECT: Record<string, string> = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" };

function instanceTypes(group: Resource, index: StackIndex): string[] {
  const own = strings(group.attributes["instance_types"]);
  const templates = allAt(group.attributes, "launch_template").flatMap((lt) => index.resolveAll(lt["id"] ?? lt["name"]));
  return [...own, ...templates.flatMap((t) => strings(t.attributes["instance_type"]))];
}

/** True when an EKS node group has NVIDIA GPUs (instance type, GPU AMI type or accelerator label). */
export function isGpuNodeGroup(group: Resource, index: StackIndex): boolean {
  const ami = String(group.attributes["ami_type"] ?? "");
  return instanceTypes(group, index).some(isAwsGpuInstance) || /NVIDIA|GPU/i.test(ami) || hasAcceleratorLabel(group.attributes["labels"]);
}

/** GPU node groups carry the platform's GPU taint, so only pods that tolerate it land on GPU nodes. */
export const EksGpuNodeGroupTaint: Rule = {
  id: "AIP-EKS-005",
  title: `GPU node groups are tainted ${GPU_TAINT.key}=${GPU_TAINT.value}:${GPU_TAINT.effect}`,
  severity: "high",
  rationale: "Without the taint, ordinary pods are scheduled onto GPU nodes, block GPU jobs and keep expensive nodes from scaling to zero.",
  fix: `Add taint { key = "${GPU_TAINT.key}", value = "${GPU_TAINT.value}", effect = "${EKS_EFFECT[GPU_TAINT.effect]}" } to the aws_eks_node_group.`,
  appliesTo: ["aws_eks_node_group"],
  references: [],
  evaluate(group, index) {
    if (!isGpuNodeGroup(group, index)) return skip("no GPU instance type");
    const taints = allAt(group.attributes, "taint");
    const ok = taints.some((t) => t["key"] === GPU_TAINT.key && t["effect"] === EKS_EFFECT[GPU_TAINT.effect]);
    return ok ? pass() : fail(`GPU node group without a ${GPU_TAINT.key} ${EKS_EFFECT[GPU_TAINT.effect]} taint`);
  },
};
