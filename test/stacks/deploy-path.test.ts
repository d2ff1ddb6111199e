/**
 * The deploy path of a private platform: the networks of CI runners reach the private
 * Kubernetes API, and the deployers get cluster admin on both clouds and nothing else.
 */
import { Testing } from "cdktf";
import { parseSpec } from "../../lib/spec/validate";
import { addPlatformStacks } from "../../stacks/platform";
import { withChange } from "../spec/fixtures";

type Json = Record<string, any>;

const RUNNERS = "10.99.0.0/24";
const VPN = "172.16.8.0/22";
const AWS_DEPLOYER = "arn:aws:iam::111122223333:role/ci-deploy";
const GCP_DEPLOYER = "serviceAccount:ci-deploy@acme-ml-prod.iam.gserviceaccount.com";

function resources(json: Json, type: string): Json[] {
  return Object.values((json.resource?.[type] ?? {}) as Record<string, Json>);
}

function synthAll(input: unknown): { aws: Json; awsK8s: Json; gcp: Json; gcpK8s: Json } {
  const [aws, gcp] = addPlatformStacks(Testing.app(), parseSpec(input));
  return {
    aws: JSON.parse(Testing.synth(aws!.cloud)),
    awsK8s: JSON.parse(Testing.synth(aws!.k8s)),
    gcp: JSON.parse(Testing.synth(gcp!.cloud)),
    gcpK8s: JSON.parse(Testing.synth(gcp!.k8s)),
  };
}

describe("a private platform with authorized networks, deployers and the GKE DNS endpoint", () => {
  let out: ReturnType<typeof synthAll>;
  beforeAll(() => {
    out = synthAll(
      withChange((s) => {
        s.network = { cidr: "10.20.0.0/16", apiAccess: "private", authorizedNetworks: [RUNNERS, VPN], apiDnsEndpoint: true };
        s.deployers = { aws: [AWS_DEPLOYER], gcp: [GCP_DEPLOYER] };
      }),
    );
  });

  describe("EKS", () => {
    test("the cluster security group admits each authorized network on 443 (TCP) and nothing else", () => {
      const rules = resources(out.aws, "aws_vpc_security_group_ingress_rule").filter((r) =>
        String(r["security_group_id"]).includes("cluster_security_group_id"),
      );
      expect(rules.map((r) => r["cidr_ipv4"]).sort()).toEqual([RUNNERS, VPN].sort());
      for (const rule of rules) {
        expect(rule).toMatchObject({ ip_protocol: "tcp", from_port: 443, to_port: 443 });
        expect(rule["security_group_id"]).toMatch(/^\$\{aws_eks_cluster\.[^.}]+\.vpc_config\[0\]\.cluster_security_group_id\}$/);
      }
    });

    test("the endpoint stays private", () => {
      const [cluster] = resources(out.aws, "aws_eks_cluster");
      expect(cluster!["vpc_config"]).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
      expect(cluster!["vpc_config"]["public_access_cidrs"]).toBeUndefined();
    });

    test("the deployer gets an access entry with no Kubernetes group and AmazonEKSClusterAdminPolicy at cluster scope", () => {
      const entries = resources(out.aws, "aws_eks_access_entry").filter((e) => e["principal_arn"] === AWS_DEPLOYER);
      expect(entries).toHaveLength(1);
      expect(entries[0]!["kubernetes_groups"]).toBeUndefined();
      const entryRef = Object.entries(out.aws.resource["aws_eks_access_entry"] as Record<string, Json>).find(
        ([, e]) => e["principal_arn"] === AWS_DEPLOYER,
      )![0];
      const associations = resources(out.aws, "aws_eks_access_policy_association").filter((a) =>
        String(a["principal_arn"]).includes(entryRef),
      );
      expect(associations).toEqual([
        expect.objectContaining({
          policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
          access_scope: { type: "cluster" },
        }),
      ]);
    });

    test("the deployer appears in no IAM policy or trust policy: cluster admin is all it gets", () => {
      const iam = JSON.stringify([
        ...resources(out.aws, "aws_iam_role"),
        ...resources(out.aws, "aws_iam_role_policy"),
        ...resources(out.aws, "aws_iam_policy"),
        ...resources(out.aws, "aws_kms_key"),
        ...resources(out.aws, "aws_s3_bucket_policy"),
      ]);
      expect(iam).not.toContain("role/ci-deploy");
    });

    test("the in-cluster stack verifies the API with the cluster CA", () => {
      expect(out.awsK8s.provider.kubernetes[0]["cluster_ca_certificate"]).toContain("cluster_ca_certificate");
    });
  });

  describe("GKE", () => {
    let cluster: Json;
    beforeAll(() => {
      cluster = resources(out.gcp, "google_container_cluster")[0]!;
    });

    test("the authorized networks become master authorized networks, enforced on the private endpoint", () => {
      expect(cluster["master_authorized_networks_config"]).toEqual({
        gcp_public_cidrs_access_enabled: false,
        private_endpoint_enforcement_enabled: true,
        cidr_blocks: [
          { cidr_block: RUNNERS, display_name: `authorized ${RUNNERS}` },
          { cidr_block: VPN, display_name: `authorized ${VPN}` },
        ],
      });
    });

    test("the private endpoint answers every region (global access) and stays private", () => {
      expect(cluster["private_cluster_config"]).toMatchObject({
        enable_private_endpoint: true,
        enable_private_nodes: true,
        master_global_access_config: { enabled: true },
      });
    });

    test("the DNS-based endpoint takes outside traffic, and the cloud stack's cluster_endpoint is that DNS name", () => {
      expect(cluster["control_plane_endpoints_config"]).toEqual({ dns_endpoint_config: { allow_external_traffic: true } });
      expect(out.gcp.output["cluster_endpoint"].value).toMatch(
        /^https:\/\/\$\{google_container_cluster\.[^.}]+\.control_plane_endpoints_config\[0\]\.dns_endpoint_config\[0\]\.endpoint\}$/,
      );
    });

    test("the in-cluster stack reaches it with an IAM token and no cluster CA (the DNS endpoint's certificate is publicly trusted)", () => {
      const provider = out.gcpK8s.provider.kubernetes[0];
      expect(provider["cluster_ca_certificate"]).toBeUndefined();
      expect(provider["token"]).toContain("data.google_client_config");
      expect(provider["host"]).toContain("cluster_endpoint");
    });

    test("the deployer gets roles/container.admin on the project and no other role", () => {
      const grants = resources(out.gcp, "google_project_iam_member").filter((m) => m["member"] === GCP_DEPLOYER);
      // (depends_on: the grant waits for the Resource Manager API)
      expect(grants.map(({ depends_on: _, ...grant }) => grant)).toEqual([{ project: "acme-ml-prod", role: "roles/container.admin", member: GCP_DEPLOYER }]);
      const elsewhere = [
        "google_storage_bucket_iam_member",
        "google_bigquery_dataset_iam_member",
        "google_kms_crypto_key_iam_member",
        "google_service_account_iam_member",
      ].flatMap((t) => resources(out.gcp, t));
      expect(JSON.stringify(elsewhere)).not.toContain("ci-deploy@");
    });
  });
});

describe("authorized networks with a public endpoint", () => {
  test("go to the public endpoint's CIDRs, with no rule on the cluster security group", () => {
    const { aws, gcp } = synthAll(
      withChange((s) => {
        s.network = { cidr: "10.20.0.0/16", apiAccess: "public", authorizedNetworks: ["203.0.113.0/24"] };
      }),
    );
    const [cluster] = resources(aws, "aws_eks_cluster");
    expect(cluster!["vpc_config"]["public_access_cidrs"]).toEqual(["203.0.113.0/24"]);
    expect(resources(aws, "aws_vpc_security_group_ingress_rule").filter((r) => String(r["security_group_id"]).includes("cluster_security_group_id"))).toEqual([]);
    const [gke] = resources(gcp, "google_container_cluster");
    expect(gke!["master_authorized_networks_config"]["private_endpoint_enforcement_enabled"]).toBeUndefined();
    expect(gke!["private_cluster_config"]["master_global_access_config"]).toBeUndefined();
  });
});
