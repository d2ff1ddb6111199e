import { Testing } from "cdktf";
import { readSpecFile } from "../../lib/spec/load";
import { parseSpec } from "../../lib/spec/validate";
import { addPlatformStacks } from "../../stacks/platform";

type Json = Record<string, any>;
const synth = (s: Parameters<typeof Testing.synth>[0]) => JSON.parse(Testing.synth(s, true)) as Json;
const all = (stack: Json, type: string): Json[] => Object.values((stack.resource?.[type] ?? {}) as Record<string, Json>);

describe("GPU metrics and the idle-GPU alert (default example)", () => {
  let aws: { cloud: Json; k8s: Json };
  let gcp: { cloud: Json; k8s: Json };
  beforeAll(() => {
    const [a, g] = addPlatformStacks(Testing.app(), readSpecFile("examples/acme-ml-eu.yaml"));
    aws = { cloud: synth(a!.cloud), k8s: synth(a!.k8s) };
    gcp = { cloud: synth(g!.cloud), k8s: synth(g!.k8s) };
  });

  describe("EKS", () => {
    test("the DCGM exporter chart (pinned, no ServiceMonitor) runs on GPU nodes only", () => {
      const release = all(aws.k8s, "helm_release").find((r) => r.name === "dcgm-exporter")!;
      expect(release).toMatchObject({ repository: "https://nvidia.github.io/dcgm-exporter/helm-charts", chart: "dcgm-exporter", version: "4.8.2", namespace: "kube-system" });
      const values = JSON.parse(release.values[0]);
      expect(values.serviceMonitor).toEqual({ enabled: false });
      expect(values.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
      expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
        { matchExpressions: [{ key: "ai-platform.io/accelerator", operator: "Exists" }] },
      ]);
    });

    test("the managed collector's Kubernetes user may only read pods", () => {
      const role = all(aws.k8s, "kubernetes_cluster_role_v1").find((r) => r.metadata.name === "aps-collector-role")!;
      expect(role.rule).toEqual([{ api_groups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }]);
      const binding = all(aws.k8s, "kubernetes_cluster_role_binding_v1").find((b) => b.metadata.name === "aps-collector-role")!;
      expect(binding.subject).toEqual([{ kind: "User", name: "aps-collector-user", api_group: "rbac.authorization.k8s.io" }]);
    });

    test("an AMP workspace and a managed collector in the cluster's private subnets scraping the exporter", () => {
      expect(all(aws.cloud, "aws_prometheus_workspace")).toHaveLength(1);
      const scraper = all(aws.cloud, "aws_prometheus_scraper")[0]!;
      expect(scraper.source[0].eks[0].cluster_arn).toMatch(/^\$\{aws_eks_cluster\./);
      expect(scraper.source[0].eks[0].subnet_ids.length).toBeGreaterThanOrEqual(2);
      expect(scraper.source[0].eks[0].security_group_ids[0]).toContain("cluster_security_group_id");
      expect(scraper.destination[0].amp[0].workspace_arn).toMatch(/^\$\{aws_prometheus_workspace\./);
      expect(scraper.scrape_configuration).toContain("regex: dcgm-exporter");
      expect(scraper.scrape_configuration).toContain("honor_labels: true");
    });

    test("the idle rule: a GPU allocated to a pod under 10% for 60 minutes, routed to an encrypted SNS topic", () => {
      const rules = all(aws.cloud, "aws_prometheus_rule_group_namespace")[0]!;
      expect(rules.data).toContain(`expr: 'avg_over_time(DCGM_FI_DEV_GPU_UTIL{pod!=""}[60m]) < 10'`);
      expect(rules.data).toContain("alert: GpuAllocatedButIdle");
      const am = all(aws.cloud, "aws_prometheus_alert_manager_definition")[0]!;
      expect(am.definition).toMatch(/sns_configs:\n\s+- topic_arn: \$\{aws_sns_topic\./);
      expect(am.definition).toContain("region: eu-central-1");
      const topic = all(aws.cloud, "aws_sns_topic")[0]!;
      expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
      expect(all(aws.cloud, "aws_sns_topic_subscription").map((s) => [s.protocol, s.endpoint])).toEqual([["email", "gpu-alerts@acme.example"]]);
    });
  });

  describe("GKE", () => {
    test("the cluster's managed DCGM component is on, with managed Prometheus", () => {
      const cluster = all(gcp.cloud, "google_container_cluster")[0]!;
      expect(cluster.monitoring_config.enable_components).toContain("DCGM");
      expect(cluster.monitoring_config.enable_components).toContain("SYSTEM_COMPONENTS");
      expect(cluster.monitoring_config.managed_prometheus.enabled).toBe(true);
    });

    test("a PromQL alert policy with the same threshold and period, notifying the email channel", () => {
      const policy = all(gcp.cloud, "google_monitoring_alert_policy")[0]!;
      const promql = policy.conditions[0].condition_prometheus_query_language;
      expect(promql.query).toBe(`avg_over_time(DCGM_FI_DEV_GPU_UTIL{exported_pod!=""}[60m]) < 10`);
      expect(promql.disable_metric_validation).toBe(true);
      expect(policy.notification_channels).toHaveLength(1);
      const channel = all(gcp.cloud, "google_monitoring_notification_channel")[0]!;
      expect(channel.labels).toEqual({ email_address: "gpu-alerts@acme.example" });
    });

    test("nothing is deployed in the cluster for metrics (GKE runs the exporter)", () => {
      expect(all(gcp.k8s, "helm_release").map((r) => r.name)).toEqual(["kueue"]);
    });
  });
});

describe("monitoring settings", () => {
  test("the threshold and period come from monitoring.idleGpu on both clouds", () => {
    const spec = parseSpec({ ...readSpecFile("examples/acme-ml-eu.yaml"), monitoring: { idleGpu: { utilizationPercent: 5, minutes: 30 }, alertEmails: ["ops@acme.example"] } });
    const [a, g] = addPlatformStacks(Testing.app(), spec);
    expect(all(synth(a!.cloud), "aws_prometheus_rule_group_namespace")[0]!.data).toContain("[30m]) < 5");
    expect(all(synth(g!.cloud), "google_monitoring_alert_policy")[0]!.conditions[0].condition_prometheus_query_language.query).toContain("[30m]) < 5");
  });

  test("gpuMetrics: false removes the exporter, the workspace, the collector and the alerts", () => {
    const spec = parseSpec({ ...readSpecFile("examples/acme-ml-eu.yaml"), monitoring: { gpuMetrics: false } });
    const [a, g] = addPlatformStacks(Testing.app(), spec);
    const [ac, ak, gc] = [synth(a!.cloud), synth(a!.k8s), synth(g!.cloud)];
    expect(all(ac, "aws_prometheus_workspace")).toEqual([]);
    expect(all(ac, "aws_prometheus_scraper")).toEqual([]);
    expect(all(ak, "helm_release").map((r) => r.name)).toEqual(["kueue"]);
    expect(all(gc, "google_monitoring_alert_policy")).toEqual([]);
    expect(all(gc, "google_container_cluster")[0]!.monitoring_config.enable_components).not.toContain("DCGM");
  });
});
