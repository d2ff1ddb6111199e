import { Testing, TerraformStack } from "cdktf";
import { Network } from "../../lib/aws/network";
import { PlatformKey } from "../../lib/aws/kms";
import { createAwsProvider } from "../../lib/aws/provider";
import { DEFAULT_INTERFACE_ENDPOINTS, endpointSubnetCidrs } from "../../lib/aws/network";
import { awsTarget, exampleSpec, resourceNamed, resourcesOf, statementsOf, synthAws, variantSpec, type TfJson } from "./helpers";

describe("Network", () => {
  let json: TfJson;
  beforeAll(() => {
    // GIVEN the default example (10.20.0.0/16, 3 zones, NAT per zone)
    // WHEN the AWS platform is synthesized
    json = synthAws(exampleSpec()).json;
  });

  test("the VPC takes the spec's CIDR and resolves DNS (needed by private endpoints)", () => {
    const vpc = resourceNamed(json, "aws_vpc", "Network");
    expect(vpc).toMatchObject({ cidr_block: "10.20.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  test("private subnets use the fixed address plan and carry the internal-ELB tag", () => {
    const subnets = resourcesOf(json, "aws_subnet");
    const priv = Object.entries(subnets).filter(([n]) => n.includes("PrivateSubnet"));
    expect(priv.map(([, s]) => s["cidr_block"]).sort()).toEqual(["10.20.0.0/18", "10.20.128.0/18", "10.20.64.0/18"]);
    for (const [, s] of priv) {
      expect(s["tags"]).toMatchObject({ "kubernetes.io/role/internal-elb": "1" });
      expect(String(s["availability_zone"])).toContain("data.aws_availability_zones");
    }
    const pub = Object.entries(subnets).filter(([n]) => n.includes("PublicSubnet"));
    expect(pub.map(([, s]) => s["cidr_block"]).sort()).toEqual(["10.20.192.0/22", "10.20.196.0/22", "10.20.200.0/22"]);
    for (const [, s] of pub) expect(s["tags"]).not.toHaveProperty("kubernetes.io/role/elb");
  });

  test("no subnet assigns public IPs on launch", () => {
    for (const s of Object.values(resourcesOf(json, "aws_subnet"))) {
      expect(s["map_public_ip_on_launch"]).toBe(false);
    }
  });

  test("availability zones come from the data source, available and without opt-in zones", () => {
    const azs = Object.values(json.data?.["aws_availability_zones"] ?? {});
    expect(azs).toHaveLength(1);
    expect(azs[0]).toMatchObject({ state: "available", filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] });
  });

  test("one NAT gateway per zone by default, each private route table using its own", () => {
    const nats = Object.keys(resourcesOf(json, "aws_nat_gateway"));
    expect(nats).toHaveLength(3);
    const routes = Object.entries(resourcesOf(json, "aws_route_table")).filter(([n]) => n.includes("Private"));
    const targets = routes.map(([, r]) => (r["route"] as { nat_gateway_id: string }[])[0]?.nat_gateway_id);
    expect(new Set(targets).size).toBe(3);
  });

  test("security groups allow no ingress from 0.0.0.0/0; endpoints get 443 from the VPC only", () => {
    const rules = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ cidr_ipv4: "10.20.0.0/16", from_port: 443, to_port: 443, ip_protocol: "tcp" });
    for (const sg of Object.values(resourcesOf(json, "aws_security_group"))) {
      expect(JSON.stringify(sg["ingress"] ?? [])).not.toContain("0.0.0.0/0");
    }
  });

  test("endpoint subnets: one small block per zone in the fourth quarter, no public IPs, apart from nodes and NAT", () => {
    const subnets = Object.entries(resourcesOf(json, "aws_subnet")).filter(([n]) => n.includes("EndpointSubnet"));
    expect(subnets.map(([, s]) => s["cidr_block"]).sort()).toEqual(["10.20.208.0/22", "10.20.212.0/22", "10.20.216.0/22"]);
    for (const [, sub] of subnets) expect(sub["map_public_ip_on_launch"]).toBe(false);
    expect(endpointSubnetCidrs("10.20.0.0/16", 2)).toEqual(["10.20.208.0/22", "10.20.212.0/22"]);
    expect(endpointSubnetCidrs("10.8.0.0/20", 3)).toEqual(["10.8.13.0/26", "10.8.13.64/26", "10.8.13.128/26"]);
  });

  test("the S3 gateway endpoint reaches only this account's buckets and the AWS buckets nodes read", () => {
    const s3 = Object.values(resourcesOf(json, "aws_vpc_endpoint")).find((e) => e["vpc_endpoint_type"] === "Gateway")!;
    const statements = statementsOf(s3["policy"]);
    expect(statements).toEqual([
      {
        Sid: "BucketsOfThisAccount",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceAccount": expect.stringContaining("data.aws_caller_identity.") } },
      },
      {
        Sid: "AwsOwnedBucketsNodesRead",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: ["arn:aws:s3:::prod-eu-central-1-starport-layer-bucket/*", "arn:aws:s3:::al2023-repos-eu-central-1-de612dc2/*"],
      },
    ]);
  });

  test("the default security group is taken over with no rules", () => {
    const sg = resourceNamed(json, "aws_default_security_group", "Network");
    expect(sg["ingress"]).toEqual([]);
    expect(sg["egress"]).toEqual([]);
  });

  test("interface endpoints for every required service, private DNS on, in the endpoint subnets; S3 as gateway", () => {
    const endpoints = Object.values(resourcesOf(json, "aws_vpc_endpoint"));
    const names = endpoints.map((e) => e["service_name"]);
    for (const svc of DEFAULT_INTERFACE_ENDPOINTS) expect(names).toContain(`com.amazonaws.eu-central-1.${svc}`);
    expect(names).toContain("com.amazonaws.eu-central-1.s3");
    for (const e of endpoints) {
      if (e["vpc_endpoint_type"] === "Interface") {
        expect(e["private_dns_enabled"]).toBe(true);
        expect((e["subnet_ids"] as string[]).every((id) => id.includes("EndpointSubnet"))).toBe(true);
      } else {
        expect(e["vpc_endpoint_type"]).toBe("Gateway");
        expect(e["route_table_ids"]).toHaveLength(3);
      }
    }
    expect(names).toContain("com.amazonaws.eu-central-1.eks-auth");
  });

  test("flow logs capture all traffic into a KMS-encrypted log group with retention", () => {
    const flow = resourceNamed(json, "aws_flow_log", "Network");
    expect(flow).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    const group = resourceNamed(json, "aws_cloudwatch_log_group", "FlowLogGroup");
    expect(String(group["kms_key_id"])).toContain("aws_kms_key.Platform_LogsKey");
    expect(group["retention_in_days"]).toBe(365);
    const role = resourceNamed(json, "aws_iam_role_policy", "FlowLogRolePolicy");
    for (const s of statementsOf(role["policy"])) expect(s.Resource).not.toBe("*");
  });
});

describe("Network with a single NAT gateway and two zones", () => {
  test("one NAT gateway serves both private route tables", () => {
    // GIVEN a spec asking for a single NAT gateway over two zones
    const spec = variantSpec((s) => {
      s["network"] = { cidr: "10.20.0.0/16", apiAccess: "private", natGateways: "single", zones: 2 };
    });
    // WHEN synthesized
    const { json } = synthAws(spec);
    // THEN there is one NAT gateway, and both private route tables point at it
    expect(Object.keys(resourcesOf(json, "aws_nat_gateway"))).toHaveLength(1);
    const routes = Object.entries(resourcesOf(json, "aws_route_table")).filter(([n]) => n.includes("Private"));
    expect(routes).toHaveLength(2);
    const targets = new Set(routes.map(([, r]) => (r["route"] as { nat_gateway_id: string }[])[0]?.nat_gateway_id));
    expect(targets.size).toBe(1);
  });
});

describe("Network validation", () => {
  const spec = exampleSpec();
  const build = (cidr: string, zones: number) => {
    const stack = new TerraformStack(Testing.app(), "net");
    createAwsProvider(stack, spec, awsTarget(spec));
    const env = { region: "eu-central-1", partition: "aws", accountId: "111122223333" };
    const logsKey = new PlatformKey(stack, "Logs", { alias: "alias/x/logs", description: "x", environment: env });
    return new Network(stack, "Network", { name: "x", cidr, zones, environment: env, clusterName: "x", logsKey });
  };

  test("fails when the VPC is smaller than /20", () => {
    expect(() => build("10.0.0.0/24", 3)).toThrow(/must be \/16 to \/20/);
  });

  test("fails when more zones are asked than the address plan has", () => {
    expect(() => build("10.0.0.0/16", 4)).toThrow(/network.zones: 4/);
  });
});
