import { Testing, TerraformStack } from "cdktf";
import { GcpCluster, GcpNetwork, LOGGING_COMPONENTS } from "../../lib/gcp";
import { blocksOf, exampleInput, gcpSpec, synthPlatform, type TfJson } from "./helpers";

function clusterOf(json: TfJson): Record<string, unknown> {
  const clusters = blocksOf(json, "google_container_cluster");
  expect(clusters).toHaveLength(1);
  return clusters[0]!;
}

describe("GcpCluster (private example)", () => {
  let json: TfJson;
  let cluster: Record<string, unknown>;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
    cluster = clusterOf(json);
  });

  test("GIVEN apiAccess private WHEN synthesized THEN nodes and the endpoint are private, the endpoint reachable from every region", () => {
    expect(cluster["private_cluster_config"]).toEqual({
      enable_private_nodes: true,
      enable_private_endpoint: true,
      master_global_access_config: { enabled: true },
    });
  });

  test("THEN master authorized networks are enabled with no CIDR and no Google public ranges, and enforced on the private endpoint", () => {
    expect(cluster["master_authorized_networks_config"]).toEqual({
      cidr_blocks: [],
      gcp_public_cidrs_access_enabled: false,
      private_endpoint_enforcement_enabled: true,
    });
  });

  test("THEN the DNS-based endpoint takes no outside traffic", () => {
    expect(cluster["control_plane_endpoints_config"]).toEqual({ dns_endpoint_config: { allow_external_traffic: false } });
  });

  test("THEN the cluster is regional, VPC-native on the subnet's named ranges, and has no node pool of its own", () => {
    expect(cluster).toMatchObject({
      location: "europe-west4",
      networking_mode: "VPC_NATIVE",
      ip_allocation_policy: { cluster_secondary_range_name: "pods", services_secondary_range_name: "services" },
      remove_default_node_pool: true,
      initial_node_count: 1,
    });
    expect(cluster["node_pool"]).toBeUndefined();
  });

  test("THEN Workload Identity, Dataplane V2, shielded nodes and a release channel are on", () => {
    expect(cluster).toMatchObject({
      workload_identity_config: { workload_pool: "acme-ml-prod.svc.id.goog" },
      datapath_provider: "ADVANCED_DATAPATH",
      enable_shielded_nodes: true,
      release_channel: { channel: "REGULAR" },
      min_master_version: "1.33",
    });
    expect(cluster["network_policy"]).toBeUndefined();
  });

  test("THEN legacy ABAC and client certificates are off and deletion is protected", () => {
    expect(cluster).toMatchObject({
      enable_legacy_abac: false,
      master_auth: { client_certificate_config: { issue_client_certificate: false } },
      deletion_protection: true,
    });
  });

  test("THEN control-plane and workload logs and managed Prometheus are on; no security group by default", () => {
    expect(cluster["logging_config"]).toEqual({ enable_components: [...LOGGING_COMPONENTS] });
    expect(cluster["monitoring_config"]).toMatchObject({ managed_prometheus: { enabled: true } });
    expect(cluster["authenticator_groups_config"]).toBeUndefined();
    expect(cluster["binary_authorization"]).toBeUndefined();
  });

  test("THEN GKE's temporary default pool is hardened too, and later changes to it are ignored", () => {
    expect(cluster["node_config"]).toMatchObject({
      workload_metadata_config: { mode: "GKE_METADATA" },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
    });
    expect(cluster["lifecycle"]).toMatchObject({ ignore_changes: ["node_config", "initial_node_count"] });
  });
});

describe("GcpCluster (public endpoint)", () => {
  let cluster: Record<string, unknown>;

  beforeAll(() => {
    const input = exampleInput();
    const { spec, target } = gcpSpec({ ...input, network: { cidr: "10.20.0.0/16", apiAccess: "public", authorizedNetworks: ["203.0.113.0/24"] } });
    cluster = clusterOf(synthPlatform(spec, target).json);
  });

  test("GIVEN apiAccess public with an authorized network THEN nodes stay private, the endpoint is public, and only that CIDR may reach it", () => {
    expect(cluster["private_cluster_config"]).toEqual({ enable_private_nodes: true, enable_private_endpoint: false });
    expect(cluster["master_authorized_networks_config"]).toEqual({
      gcp_public_cidrs_access_enabled: false,
      cidr_blocks: [{ cidr_block: "203.0.113.0/24", display_name: "authorized 203.0.113.0/24" }],
    });
  });
});

describe("GcpCluster props", () => {
  function build(overrides: Partial<ConstructorParameters<typeof GcpCluster>[2]>): TfJson {
    const stack = new TerraformStack(Testing.app(), "props");
    const network = new GcpNetwork(stack, "Network", {
      name: "p", project: "proj-123456", region: "europe-west4", cidr: "10.0.0.0/16", podsCidr: "10.64.0.0/14", servicesCidr: "10.68.0.0/20",
    });
    new GcpCluster(stack, "Cluster", {
      name: "p", project: "proj-123456", region: "europe-west4", network, kubernetesVersion: "1.33", apiAccess: "private",
      authorizedNetworks: [], secretsKmsKey: "k", nodeServiceAccountEmail: "n@x.iam.gserviceaccount.com", bootDiskKmsKey: "b",
      ...overrides,
    });
    return JSON.parse(Testing.synth(stack)) as TfJson;
  }

  test("GIVEN a security group, binary authorization and a control-plane range THEN they are configured", () => {
    const json = build({ securityGroup: "gke-security-groups@acme.example", binaryAuthorization: true, masterIpv4CidrBlock: "172.16.0.0/28" });
    const cluster = clusterOf(json);
    expect(cluster["authenticator_groups_config"]).toEqual({ security_group: "gke-security-groups@acme.example" });
    expect(cluster["binary_authorization"]).toEqual({ evaluation_mode: "PROJECT_SINGLETON_POLICY_ENFORCE" });
    expect(cluster["private_cluster_config"]).toMatchObject({ master_ipv4_cidr_block: "172.16.0.0/28" });
    const webhooks = blocksOf(json, "google_compute_firewall").find((r) => r["allow"] !== undefined)!;
    expect(webhooks).toMatchObject({
      source_ranges: ["172.16.0.0/28"],
      target_service_accounts: ["n@x.iam.gserviceaccount.com"],
      allow: [{ protocol: "tcp", ports: ["8443", "9443", "15017"] }],
    });
  });

  test("fails when an authorized network is 0.0.0.0/0", () => {
    expect(() => build({ apiAccess: "public", authorizedNetworks: ["0.0.0.0/0"] })).toThrow(/network\.authorizedNetworks\[0\]: "0\.0\.0\.0\/0" opens the Kubernetes API to the whole internet/);
  });

  test("fails when the endpoint is public without authorized networks", () => {
    expect(() => build({ apiAccess: "public", authorizedNetworks: [] })).toThrow(/network\.authorizedNetworks: is empty but apiAccess is "public"/);
  });
});
