import type { Rule } from "../../model";
import { fail, isSystemNamespace, namespaceName, pass, skip } from "../util";
import { NAMESPACE_TYPES, nsLabel, objectsInNamespace, quotaHard } from "./k8s-common";

/** The quota key that caps GPUs requested in a namespace. */
export const GPU_QUOTA_KEY = "requests.nvidia.com/gpu";

/** Every platform namespace caps GPU requests. */
export const NamespaceGpuQuota: Rule = {
  id: "AIP-K8S-003",
  title: `Every namespace (except kube-*) caps GPUs with ${GPU_QUOTA_KEY}`,
  severity: "medium",
  rationale: "GPUs are the scarce, expensive resource: without a GPU line in the quota one team can take every GPU node the pools can scale to.",
  fix: `Add "${GPU_QUOTA_KEY}" to spec.hard of the namespace's ResourceQuota (0 for teams without GPUs).`,
  appliesTo: NAMESPACE_TYPES,
  references: [],
  evaluate(ns, index) {
    if (isSystemNamespace(namespaceName(ns))) return skip("system namespace");
    const quotas = objectsInNamespace(ns, index, "resource_quota", "ResourceQuota");
    const gpu = quotas.find((q) => quotaHard(q)[GPU_QUOTA_KEY] !== undefined);
    return gpu !== undefined ? pass(`${GPU_QUOTA_KEY} = ${String(quotaHard(gpu)[GPU_QUOTA_KEY])}`) : fail(`no ${GPU_QUOTA_KEY} in the quotas of ${nsLabel(ns)}`);
  },
};
