import { Testing } from "cdktf";
import { NETWORK_POLICY_NAMES } from "../../lib/k8s";
import { PLATFORM_OUTPUT_NAMES } from "../../lib/spec/contracts";
import { readSpecFile } from "../../lib/spec/load";
import type { PlatformSpec } from "../../lib/spec/schema";
import { addPlatformStacks } from "../../stacks/platform";

type Json = Record<string, any>;
interface Synthesized {
  readonly awsCloud: Json;
  readonly awsK8s: Json;
  readonly gcpCloud: Json;
  readonly gcpK8s: Json;
}

function synthAll(spec: PlatformSpec): Synthesized {
  const [aws, gcp] = addPlatformStacks(Testing.app(), spec);
  const synth = (s: Parameters<typeof Testing.synth>[0]) => JSON.parse(Testing.synth(s, true)) as Json;
  return { awsCloud: synth(aws!.cloud), awsK8s: synth(aws!.k8s), gcpCloud: synth(gcp!.cloud), gcpK8s: synth(gcp!.k8s) };
}

/** `type.name` of every resource and data source of a stack. */
function addresses(stack: Json): string[] {
  const out: string[] = [];
  for (const kind of ["resource", "data"] as const) {
    for (const [type, byName] of Object.entries((stack[kind] ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const name of Object.keys(byName)) out.push(`${kind === "data" ? "data." : ""}${type}.${name}`);
    }
  }
  return out.sort();
}

/**
 * In-cluster resources keyed by Terraform address (derived from the construct path inside
 * the stack, so equal on both clouds), bodies without the per-cloud parts: RBAC subjects
 * and service-account annotations.
 */
function comparableK8s(stack: Json): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [type, byName] of Object.entries(stack.resource as Record<string, Record<string, Json>>)) {
    if (!type.startsWith("kubernetes_")) continue;
    for (const [name, body] of Object.entries(byName)) {
      const { "//": _meta, subject: _subjects, ...rest } = body;
      const metadata = rest.metadata ? { ...rest.metadata, annotations: undefined } : undefined;
      out.set(`${type}.${name}`, { ...rest, metadata });
    }
  }
  return out;
}

describe("one spec on AWS and GCP: the same platform", () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthAll(readSpecFile("examples/acme-ml-eu.yaml"));
  });

  test("the cloud stacks expose exactly the contract's outputs, under the same names", () => {
    const names = (stack: Json) => Object.keys(stack.output).sort();
    expect(names(s.awsCloud)).toEqual([...PLATFORM_OUTPUT_NAMES].sort());
    expect(names(s.gcpCloud)).toEqual(names(s.awsCloud));
  });

  test("the CA certificate output is sensitive on both clouds", () => {
    expect(s.awsCloud.output.cluster_ca_certificate.sensitive).toBe(true);
    expect(s.gcpCloud.output.cluster_ca_certificate.sensitive).toBe(true);
  });

  test.each(["awsK8s", "gcpK8s"] as const)("%s: the kubernetes provider reads the cloud stack's outputs and a short-lived token", (key) => {
    const stack = s[key];
    const provider = stack.provider.kubernetes[0];
    expect(Object.keys(provider).sort()).toEqual(["cluster_ca_certificate", "host", "token"]);
    expect(provider.host).toBe("${data.terraform_remote_state.CloudStack.outputs.cluster_endpoint}");
    expect(provider.cluster_ca_certificate).toBe("${base64decode(data.terraform_remote_state.CloudStack.outputs.cluster_ca_certificate)}");
    expect(provider.token).toMatch(key === "awsK8s" ? /^\$\{data\.aws_eks_cluster_auth\.ClusterAuth\.token\}$/ : /^\$\{data\.google_client_config\.ClientConfig\.access_token\}$/);
    expect(JSON.stringify(stack)).not.toMatch(/kubeconfig|client_key|config_path/);
  });

  test("the same teams, quotas, limit ranges, network policies, roles and bindings on both clouds", () => {
    const aws = comparableK8s(s.awsK8s);
    const gcp = comparableK8s(s.gcpK8s);
    const cloudIdentity = (address: string) => address.includes(`_${NETWORK_POLICY_NAMES.cloudIdentity}_`) || address.includes("CloudIdentity");
    const shared = (m: Map<string, unknown>) =>
      [...m.keys()].filter((a) => /\.Kubernetes_(Team-|PriorityClasses|Auditors|Admins)/.test(a) && !cloudIdentity(a)).sort();
    expect(shared(gcp)).toEqual(shared(aws));
    expect(shared(aws).length).toBeGreaterThan(20);
    for (const path of shared(aws)) expect([path, gcp.get(path)]).toEqual([path, aws.get(path)]);
  });

  test("only the GPU runtime, the autoscaler and the default StorageClass are AWS-only; GCP has nothing of its own", () => {
    // (GKE installs a default StorageClass itself; EKS 1.30+ has none)
    const aws = comparableK8s(s.awsK8s);
    const gcp = comparableK8s(s.gcpK8s);
    const awsOnly = [...aws.keys()].filter((a) => !gcp.has(a));
    const tops = new Set(awsOnly.map((a) => a.split(".")[1]!.split("_")[1]));
    // GpuMetrics: the DCGM exporter, which GKE runs itself (its managed DCGM component).
    expect([...tops].sort()).toEqual(["ClusterAutoscaler", "DefaultStorageClass", "GpuMetrics", "GpuRuntime"]);
    expect([...gcp.keys()].filter((a) => !aws.has(a))).toEqual([]);
  });

  test("the EKS cluster autoscaler has its own Pod Identity role, scaling only this cluster's groups", () => {
    const associations = Object.values(s.awsCloud.resource.aws_eks_pod_identity_association as Record<string, Json>);
    const autoscaler = associations.find((a) => a.service_account === "cluster-autoscaler");
    expect(autoscaler).toMatchObject({ namespace: "kube-system" });
    const policies = Object.values(s.awsCloud.resource.aws_iam_role_policy as Record<string, Json>).map((p) => String(p.policy));
    const scaling = policies.find((p) => p.includes("autoscaling:SetDesiredCapacity"));
    expect(scaling).toContain('"aws:ResourceTag/k8s.io/cluster-autoscaler/acme-ml":"owned"');
  });
});

describe("stable Terraform addresses", () => {
  let before: Synthesized;
  let after: Synthesized;
  beforeAll(() => {
    const spec = readSpecFile("examples/acme-ml-eu.yaml");
    before = synthAll(spec);
    after = synthAll({
      ...spec,
      teams: [{ ...spec.teams[0]!, name: "aaa-first", gpuQuota: 2 }, ...spec.teams],
      gpuPools: [{ ...spec.gpuPools[0]!, name: "aaa-pool" }, ...spec.gpuPools],
      dataLake: { ...spec.dataLake, zones: ["aaa", ...spec.dataLake.zones] },
    });
  });

  test.each(["awsCloud", "awsK8s", "gcpCloud", "gcpK8s"] as const)(
    "%s: adding a team, a GPU pool and a zone in front moves no existing resource",
    (key) => {
      const missing = addresses(before[key]).filter((a) => !addresses(after[key]).includes(a));
      expect(missing).toEqual([]);
      expect(addresses(after[key]).length).toBeGreaterThan(addresses(before[key]).length);
    },
  );
});
