import { loadSpecText } from "../../lib/spec/load";
import { validateSpec } from "../../lib/spec/validate";
import type { SpecProblem } from "../../lib/spec/problems";
import { specJsonSchema } from "../../lib/spec/json-schema";
import { withChange } from "./fixtures";

function problemsOf(input: unknown): readonly SpecProblem[] {
  const result = validateSpec(input);
  if (result.ok) throw new Error("expected the spec to be invalid, but it validated");
  return result.problems;
}

function messageAt(input: unknown, path: string): string {
  const problems = problemsOf(input);
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; got:\n${problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return found.message;
}

describe("validation: one pass", () => {
  test("fails with both the typo and the duplicate pool name when a pool has an unknown key", () => {
    const input = withChange((s) => {
      s.gpuPools[0].spto = true;
      s.gpuPools[1].name = "inference";
    });
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["gpuPools[0].spto", "gpuPools[1].name"]));
  });

  test("fails with the duplicate team name when the other team also has a bad field", () => {
    const input = withChange((s) => s.teams.push({ ...s.teams[0], gpuQuota: -1 }));
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["teams[1].gpuQuota", "teams[1].name"]));
  });

  test("fails with the network overlap when the network section also has a typo", () => {
    const input = withChange((s) => {
      s.network.natGatways = "single";
      s.network.podsCidr = "10.20.0.0/15";
    });
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["network.natGatways", "network.podsCidr"]));
  });

  test("fails when a team's zone is misspelt and the data lake has a typo too", () => {
    const input = withChange((s) => {
      s.dataLake.archiveAfterDay = 30;
      s.teams[0].data = { curatd: "read" };
    });
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["dataLake.archiveAfterDay", "teams[0].data.curatd"]));
  });

  test("does not change the input it validates", () => {
    const input = withChange((s) => (s.gpuPools[0].spto = true));
    validateSpec(input);
    expect((input.gpuPools as Record<string, unknown>[])[0]!.spto).toBe(true);
  });
});

describe("validation: numbers where text is expected", () => {
  test("fails when kubernetesVersion is an unquoted 1.30, saying YAML read it as 1.3 and to quote it", () => {
    const load = loadSpecText(
      ["name: acme-ml", "residency: eu", "targets: [{ cloud: aws, region: eu-central-1 }]", "cluster: { kubernetesVersion: 1.30 }", ""].join("\n"),
    );
    if (load.ok) throw new Error("expected problems");
    const p = load.problems.find((x) => x.path === "cluster.kubernetesVersion");
    expect(p?.message).toContain("1.30 is read as 1.3");
    expect(p?.message).toContain('quote it, e.g. kubernetesVersion: "');
  });

  test("fails when kubernetesVersion is an unquoted supported version, naming the quoted form", () => {
    expect(messageAt(withChange((s) => (s.cluster = { kubernetesVersion: 1.32 })), "cluster.kubernetesVersion")).toBe(
      '1.32 is a number, not text; quote it: kubernetesVersion: "1.32"',
    );
  });
});

describe("validation: existing networks", () => {
  const awsNet = { vpcId: "vpc-0a1b2c3d4e5f67890", privateSubnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0123456789abcdef0"] };
  const gcpNet = {
    network: "projects/acme-net-host/global/networks/shared",
    subnetwork: "projects/acme-net-host/regions/europe-west4/subnetworks/ml-nodes",
    podsRange: "ml-pods",
    servicesRange: "ml-services",
  };

  test("accepts an existing VPC on aws and a Shared VPC subnetwork on gcp", () => {
    const result = validateSpec(
      withChange((s) => {
        s.targets[0].existingNetwork = awsNet;
        s.targets[1].existingNetwork = gcpNet;
      }),
    );
    expect(result.ok).toBe(true);
  });

  test("fails when a VPC id is not an id", () => {
    const input = withChange((s) => (s.targets[0].existingNetwork = { ...awsNet, vpcId: "my-vpc" }));
    expect(messageAt(input, "targets[0].existingNetwork.vpcId")).toContain("must be a VPC id, e.g. vpc-");
  });

  test("fails when only one private subnet is given (EKS needs two zones)", () => {
    const input = withChange((s) => (s.targets[0].existingNetwork = { ...awsNet, privateSubnetIds: [awsNet.privateSubnetIds[0]] }));
    expect(messageAt(input, "targets[0].existingNetwork.privateSubnetIds")).toContain("must have at least 2");
  });

  test("fails when a subnet is listed twice", () => {
    const id = awsNet.privateSubnetIds[0];
    const input = withChange((s) => (s.targets[0].existingNetwork = { ...awsNet, privateSubnetIds: [id, id] }));
    expect(messageAt(input, "targets[0].existingNetwork.privateSubnetIds[1]")).toContain("already used by");
  });

  test("fails when the gcp subnetwork is in another region than the target", () => {
    const input = withChange(
      (s) => (s.targets[1].existingNetwork = { ...gcpNet, subnetwork: "projects/acme-net-host/regions/europe-west1/subnetworks/ml-nodes" }),
    );
    expect(messageAt(input, "targets[1].existingNetwork.subnetwork")).toContain("is in region europe-west1, not the target's region europe-west4");
  });

  test("fails when the subnetwork is in another project than the network", () => {
    const input = withChange(
      (s) => (s.targets[1].existingNetwork = { ...gcpNet, subnetwork: "projects/acme-ml-prod/regions/europe-west4/subnetworks/ml-nodes" }),
    );
    expect(messageAt(input, "targets[1].existingNetwork.subnetwork")).toContain("but the network is in acme-net-host");
  });

  test("fails when the network is not a network path", () => {
    const input = withChange((s) => (s.targets[1].existingNetwork = { ...gcpNet, network: "shared" }));
    expect(messageAt(input, "targets[1].existingNetwork.network")).toContain("must be projects/<project>/global/networks/<name>");
  });

  test("fails when pods and services name the same secondary range", () => {
    const input = withChange((s) => (s.targets[1].existingNetwork = { ...gcpNet, servicesRange: "ml-pods" }));
    expect(messageAt(input, "targets[1].existingNetwork.servicesRange")).toContain("two different secondary ranges");
  });

  test("fails when a range name is missing", () => {
    const { podsRange: _omitted, ...rest } = gcpNet;
    const input = withChange((s) => (s.targets[1].existingNetwork = rest));
    expect(messageAt(input, "targets[1].existingNetwork.podsRange")).toContain("is required");
  });
});

describe("validation: aws target options", () => {
  test("accepts a metadata hop limit of 2", () => {
    expect(validateSpec(withChange((s) => (s.targets[0].aws = { metadataHopLimit: 2 }))).ok).toBe(true);
  });

  test("fails when the hop limit is 0", () => {
    expect(messageAt(withChange((s) => (s.targets[0].aws = { metadataHopLimit: 0 })), "targets[0].aws.metadataHopLimit")).toContain("at least 1");
  });

  test("fails when an aws option block is put on a gcp target", () => {
    expect(messageAt(withChange((s) => (s.targets[1].aws = { metadataHopLimit: 2 })), "targets[1].aws")).toContain("unknown field");
  });
});

describe("the JSON Schema carries what validation enforces", () => {
  const schema = specJsonSchema() as { properties: Record<string, any> };
  const network = schema.properties.network.properties;

  test("CIDR fields have the cidrv4 format and a pattern that rejects a bare address", () => {
    expect(network.cidr.format).toBe("cidrv4");
    const pattern = new RegExp(network.cidr.pattern as string);
    expect(pattern.test("10.20.0.0/16")).toBe(true);
    expect(pattern.test("10.20.0.0")).toBe(false);
    expect(pattern.test("300.20.0.0/16")).toBe(false);
    expect(network.authorizedNetworks.items.format).toBe("cidrv4");
  });

  test("name patterns reject '--' as the CLI does", () => {
    const pattern = new RegExp(schema.properties.name.pattern as string);
    expect(pattern.test("acme-ml")).toBe(true);
    expect(pattern.test("acme--ml")).toBe(false);
  });

  test("team names exclude the reserved namespaces", () => {
    const team = schema.properties.teams.items.properties.name;
    expect(team.not.enum).toContain("kube-system");
  });

  test("existing network ids carry the patterns validation uses", () => {
    const aws = schema.properties.targets.items.oneOf.find((t: any) => t.properties.cloud.const === "aws");
    const vpc = new RegExp(aws.properties.existingNetwork.properties.vpcId.pattern as string);
    expect(vpc.test("vpc-0a1b2c3d4e5f67890")).toBe(true);
    expect(vpc.test("vpc-xyz")).toBe(false);
  });
});
