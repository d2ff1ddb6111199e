import {
  CLUSTER_AUTOSCALER_IMAGES,
  CLUSTER_AUTOSCALER_NAMESPACE,
  CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
  clusterAutoscalerImage,
} from "../../lib/k8s";
import { GPU_POOL_LABEL } from "../../lib/spec/contracts";
import { KUBERNETES_VERSIONS } from "../../lib/spec/schema";
import { allows, cloudProps, exampleSpec, synthLayer, type Synth, synthBothClouds } from "./helpers";

describe("ClusterAutoscaler", () => {
  const spec = exampleSpec();
  let aws: Synth;
  let gcp: Synth;
  beforeAll(() => {
    ({ aws, gcp } = synthBothClouds(spec));
  });

  test("runs as kube-system/cluster-autoscaler, the names the cloud stack binds its identity to", () => {
    expect([CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT]).toEqual(["kube-system", "cluster-autoscaler"]);
    const sa = aws.one("kubernetes_service_account_v1", "ClusterAutoscaler_ServiceAccount");
    expect(sa.metadata).toMatchObject({ name: "cluster-autoscaler", namespace: "kube-system" });
    const pod = aws.one("kubernetes_deployment_v1", "ClusterAutoscaler").spec.template.spec;
    expect(pod.service_account_name).toContain("ClusterAutoscaler_ServiceAccount");
  });

  test("discovers the node groups tagged for its cluster, on aws, in its region", () => {
    const c = aws.one("kubernetes_deployment_v1", "ClusterAutoscaler").spec.template.spec.container[0];
    expect(c.args).toEqual(
      expect.arrayContaining([
        "--cloud-provider=aws",
        "--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/acme-ml-eu-central-1",
        "--balance-similar-node-groups",
        "--skip-nodes-with-system-pods=false",
        "--expander=least-waste",
      ]),
    );
    expect(c.env).toEqual([{ name: "AWS_REGION", value: "eu-central-1" }]);
  });

  test("the image matches the cluster's Kubernetes minor", () => {
    const c = aws.one("kubernetes_deployment_v1", "ClusterAutoscaler").spec.template.spec.container[0];
    expect(c.image).toBe("registry.k8s.io/autoscaling/cluster-autoscaler:v1.33.5");
    for (const v of KUBERNETES_VERSIONS) {
      expect(clusterAutoscalerImage(v)).toMatch(new RegExp(`^registry\\.k8s\\.io/autoscaling/cluster-autoscaler:v${v.replace(".", "\\.")}\\.\\d+$`));
    }
    expect(Object.keys(CLUSTER_AUTOSCALER_IMAGES)).toEqual([...KUBERNETES_VERSIONS]);
  });

  test("runs on system nodes, as non-root, read-only, without escalation, with resources", () => {
    const pod = aws.one("kubernetes_deployment_v1", "ClusterAutoscaler").spec.template.spec;
    expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term).toEqual([
      { match_expressions: [{ key: GPU_POOL_LABEL, operator: "DoesNotExist" }] },
    ]);
    expect(pod.toleration).toBeUndefined();
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: "65534" });
    const c = pod.container[0];
    expect(c.security_context).toMatchObject({ allow_privilege_escalation: false, read_only_root_filesystem: true, capabilities: { drop: ["ALL"] } });
    expect(c.resources.requests).toEqual({ cpu: "100m", memory: "600Mi" });
    expect(c.resources.limits.memory).toBe("600Mi");
  });

  test("its ClusterRole has what it needs, enumerated", () => {
    const rules = aws.one("kubernetes_cluster_role_v1", "ClusterAutoscaler_ClusterRole").rule;
    expect(allows(rules, "", "nodes", "update")).toBe(true);
    expect(allows(rules, "", "pods/eviction", "create")).toBe(true);
    expect(allows(rules, "storage.k8s.io", "volumeattachments", "list")).toBe(true);
    expect(allows(rules, "coordination.k8s.io", "leases", "create")).toBe(true);
    expect(allows(rules, "", "secrets", "get")).toBe(false);
    const ns = aws.one("kubernetes_role_v1", "ClusterAutoscaler_Role");
    expect(ns.metadata.namespace).toBe("kube-system");
  });

  test("is not deployed when not asked for", () => {
    expect(gcp.resources().filter((r) => r.id.includes("ClusterAutoscaler"))).toEqual([]);
    expect(gcp.resources("kubernetes_deployment_v1")).toEqual([]);
  });

  test("fails when clusterAutoscaler is set on gcp", () => {
    expect(() => synthLayer({ ...cloudProps(spec, "gcp"), clusterAutoscaler: { clusterName: "x", region: "eu-central-1" } })).toThrow(
      /clusterAutoscaler: is only for aws/,
    );
  });

  test("fails when the region is not an AWS region", () => {
    expect(() => synthLayer({ ...cloudProps(spec, "aws"), clusterAutoscaler: { clusterName: "acme", region: "europe-west4" } })).toThrow(
      /clusterAutoscaler.region: "europe-west4" is not an AWS region name/,
    );
  });

  test("fails when no image is pinned for the Kubernetes minor", () => {
    expect(() => clusterAutoscalerImage("1.29")).toThrow(/no cluster autoscaler is pinned for 1.29 \(pinned: 1.31, 1.32, 1.33, 1.34\)/);
  });
});
