import { ADDON_NAMES, ADDON_VERSIONS, addonVersion } from "../../lib/aws/addons";
import { CLUSTER_LOG_TYPES } from "../../lib/aws/cluster";
import { exampleSpec, resourceNamed, resourcesOf, statementsOf, synthAws, variantSpec, type TfJson } from "./helpers";

describe("Cluster", () => {
  let json: TfJson;
  let cluster: Record<string, unknown>;
  beforeAll(() => {
    // GIVEN the default example (apiAccess: private, Kubernetes 1.33), WHEN synthesized
    json = synthAws(exampleSpec()).json;
    cluster = resourceNamed(json, "aws_eks_cluster", "Cluster");
  });

  test("the API endpoint is private only", () => {
    expect(cluster["vpc_config"]).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(cluster["vpc_config"]).not.toHaveProperty("public_access_cidrs");
  });

  test("runs in the private subnets with the spec's version and service CIDR", () => {
    const subnets = (cluster["vpc_config"] as { subnet_ids: string[] }).subnet_ids;
    expect(subnets).toHaveLength(3);
    expect(subnets.every((s) => s.includes("PrivateSubnet"))).toBe(true);
    expect(cluster["version"]).toBe("1.33");
    expect(cluster["kubernetes_network_config"]).toMatchObject({ service_ipv4_cidr: "10.68.0.0/20" });
  });

  test("Secrets are envelope-encrypted with the cluster's own key", () => {
    expect(cluster["encryption_config"]).toEqual({
      resources: ["secrets"],
      provider: { key_arn: expect.stringContaining("aws_kms_key.Platform_Cluster_SecretsKey") },
    });
  });

  test("access entries only, and the creator gets no implicit admin", () => {
    expect(cluster["access_config"]).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
  });

  test("all five control-plane logs go to an encrypted log group with retention, created first", () => {
    expect(cluster["enabled_cluster_log_types"]).toEqual([...CLUSTER_LOG_TYPES]);
    const group = resourceNamed(json, "aws_cloudwatch_log_group", "Cluster");
    expect(group).toMatchObject({ name: "/aws/eks/acme-ml/cluster", retention_in_days: 365 });
    expect(String(group["kms_key_id"])).toContain("aws_kms_key.Platform_LogsKey");
    expect(cluster["depends_on"]).toEqual(expect.arrayContaining([expect.stringContaining("aws_cloudwatch_log_group.Platform_Cluster_LogGroup")]));
  });

  test("the cluster role has only AmazonEKSClusterPolicy, plus use of the secrets key", () => {
    const attachments = Object.entries(resourcesOf(json, "aws_iam_role_policy_attachment")).filter(([n]) => n.startsWith("Platform_Cluster_ClusterPolicy"));
    expect(attachments.map(([, a]) => a["policy_arn"])).toEqual(["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
    const inline = statementsOf(resourceNamed(json, "aws_iam_role_policy", "SecretsEncryptionPolicy")["policy"]);
    expect(inline).toHaveLength(1);
    expect(inline[0]?.Resource).toContain("aws_kms_key.Platform_Cluster_SecretsKey");
  });

  test("every add-on is pinned to the table's version for 1.33 and overwrites conflicts", () => {
    const addons = Object.values(resourcesOf(json, "aws_eks_addon"));
    expect(addons.map((a) => a["addon_name"]).sort()).toEqual([...ADDON_NAMES].sort());
    for (const a of addons) {
      expect(a["addon_version"]).toBe(ADDON_VERSIONS["1.33"][a["addon_name"] as (typeof ADDON_NAMES)[number]]);
      expect(a["resolve_conflicts_on_update"]).toBe("OVERWRITE");
    }
  });

  test("the VPC CNI gets AmazonEKS_CNI_Policy through its own Pod Identity role", () => {
    const cni = resourceNamed(json, "aws_eks_addon", "vpc-cni");
    expect(cni["pod_identity_association"]).toEqual([{ role_arn: expect.stringContaining("Addon-vpc-cni_Role"), service_account: "aws-node" }]);
    const attachment = resourceNamed(json, "aws_iam_role_policy_attachment", "Addon-vpc-cni");
    expect(attachment["policy_arn"]).toBe("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
  });

  test("the VPC CNI enforces NetworkPolicies (the teams' default-deny depends on it)", () => {
    const cni = resourceNamed(json, "aws_eks_addon", "vpc-cni");
    expect(JSON.parse(cni["configuration_values"] as string)).toEqual({ enableNetworkPolicy: "true" });
  });

  test("CoreDNS waits for the system node group; node groups wait for the networking add-ons", () => {
    expect(resourceNamed(json, "aws_eks_addon", "coredns")["depends_on"]).toEqual([expect.stringContaining("aws_eks_node_group.Platform_SystemNodePool")]);
    const system = resourceNamed(json, "aws_eks_node_group", "SystemNodePool");
    expect(system["depends_on"]).toEqual(expect.arrayContaining([expect.stringContaining("Addon-vpc-cni")]));
  });

  test("fails when the Kubernetes version has no pinned add-ons", () => {
    expect(() => addonVersion("1.20" as "1.33", "coredns")).toThrow(/"1.20" has no pinned add-on versions/);
  });
});

describe("Cluster with a public endpoint", () => {
  test("the endpoint is public only to the authorized networks", () => {
    // GIVEN a spec opting into a public endpoint for one office network
    const spec = variantSpec((s) => {
      s["network"] = { cidr: "10.20.0.0/16", apiAccess: "public", authorizedNetworks: ["203.0.113.0/24"] };
    });
    // WHEN synthesized
    const cluster = resourceNamed(synthAws(spec).json, "aws_eks_cluster", "Cluster");
    // THEN private access stays on and the public endpoint is limited to that CIDR
    expect(cluster["vpc_config"]).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] });
  });

  test("fails when the endpoint is public without authorized networks", () => {
    const spec = exampleSpec();
    const open = { ...spec, network: { ...spec.network, apiAccess: "public" as const, authorizedNetworks: [] } };
    expect(() => synthAws(open)).toThrow(/network\.authorizedNetworks: is empty but apiAccess is "public"/);
  });

  test("fails when the authorized networks include 0.0.0.0/0", () => {
    const spec = exampleSpec();
    const open = { ...spec, network: { ...spec.network, apiAccess: "public" as const, authorizedNetworks: ["0.0.0.0/0"] } };
    expect(() => synthAws(open)).toThrow(/network\.authorizedNetworks\[0\]: "0\.0\.0\.0\/0" opens the Kubernetes API to the whole internet/);
  });
});
