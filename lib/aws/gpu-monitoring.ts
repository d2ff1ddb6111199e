/**
 * GPU metrics and the idle-GPU alert on EKS: an Amazon Managed Service for Prometheus
 * workspace in the target's region, an AWS managed collector (scraper) that scrapes the
 * DCGM exporter pods from inside the cluster's VPC, an alerting rule for GPUs allocated to
 * a pod but idle, and the workspace's alert manager sending to an encrypted SNS topic with
 * an email subscription per address.
 *
 * Facts (checked 2026-12):
 * - Scraper: an EKS source with the cluster ARN, at least two subnets in two zones and the
 *   cluster's security group; the cluster endpoint must include private access and the VPC
 *   DNS; the scrape configuration is a Prometheus configuration YAML.
 *   https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector-how-to.html
 * - UNVERIFIED (not re-read at the source for this change): the collector reads the
 *   Kubernetes API as user `aps-collector-user` (the in-cluster ClusterRole it needs is in
 *   lib/k8s/gpu-metrics.ts) and the service creates its EKS access entry; alert manager
 *   receivers are `sns_configs` with `topic_arn` and `sigv4.region`; the topic policy must
 *   let aps.amazonaws.com publish, and a KMS-encrypted topic needs a key the service may use.
 *   https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-alertmanager-receiver.html
 * - DCGM_FI_DEV_GPU_UTIL (0-100) and the `pod`/`namespace` labels the exporter adds for the
 *   pod a GPU is allocated to: NVIDIA/dcgm-exporter (deployment/values.yaml `kubernetes`,
 *   default-counters.csv). The scrape keeps the exporter's labels (`honor_labels`).
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { PrometheusAlertManagerDefinition } from "@cdktf/provider-aws/lib/prometheus-alert-manager-definition";
import { PrometheusRuleGroupNamespace } from "@cdktf/provider-aws/lib/prometheus-rule-group-namespace";
import { PrometheusScraper } from "@cdktf/provider-aws/lib/prometheus-scraper";
import { PrometheusWorkspace } from "@cdktf/provider-aws/lib/prometheus-workspace";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { DCGM_EXPORTER_APP, DCGM_EXPORTER_PORT, idleGpuAlertRules } from "../k8s/gpu-metrics";
import { stableSuffix } from "../spec/naming";
import type { AwsEnvironment } from "./iam";
import { PlatformKey } from "./kms";
import { keyAlias } from "./names";

/** Props of {@link AwsGpuMonitoring}. */
export interface AwsGpuMonitoringProps {
  readonly platform: string;
  readonly environment: AwsEnvironment;
  readonly clusterArn: string;
  /** Private subnets of the cluster (two or more, in two or more zones). */
  readonly subnetIds: readonly string[];
  /** The cluster security group. */
  readonly securityGroupIds: readonly string[];
  readonly idle: { readonly utilizationPercent: number; readonly minutes: number };
  readonly alertEmails: readonly string[];
}

/** The Prometheus scrape configuration of the collector: only the DCGM exporter pods. */
export function dcgmScrapeConfiguration(): string {
  return [
    "global:",
    "  scrape_interval: 30s",
    "scrape_configs:",
    "  - job_name: dcgm-exporter",
    "    honor_labels: true",
    "    kubernetes_sd_configs:",
    "      - role: pod",
    "    relabel_configs:",
    "      - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name]",
    "        action: keep",
    `        regex: ${DCGM_EXPORTER_APP}`,
    "      - source_labels: [__meta_kubernetes_pod_container_port_number]",
    "        action: keep",
    `        regex: "${DCGM_EXPORTER_PORT}"`,
    "      - source_labels: [__meta_kubernetes_pod_node_name]",
    "        target_label: node",
    "",
  ].join("\n");
}

/** Amazon Managed Service for Prometheus, the managed collector, the idle-GPU rule and its SNS route. */
export class AwsGpuMonitoring extends Construct {
  public readonly workspace: PrometheusWorkspace;
  public readonly scraper: PrometheusScraper;
  public readonly rules: PrometheusRuleGroupNamespace;
  public readonly alertManager: PrometheusAlertManagerDefinition;
  public readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AwsGpuMonitoringProps) {
    super(scope, id);
    const env = props.environment;
    this.workspace = new PrometheusWorkspace(this, "Workspace", { alias: `${props.platform}-gpu-metrics` });
    this.scraper = new PrometheusScraper(this, "Scraper", {
      alias: `${props.platform}-dcgm`,
      scrapeConfiguration: dcgmScrapeConfiguration(),
      source: [{ eks: [{ clusterArn: props.clusterArn, subnetIds: [...props.subnetIds], securityGroupIds: [...props.securityGroupIds] }] }],
      destination: [{ amp: [{ workspaceArn: this.workspace.arn }] }],
    });
    this.rules = new PrometheusRuleGroupNamespace(this, "IdleGpuRules", {
      name: "gpu-idle",
      workspaceId: this.workspace.id,
      data: idleGpuAlertRules({ ...props.idle, podLabel: "pod", namespaceLabel: "namespace" }),
    });

    // The alert topic, encrypted with a key Amazon Managed Service for Prometheus may use
    // (for this account's workspaces only).
    const key = new PlatformKey(this, "AlertsKey", {
      alias: keyAlias({ name: props.platform }, "gpu-alerts"),
      description: `${props.platform}: GPU alert notifications`,
      environment: env,
      preventDestroy: false,
      additionalStatements: [
        {
          Sid: "PrometheusPublishesAlerts",
          Effect: "Allow",
          Principal: { Service: "aps.amazonaws.com" },
          Action: ["kms:GenerateDataKey", "kms:Decrypt"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": env.accountId } },
        },
      ],
    });
    this.topic = new SnsTopic(this, "AlertsTopic", { name: `${props.platform}-gpu-alerts`, kmsMasterKeyId: key.keyArn });
    const topicPolicy = new DataAwsIamPolicyDocument(this, "AlertsTopicPolicy", {
      statement: [
        {
          sid: "PrometheusPublishes",
          principals: [{ type: "Service", identifiers: ["aps.amazonaws.com"] }],
          actions: ["sns:Publish", "sns:GetTopicAttributes"],
          resources: [this.topic.arn],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [env.accountId] },
            { test: "ArnEquals", variable: "aws:SourceArn", values: [this.workspace.arn] },
          ],
        },
      ],
    });
    new SnsTopicPolicy(this, "AlertsTopicAccess", { arn: this.topic.arn, policy: topicPolicy.json });
    for (const email of [...new Set(props.alertEmails)]) {
      new SnsTopicSubscription(this, `Email-${stableSuffix(10, email)}`, { topicArn: this.topic.arn, protocol: "email", endpoint: email });
    }
    this.alertManager = new PrometheusAlertManagerDefinition(this, "AlertManager", {
      workspaceId: this.workspace.id,
      definition: [
        "alertmanager_config: |",
        "  route:",
        "    receiver: gpu-alerts",
        "  receivers:",
        "    - name: gpu-alerts",
        "      sns_configs:",
        `        - topic_arn: ${this.topic.arn}`,
        "          sigv4:",
        `            region: ${env.region}`,
        "",
      ].join("\n"),
    });
  }
}
