import { Testing } from "cdktf";
import { parseSpec } from "../../lib/spec/validate";
import { addPlatformStacks } from "../../stacks/platform";
import { withChange } from "../spec/fixtures";

type Json = Record<string, any>;

const VPC = "vpc-0a1b2c3d4e5f67890";
const SUBNETS = ["subnet-0a1b2c3d4e5f67890", "subnet-0123456789abcdef0"];
const NETWORK = "projects/acme-net-host/global/networks/shared";
const SUBNETWORK = "projects/acme-net-host/regions/europe-west4/subnetworks/ml-nodes";

/** Resource types of the network layer: none of them may appear when the network exists already. */
const AWS_NETWORK_TYPES = [
  "aws_vpc",
  "aws_subnet",
  "aws_internet_gateway",
  "aws_nat_gateway",
  "aws_eip",
  "aws_route_table",
  "aws_route_table_association",
  "aws_vpc_endpoint",
  "aws_flow_log",
  "aws_default_security_group",
];
const GCP_NETWORK_TYPES = ["google_compute_network", "google_compute_subnetwork", "google_compute_router", "google_compute_router_nat", "google_compute_firewall"];

const values = (block: Json | undefined): Json[] => Object.values(block ?? {});

describe("existing networks (a VPC on AWS, a Shared VPC subnetwork on GCP) and the aws hop limit", () => {
  let aws: Json;
  let gcp: Json;
  beforeAll(() => {
    const spec = parseSpec(
      withChange((s) => {
        s.targets[0].existingNetwork = { vpcId: VPC, privateSubnetIds: SUBNETS };
        s.targets[0].aws = { metadataHopLimit: 2 };
        s.targets[1].existingNetwork = { network: NETWORK, subnetwork: SUBNETWORK, podsRange: "ml-pods", servicesRange: "ml-services" };
      }),
    );
    const stacks = addPlatformStacks(Testing.app(), spec);
    aws = JSON.parse(Testing.synth(stacks[0]!.cloud)) as Json;
    gcp = JSON.parse(Testing.synth(stacks[1]!.cloud)) as Json;
  });

  test("no network-level resource is created on AWS", () => {
    expect(AWS_NETWORK_TYPES.filter((t) => aws.resource[t] !== undefined)).toEqual([]);
  });

  test("the EKS cluster and every node group use exactly the given subnets, read through checked data sources", () => {
    const subnetData = aws.data.aws_subnet as Json;
    const refs = Object.keys(subnetData).map((k) => `\${data.aws_subnet.${k}.id}`);
    expect(values(subnetData).map((d) => d.id).sort()).toEqual([...SUBNETS].sort());
    const cluster = values(aws.resource.aws_eks_cluster)[0]!;
    expect([...cluster.vpc_config.subnet_ids].sort()).toEqual([...refs].sort());
    const groups = values(aws.resource.aws_eks_node_group);
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const g of groups) {
      // GPU groups get the given subnets filtered by the zones that offer their instance type
      const used = Array.isArray(g.subnet_ids) ? [...g.subnet_ids] : [...new Set((g.subnet_ids as string).match(/data\.aws_subnet\.[A-Za-z0-9_-]+\.id/g) ?? [])].map((r) => `\${${r}}`);
      expect(used.sort()).toEqual([...refs].sort());
    }
  });

  test("plan fails unless each subnet is in the VPC and assigns no public IPs, and the VPC resolves DNS", () => {
    for (const d of values(aws.data.aws_subnet)) {
      const conditions = (d.lifecycle.postcondition as Json[]).map((c) => c.condition);
      expect(conditions).toEqual([`\${self.vpc_id == "${VPC}"}`, "${!self.map_public_ip_on_launch}"]);
    }
    const vpc = values(aws.data.aws_vpc)[0]!;
    expect(vpc.id).toBe(VPC);
    expect(vpc.lifecycle.postcondition[0].condition).toBe("${self.enable_dns_support && self.enable_dns_hostnames}");
  });

  test("the network_id output is the existing VPC", () => {
    expect(aws.output.network_id.value).toMatch(/^\$\{data\.aws_vpc\.[^.]+\.id\}$/);
  });

  test("every launch template has the spec's hop limit", () => {
    const templates = values(aws.resource.aws_launch_template);
    expect(templates.length).toBeGreaterThanOrEqual(2);
    expect(templates.map((t) => t.metadata_options.http_put_response_hop_limit)).toEqual(templates.map(() => 2));
  });

  test("no network-level resource is created on GCP", () => {
    expect(GCP_NETWORK_TYPES.filter((t) => gcp.resource[t] !== undefined)).toEqual([]);
  });

  test("the GKE cluster attaches to the host project's network and subnetwork with the named secondary ranges", () => {
    const cluster = values(gcp.resource.google_container_cluster)[0]!;
    expect(cluster.network).toBe(NETWORK);
    const [key, sub] = Object.entries(gcp.data.google_compute_subnetwork as Json)[0]!;
    expect(cluster.subnetwork).toBe(`\${data.google_compute_subnetwork.${key}.id}`);
    expect(sub).toMatchObject({ project: "acme-net-host", region: "europe-west4", name: "ml-nodes" });
    expect(cluster.ip_allocation_policy).toEqual({ cluster_secondary_range_name: "ml-pods", services_secondary_range_name: "ml-services" });
    // The cluster itself stays in the target's (service) project.
    expect(cluster.project).toBe("acme-ml-prod");
  });

  test("plan fails unless the subnetwork is in the network, has both ranges and Private Google Access", () => {
    const sub = values(gcp.data.google_compute_subnetwork)[0]!;
    const conditions = (sub.lifecycle.postcondition as Json[]).map((c) => c.condition as string);
    expect(conditions).toEqual([
      `\${self.network == "${NETWORK}" || endswith(self.network, "/${NETWORK}")}`,
      '${contains(self.secondary_ip_range[*].range_name, "ml-pods")}',
      '${contains(self.secondary_ip_range[*].range_name, "ml-services")}',
      "${self.private_ip_google_access}",
    ]);
  });
});
