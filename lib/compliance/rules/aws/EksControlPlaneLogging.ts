import { strings } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** The five EKS control plane log types. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** Every control plane log type enabled. */
export const EksControlPlaneLogging: Rule = {
  id: "AIP-EKS-003",
  title: "EKS sends all five control plane log types to CloudWatch",
  severity: "medium",
  rationale: "The audit and authenticator logs are the only record of who did what through the Kubernetes API; api, controllerManager and scheduler logs explain outages and scheduling of GPU workloads.",
  fix: `Set enabled_cluster_log_types = ${JSON.stringify(EKS_LOG_TYPES)}.`,
  appliesTo: ["aws_eks_cluster"],
  references: [
    { source: "checkov", id: "CKV_AWS_37", verified: true },
    { source: "trivy", id: "AVD-AWS-0038", verified: true },
    { source: "cis", id: "CIS EKS 2.1.1", verified: false },
  ],
  evaluate(cluster) {
    const enabled = strings(cluster.attributes["enabled_cluster_log_types"]);
    const missing = EKS_LOG_TYPES.filter((t) => !enabled.includes(t));
    return missing.length === 0 ? pass() : fail(`enabled_cluster_log_types lacks ${missing.join(", ")}`);
  },
};
