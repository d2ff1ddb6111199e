/**
 * Spend controls and GPU observability of a target's cloud stack:
 *
 * - the monthly budget (AWS Budgets or a Cloud Billing budget), with `spec.budget`;
 * - GPU metrics and the idle-GPU alert, with `monitoring.gpuMetrics` (default on) and GPU
 *   pools: on AWS an Amazon Managed Service for Prometheus workspace, its managed collector,
 *   the alert rule and an SNS route; on GCP the cluster's managed DCGM component and a Cloud
 *   Monitoring alert policy.
 *
 * Construct ids sit at the stack's root (`Budget`, `AlertChannels`, `GpuMonitoring`,
 * `IdleGpuAlert`) so they never move with the cloud platform's tree.
 */
import type { Construct } from "constructs";
import type * as AwsPlatformModule from "../lib/aws";
import type * as AwsBudget from "../lib/aws/budget";
import type * as AwsGpuMonitoring from "../lib/aws/gpu-monitoring";
import type * as GcpPlatformModule from "../lib/gcp";
import type * as GcpBudget from "../lib/gcp/budget";
import type * as GcpGpuMonitoring from "../lib/gcp/gpu-monitoring";
import type { ICloudPlatform } from "../lib/spec/contracts";
import type { PlatformSpec, Target } from "../lib/spec/schema";

const loadAwsBudget = (): typeof AwsBudget => require("../lib/aws/budget") as typeof AwsBudget;
const loadGcpBudget = (): typeof GcpBudget => require("../lib/gcp/budget") as typeof GcpBudget;
const loadAwsMonitoring = (): typeof AwsGpuMonitoring => require("../lib/aws/gpu-monitoring") as typeof AwsGpuMonitoring;
const loadGcpMonitoring = (): typeof GcpGpuMonitoring => require("../lib/gcp/gpu-monitoring") as typeof GcpGpuMonitoring;

/** Who gets the monitoring alerts: `monitoring.alertEmails`, else `budget.alertEmails`. */
export function monitoringEmails(spec: PlatformSpec): readonly string[] {
  return spec.monitoring.alertEmails.length > 0 ? spec.monitoring.alertEmails : (spec.budget?.alertEmails ?? []);
}

/** True when the target gets GPU metrics and the idle alert. */
export function gpuMonitoringOn(spec: PlatformSpec): boolean {
  return spec.monitoring.gpuMetrics && spec.gpuPools.length > 0;
}

/** Adds the budget and GPU monitoring of one target to its cloud stack. */
export function addSpendControls(stack: Construct, spec: PlatformSpec, target: Target, platform: ICloudPlatform): void {
  const budget = spec.budget;
  const idle = spec.monitoring.idleGpu;
  if (target.cloud === "aws") {
    if (budget) new (loadAwsBudget().PlatformBudget)(stack, "Budget", { platform: spec.name, region: target.region, budget });
    if (gpuMonitoringOn(spec)) {
      const aws = platform as AwsPlatformModule.AwsPlatform;
      new (loadAwsMonitoring().AwsGpuMonitoring)(stack, "GpuMonitoring", {
        platform: spec.name,
        environment: aws.environment,
        clusterArn: aws.cluster.clusterArn,
        subnetIds: aws.network.privateSubnetIds,
        securityGroupIds: [aws.cluster.resource.vpcConfig.clusterSecurityGroupId],
        idle,
        alertEmails: monitoringEmails(spec),
      });
    }
    return;
  }
  const gcp = loadGcpBudget();
  const emails = [...new Set([...(budget?.alertEmails ?? []), ...(gpuMonitoringOn(spec) ? monitoringEmails(spec) : [])])];
  const channels =
    emails.length > 0 ? new gcp.EmailNotificationChannels(stack, "AlertChannels", { project: target.project, platform: spec.name, emails }) : undefined;
  const channelsFor = (wanted: readonly string[]): string[] => wanted.map((e) => channels!.channelIds[emails.indexOf(e)]!);
  if (budget) {
    if (budget.gcpBillingAccount === undefined) {
      // validateSpec reports it; reached only when a caller builds stacks from an unvalidated spec.
      throw new Error("budget.gcpBillingAccount: is required with gcp targets");
    }
    new gcp.PlatformBillingBudget(stack, "Budget", {
      platform: spec.name,
      project: target.project,
      region: target.region,
      budget: { ...budget, gcpBillingAccount: budget.gcpBillingAccount },
      notificationChannels: channelsFor(budget.alertEmails),
    });
  }
  if (gpuMonitoringOn(spec)) {
    const gke = platform as GcpPlatformModule.GcpPlatform;
    // GKE's managed DCGM metrics (GKE installs DCGM-Exporter and sends the metrics to
    // Managed Service for Prometheus, which the cluster already enables). The cluster's
    // explicit component list would otherwise leave DCGM out.
    // https://cloud.google.com/kubernetes-engine/docs/how-to/dcgm-metrics
    const components = [...(require("../lib/gcp/cluster") as typeof import("../lib/gcp/cluster")).MONITORING_COMPONENTS, "DCGM"];
    gke.cluster.resource.addOverride("monitoring_config.enable_components", components);
    new (loadGcpMonitoring().GcpIdleGpuAlert)(stack, "IdleGpuAlert", {
      project: target.project,
      platform: spec.name,
      idle,
      notificationChannels: channelsFor(monitoringEmails(spec)),
    });
  }
}
