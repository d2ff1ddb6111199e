/**
 * GPU metrics inside the cluster, and the idle-GPU alert rule both clouds evaluate.
 *
 * - EKS: the NVIDIA DCGM exporter from its official Helm chart (pinned), a DaemonSet on the
 *   GPU nodes only (`ai-platform.io/accelerator` exists, GPU taint tolerated), without the
 *   chart's ServiceMonitor (no Prometheus operator here: the AWS managed collector scrapes
 *   the pods), and the read-only ClusterRole the managed collector's user
 *   `aps-collector-user` needs.
 * - GKE: nothing here; GKE's managed DCGM component runs the exporter and Managed Service
 *   for Prometheus collects it (lib/gcp).
 *
 * Sources (checked 2026-12):
 * - NVIDIA/dcgm-exporter deployment/Chart.yaml (version 4.8.2), deployment/values.yaml
 *   (image nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-distroless, `serviceMonitor.enabled`
 *   true by default, port 9400, pod label app.kubernetes.io/name=dcgm-exporter), README
 *   (`helm repo add gpu-helm-charts https://nvidia.github.io/dcgm-exporter/helm-charts`).
 * - Collector RBAC: https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector-how-to.html
 *   (a ClusterRole bound to user `aps-collector-user`; the user name is UNVERIFIED, not
 *   re-read at the source for this change). AWS's example role reads nodes,
 *   services, endpoints and more; this one grants only what the DCGM scrape (pod
 *   discovery) needs: get/list/watch on pods.
 */
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import { GPU_ACCELERATOR_LABEL, GPU_TAINT } from "../spec/contracts";
import { SYSTEM_NAMESPACE } from "./constants";

export const DCGM_EXPORTER_CHART = {
  repository: "https://nvidia.github.io/dcgm-exporter/helm-charts",
  chart: "dcgm-exporter",
  version: "4.8.2",
} as const;
export const DCGM_EXPORTER_IMAGE = { repository: "nvcr.io/nvidia/k8s/dcgm-exporter", tag: "4.5.3-4.8.2-distroless" } as const;
/** The exporter pods' `app.kubernetes.io/name` and metrics port (what the collector keeps). */
export const DCGM_EXPORTER_APP = "dcgm-exporter";
export const DCGM_EXPORTER_PORT = 9400;
/** The Kubernetes user the AWS managed collector acts as. */
export const AMP_COLLECTOR_USER = "aps-collector-user";
export const AMP_COLLECTOR_ROLE = "aps-collector-role";
/** Name of the idle-GPU alert on both clouds. */
export const IDLE_GPU_ALERT = "GpuAllocatedButIdle";

/** The PromQL of the idle-GPU alert: a GPU allocated to a pod whose utilisation stayed under the threshold for the period. */
export function idleGpuQuery(o: { utilizationPercent: number; minutes: number; podLabel: string }): string {
  return `avg_over_time(DCGM_FI_DEV_GPU_UTIL{${o.podLabel}!=""}[${o.minutes}m]) < ${o.utilizationPercent}`;
}

/** The Prometheus alerting rule file (AMP rule group namespace data). */
export function idleGpuAlertRules(o: { utilizationPercent: number; minutes: number; podLabel: string; namespaceLabel: string }): string {
  return [
    "groups:",
    "  - name: gpu-idle",
    "    rules:",
    `      - alert: ${IDLE_GPU_ALERT}`,
    `        expr: '${idleGpuQuery(o)}'`,
    "        labels:",
    "          severity: warning",
    "        annotations:",
    `          summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} is allocated to {{ $labels.${o.namespaceLabel} }}/{{ $labels.${o.podLabel} }} but under ${o.utilizationPercent}% for ${o.minutes} minutes'`,
    "",
  ].join("\n");
}

/** Props of {@link DcgmExporter}. */
export interface DcgmExporterProps {
  readonly labels: Readonly<Record<string, string>>;
}

/** The DCGM exporter on the GPU nodes (EKS), and the collector's read-only access. */
export class DcgmExporter extends Construct {
  public readonly resource: Release;

  constructor(scope: Construct, id: string, props: DcgmExporterProps) {
    super(scope, id);
    const values = {
      image: { repository: DCGM_EXPORTER_IMAGE.repository, tag: DCGM_EXPORTER_IMAGE.tag, pullPolicy: "IfNotPresent" },
      serviceMonitor: { enabled: false },
      tolerations: [{ key: GPU_TAINT.key, operator: "Exists", effect: GPU_TAINT.effect }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: GPU_ACCELERATOR_LABEL, operator: "Exists" }] }],
          },
        },
      },
    };
    this.resource = new Release(this, "Resource", {
      name: "dcgm-exporter",
      namespace: SYSTEM_NAMESPACE,
      repository: DCGM_EXPORTER_CHART.repository,
      chart: DCGM_EXPORTER_CHART.chart,
      version: DCGM_EXPORTER_CHART.version,
      values: [JSON.stringify(values)],
      // GPU pools scale from zero: a DaemonSet with no GPU node is ready, but do not wait on nodes.
      wait: false,
    });
    const role = new ClusterRoleV1(this, "CollectorRole", {
      metadata: { name: AMP_COLLECTOR_ROLE, labels: { ...props.labels } },
      // Least privilege: the collector's scrape configuration only discovers pods.
      rule: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
    });
    new ClusterRoleBindingV1(this, "CollectorRoleBinding", {
      metadata: { name: AMP_COLLECTOR_ROLE, labels: { ...props.labels } },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name },
      subject: [{ kind: "User", name: AMP_COLLECTOR_USER, apiGroup: "rbac.authorization.k8s.io" }],
    });
  }
}
