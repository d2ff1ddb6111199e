import { ADDON_NAMES } from "../../lib/aws/addons";
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

  test("every add-on takes the default version EKS publishes for 1.33, read at plan time, and overwrites conflicts", () => {
    const addons = Object.values(resourcesOf(json, "aws_eks_addon"));
    expect(addons.map((a) => a["addon_name"]).sort()).toEqual([...ADDON_NAMES].sort());
    const lookups = json.data?.["aws_eks_addon_version"] ?? {};
    for (const a of addons) {
      const name = a["addon_name"] as string;
      const [lookupId, lookup] = Object.entries(lookups).find(([, l]) => l["addon_name"] === name) ?? [];
      expect(lookup).toEqual({ addon_name: name, kubernetes_version: "1.33", most_recent: false });
      expect(a["addon_version"]).toBe(`\${data.aws_eks_addon_version.${lookupId}.version}`);
      expect(a["resolve_conflicts_on_update"]).toBe("OVERWRITE");
    }
  });

  test("installs metrics-server and the node monitoring agent as EKS add-ons, after the system nodes", () => {
    for (const name of ["metrics-server", "eks-node-monitoring-agent"]) {
      const addon = resourceNamed(json, "aws_eks_addon", `Addon-${name}_`);
      expect(addon["depends_on"]).toEqual([expect.stringContaining("aws_eks_node_group.Platform_SystemNodePool")]);
      expect(addon).not.toHaveProperty("pod_identity_association");
    }
  });

  test("the EBS CSI driver may use the nodes key, for the encrypted default StorageClass", () => {
    const inline = statementsOf(resourceNamed(json, "aws_iam_role_policy", "Addon-aws-ebs-csi-driver")["policy"]);
    const grants = inline.find((st) => st.Sid === "EbsCsiGrantsForAttachedVolumes");
    expect(grants?.Condition).toEqual({ Bool: { "kms:GrantIsForAWSResource": true } });
    for (const st of inline) expect(st.Resource).toContain("aws_kms_key.Platform_NodesKey");
    expect(inline.flatMap((st) => st.Action)).toEqual(expect.arrayContaining(["kms:CreateGrant", "kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt"]));
  });

  test("deletion protection is on and the upgrade policy follows the spec (default extended)", () => {
    expect(cluster["deletion_protection"]).toBe(true);
    expect(cluster["upgrade_policy"]).toEqual({ support_type: "EXTENDED" });
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
});

describe("Cluster with spec overrides", () => {
  test("a pinned add-on version replaces the lookup, and supportPolicy standard sets STANDARD", () => {
    // GIVEN a spec pinning the VPC CNI and choosing the standard support policy (built
    // from the validated example: whether validation accepts "standard" depends on the day)
    const base = exampleSpec();
    const spec = { ...base, cluster: { ...base.cluster, supportPolicy: "standard" as const, addonVersions: { "vpc-cni": "v1.20.1-eksbuild.3" } } };
    // WHEN synthesized
    const { json } = synthAws(spec);
    // THEN the CNI carries the pinned version and has no lookup; the others keep theirs
    expect(resourceNamed(json, "aws_eks_addon", "Addon-vpc-cni_")["addon_version"]).toBe("v1.20.1-eksbuild.3");
    const looked = Object.values(json.data?.["aws_eks_addon_version"] ?? {}).map((l) => l["addon_name"]);
    expect(looked).not.toContain("vpc-cni");
    expect(looked).toContain("coredns");
    expect(resourceNamed(json, "aws_eks_cluster", "Cluster")["upgrade_policy"]).toEqual({ support_type: "STANDARD" });
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
