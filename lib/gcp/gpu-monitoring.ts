/**
 * The idle-GPU alert on GKE: a Cloud Monitoring alert policy with a PromQL condition over
 * the DCGM metrics that GKE's managed DCGM component sends to Google Cloud Managed Service
 * for Prometheus (enabled on the cluster: `monitoring_config` components include `DCGM`,
 * managed Prometheus on; see cluster.ts), notifying the platform's email channels.
 *
 * Facts (checked 2026-12):
 * - `condition_prometheus_query_language` { query, duration, evaluation_interval (a
 *   multiple of 30 s), alert_rule, rule_group, disable_metric_validation }; with metric
 *   validation disabled the policy can be created before any GPU node has reported the
 *   metric (GPU pools scale from zero).
 *   https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/monitoring_alert_policy
 * - Managed DCGM metrics: GKE installs DCGM-Exporter and a ClusterPodMonitoring;
 *   https://cloud.google.com/kubernetes-engine/docs/how-to/dcgm-metrics
 *   Managed collection sets `namespace`/`pod` as target labels (the exporter's pod), so the
 *   exporter's own pod labels arrive as `exported_namespace`/`exported_pod` (Prometheus
 *   label-collision rule); UNVERIFIED against a live cluster.
 */
import { MonitoringAlertPolicy } from "@cdktf/provider-google/lib/monitoring-alert-policy";
import { Construct } from "constructs";
import { IDLE_GPU_ALERT, idleGpuQuery } from "../k8s/gpu-metrics";

/** Props of {@link GcpIdleGpuAlert}. */
export interface GcpIdleGpuAlertProps {
  readonly project: string;
  readonly platform: string;
  readonly idle: { readonly utilizationPercent: number; readonly minutes: number };
  /** Notification channel resource names. */
  readonly notificationChannels: readonly string[];
}

/** The alert on GPUs allocated to a pod but idle. */
export class GcpIdleGpuAlert extends Construct {
  /** The `google_monitoring_alert_policy`. */
  public readonly resource: MonitoringAlertPolicy;

  constructor(scope: Construct, id: string, props: GcpIdleGpuAlertProps) {
    super(scope, id);
    const { idle } = props;
    this.resource = new MonitoringAlertPolicy(this, "Resource", {
      project: props.project,
      displayName: `${props.platform}: GPU allocated but idle`,
      combiner: "OR",
      severity: "WARNING",
      conditions: [
        {
          displayName: `GPU allocated to a pod under ${idle.utilizationPercent}% for ${idle.minutes} minutes`,
          conditionPrometheusQueryLanguage: {
            query: idleGpuQuery({ ...idle, podLabel: "exported_pod" }),
            evaluationInterval: "60s",
            alertRule: IDLE_GPU_ALERT,
            ruleGroup: "gpu-idle",
            disableMetricValidation: true,
          },
        },
      ],
      notificationChannels: [...props.notificationChannels],
      documentation: {
        mimeType: "text/markdown",
        content: `A GPU is allocated to a pod but its utilisation (DCGM_FI_DEV_GPU_UTIL) averaged under ${idle.utilizationPercent}% over ${idle.minutes} minutes. Free it for other teams: stop or scale down the workload.`,
      },
    });
  }
}
