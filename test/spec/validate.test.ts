import { parseSpec, validateSpec } from "../../lib/spec/validate";
import { SpecValidationError, type SpecProblem } from "../../lib/spec/problems";
import { validInput, withChange } from "./fixtures";

/** The problems of an invalid spec (fails the test if the spec is valid). */
function problemsOf(input: unknown): readonly SpecProblem[] {
  const result = validateSpec(input);
  if (result.ok) throw new Error("expected the spec to be invalid, but it validated");
  return result.problems;
}

/** The single problem at `path`, failing if there is none. */
function problemAt(input: unknown, path: string): SpecProblem {
  const problems = problemsOf(input);
  const found = problems.filter((p) => p.path === path);
  if (found.length === 0) throw new Error(`no problem at ${path}; got:\n${problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return found[0]!;
}

describe("validateSpec: a valid spec", () => {
  test("GIVEN the fixture WHEN validated THEN it passes with defaults applied", () => {
    const spec = parseSpec(validInput());
    expect(spec.network.apiAccess).toBe("private");
    expect(spec.network.podsCidr).toBe("10.64.0.0/14");
    expect(spec.cluster.kubernetesVersion).toBe("1.33");
    expect(spec.cluster.system).toEqual({ size: "medium", minNodes: 2, maxNodes: 4 });
    expect(spec.modelRegistry).toEqual({ retentionDays: 30, lock: false });
    expect(spec.gpuPools[1]!.minNodes).toBe(0);
    expect(spec.gpuPools[1]!.spot).toBe(false);
    expect(spec.teams[0]!.members.viewers).toEqual({ aws: [], gcp: [] });
    expect(spec.backend).toEqual({ kind: "local" });
  });

  test("GIVEN a minimal spec WHEN validated THEN only name, residency, targets and who deploys are required", () => {
    const spec = parseSpec({
      name: "tiny",
      residency: "us",
      targets: [{ cloud: "aws", region: "us-east-2" }],
      deployers: { aws: ["arn:aws:iam::111122223333:role/ci-deploy"] },
    });
    expect(spec.dataLake.zones).toEqual(["raw", "curated", "features"]);
    expect(spec.gpuPools).toEqual([]);
    expect(spec.teams).toEqual([]);
  });

  test("GIVEN a $schema key for editors WHEN validated THEN it is accepted", () => {
    expect(validateSpec({ ...validInput(), $schema: "./schema/platform-spec.schema.json" }).ok).toBe(true);
  });
});

describe("validateSpec: names", () => {
  test.each([
    ["Acme", "lowercase DNS label"],
    ["ab", "at least 3"],
    ["a-very-long-platform-name", "at most 20"],
    ["acme-", "lowercase DNS label"],
    ["1acme", "lowercase DNS label"],
    ["ac--me", "must not contain '--'"],
  ])("fails when the platform name is %p", (name, hint) => {
    const p = problemAt(withChange((s) => (s.name = name)), "name");
    expect(p.message).toContain(JSON.stringify(name));
    expect(p.message).toContain(hint);
  });

  test("fails when a team name is reserved by Kubernetes", () => {
    const p = problemAt(withChange((s) => (s.teams[0].name = "kube-system")), "teams[0].name");
    expect(p.message).toContain("reserved");
  });

  test("fails when two teams share a name", () => {
    const p = problemAt(withChange((s) => s.teams.push({ ...s.teams[0] })), "teams[1].name");
    expect(p.message).toBe('"research" is already used by teams[0].name; team names must be unique');
  });

  test("fails when two GPU pools share a name", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[1].name = "inference")), "gpuPools[1].name");
    expect(p.message).toContain("already used by gpuPools[0].name");
  });

  test("fails when a data-lake zone is listed twice", () => {
    const p = problemAt(withChange((s) => (s.dataLake.zones = ["raw", "curated", "raw"])), "dataLake.zones[2]");
    expect(p.message).toContain("already used by dataLake.zones[0]");
  });

  test("fails when a zone name is too long for bucket names", () => {
    const p = problemAt(withChange((s) => (s.dataLake.zones = ["raw", "curated-feature-store"])), "dataLake.zones[1]");
    expect(p.message).toContain("at most 12");
  });
});

describe("validateSpec: unknown keys", () => {
  test("fails when a top-level field is misspelt, suggesting the right one", () => {
    const p = problemAt(withChange((s) => (s.gpuPool = [])), "gpuPool");
    expect(p.message).toContain('unknown field (did you mean "gpuPools"?)');
  });

  test("fails when a nested field is misspelt, listing the allowed fields", () => {
    const p = problemAt(withChange((s) => (s.network.cidrs = "10.0.0.0/16")), "network.cidrs");
    expect(p.message).toContain('did you mean "cidr"?');
    expect(p.message).toContain("allowed here: cidr, podsCidr, servicesCidr");
  });

  test("fails when a field inside a list item is unknown", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[0].gpuPerNode = 2)), "gpuPools[0].gpuPerNode");
    expect(p.message).toContain('did you mean "gpusPerNode"?');
  });

  test("fails when a target field is unknown (per cloud)", () => {
    const p = problemAt(withChange((s) => (s.targets[1].projectId = "x")), "targets[1].projectId");
    expect(p.message).toContain('did you mean "project"?');
  });
});

describe("validateSpec: targets and residency", () => {
  test("fails when a gcp target has no project", () => {
    const p = problemAt(withChange((s) => delete s.targets[1].project), "targets[1].project");
    expect(p.message).toContain("is required on gcp targets");
  });

  test("fails when the cloud is unknown", () => {
    const p = problemAt(withChange((s) => (s.targets[0].cloud = "azure")), "targets[0].cloud");
    expect(p.message).toBe('"azure" is not allowed; allowed: aws, gcp');
  });

  test("fails when the residency is not a jurisdiction", () => {
    const p = problemAt(withChange((s) => (s.residency = "europe")), "residency");
    expect(p.message).toContain('"europe" is not allowed');
    expect(p.message).toContain("eu, de");
  });

  test("fails when a region lies outside the residency, saying where it is", () => {
    const p = problemAt(withChange((s) => (s.targets[0].region = "eu-central-2")), "targets[0].region");
    expect(p.message).toContain('"eu-central-2" is outside residency "eu" (eu-central-2 is in ch)');
    expect(p.message).toContain("eu-central-1");
  });

  test("fails when a London region is used for an EU platform on gcp", () => {
    const p = problemAt(withChange((s) => (s.targets[1].region = "europe-west2")), "targets[1].region");
    expect(p.message).toContain("is in uk");
  });

  test("fails when the region is not a known region", () => {
    const p = problemAt(withChange((s) => (s.targets[0].region = "eu-middle-9")), "targets[0].region");
    expect(p.message).toContain("is not a known aws region");
  });

  test("fails when the same cloud and region is targeted twice", () => {
    const p = problemAt(withChange((s) => s.targets.push({ cloud: "aws", region: "eu-central-1" })), "targets[2]");
    expect(p.message).toContain("already targeted by targets[0]");
  });

  test("fails when there is no target", () => {
    const p = problemAt(withChange((s) => (s.targets = [])), "targets");
    expect(p.message).toContain("at least 1");
  });
});

describe("validateSpec: network", () => {
  test.each([
    ["10.20.0.0", "is not an IPv4 CIDR block"],
    ["10.20.0.0/33", "is not an IPv4 CIDR block"],
    ["10.20.1.0/16", "has host bits set (the network address of /16 is 10.20.0.0/16)"],
    ["8.8.0.0/16", "is not a private range"],
    ["10.20.0.0/24", "use a prefix from /16 to /20"],
    ["10.0.0.0/8", "use a prefix from /16 to /20"],
  ])("fails when network.cidr is %p", (cidr, hint) => {
    const p = problemAt(withChange((s) => (s.network.cidr = cidr)), "network.cidr");
    expect(p.message).toContain(hint);
  });

  test("fails when the pods range overlaps the network", () => {
    const p = problemAt(withChange((s) => (s.network.podsCidr = "10.20.0.0/14")), "network.podsCidr");
    expect(p.message).toContain("overlaps network.cidr (10.20.0.0/16)");
  });

  test("fails when the services range overlaps the pods range", () => {
    const p = problemAt(withChange((s) => (s.network.servicesCidr = "10.65.0.0/20")), "network.servicesCidr");
    expect(p.message).toContain("overlaps network.podsCidr (10.64.0.0/14)");
  });

  test("accepts a pods range in the RFC 6598 shared space", () => {
    expect(validateSpec(withChange((s) => (s.network.podsCidr = "100.64.0.0/14"))).ok).toBe(true);
  });

  test("fails when the services range is in the shared space (EKS needs RFC 1918)", () => {
    const p = problemAt(withChange((s) => (s.network.servicesCidr = "100.64.0.0/20")), "network.servicesCidr");
    expect(p.message).toContain("is not a private range");
  });

  test("fails when the API is public without authorized networks", () => {
    const p = problemAt(withChange((s) => (s.network.apiAccess = "public")), "network.authorizedNetworks");
    expect(p.message).toContain("never 0.0.0.0/0");
  });

  test("fails when an authorized network is the whole internet", () => {
    const input = withChange((s) => {
      s.network.apiAccess = "public";
      s.network.authorizedNetworks = ["0.0.0.0/0"];
    });
    expect(problemAt(input, "network.authorizedNetworks[0]").message).toContain("the whole internet");
  });

  test("fails when a private endpoint lists a public authorized network", () => {
    const p = problemAt(withChange((s) => (s.network.authorizedNetworks = ["203.0.113.0/24"])), "network.authorizedNetworks[0]");
    expect(p.message).toContain('but apiAccess is "private"');
  });

  test("accepts a public endpoint limited to a narrow range", () => {
    const input = withChange((s) => {
      s.network.apiAccess = "public";
      s.network.authorizedNetworks = ["203.0.113.0/24"];
    });
    expect(validateSpec(input).ok).toBe(true);
  });
});

describe("validateSpec: sizes and quotas", () => {
  test("fails when a pool's minNodes exceeds maxNodes", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[0].minNodes = 5)), "gpuPools[0].minNodes");
    expect(p.message).toBe("5 is greater than maxNodes (4); set minNodes <= maxNodes");
  });

  test("fails when the system pool's minNodes exceeds maxNodes", () => {
    const p = problemAt(withChange((s) => (s.cluster = { system: { minNodes: 5, maxNodes: 3 } })), "cluster.system.minNodes");
    expect(p.message).toContain("greater than maxNodes (3)");
  });

  test("fails when a GPU quota is negative", () => {
    const p = problemAt(withChange((s) => (s.teams[0].gpuQuota = -1)), "teams[0].gpuQuota");
    expect(p.message).toContain("-1 is too small; must be at least 0");
  });

  test("fails when a count is not a whole number", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[0].maxNodes = 2.5)), "gpuPools[0].maxNodes");
    expect(p.message).toContain("2.5");
  });

  test("fails when a count is a string", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[0].maxNodes = "six")), "gpuPools[0].maxNodes");
    expect(p.message).toBe('"six" is not a number');
  });

  test("fails when the Kubernetes version is not supported", () => {
    const p = problemAt(withChange((s) => (s.cluster = { kubernetesVersion: "1.20" })), "cluster.kubernetesVersion");
    expect(p.message).toContain("allowed: 1.31, 1.32, 1.33, 1.34");
  });
});

describe("validateSpec: accelerators", () => {
  test("fails when a GPU count is not offered, naming what is", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[1].gpusPerNode = 3)), "gpuPools[1].gpusPerNode");
    expect(p.message).toMatch(/3 is not offered for nvidia-h100-80gb on (aws|gcp) \(offered: [\d, ]+\); nearest: \d/);
  });

  test("fails when an accelerator is not offered on one of the target clouds", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[0].accelerator = "nvidia-a10g")), "gpuPools[0].accelerator");
    expect(p.message).toContain("nvidia-a10g is not offered on gcp");
    expect(p.message).toContain("nearest alternative");
  });

  test("accepts an AWS-only accelerator when every target is on aws", () => {
    const input = withChange((s) => {
      s.targets = [{ cloud: "aws", region: "eu-central-1" }];
      s.gpuPools[0].accelerator = "nvidia-a10g";
    });
    expect(validateSpec(input).ok).toBe(true);
  });

  test("fails when the accelerator id is unknown, suggesting the nearest", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[0].accelerator = "nvidia-l4x")), "gpuPools[0].accelerator");
    expect(p.message).toContain('did you mean "nvidia-l4"?');
  });

  test("fails when MIG is asked of a GPU without MIG", () => {
    const input = withChange((s) => {
      s.targets = [s.targets[1]];
      s.gpuPools[0].sharing = { mode: "mig", partitionSize: "1g.10gb" };
    });
    expect(problemAt(input, "gpuPools[0].sharing.mode").message).toContain("needs a MIG-capable accelerator");
  });

  test("fails when a MIG profile does not exist for the GPU", () => {
    const input = withChange((s) => {
      s.targets = [s.targets[1]];
      s.gpuPools[1].sharing = { mode: "mig", partitionSize: "9g.99gb" };
    });
    expect(problemAt(input, "gpuPools[1].sharing.partitionSize").message).toContain("is not a MIG profile of nvidia-h100-80gb");
  });

  test("fails when MIG is asked on an aws target", () => {
    const input = withChange((s) => (s.gpuPools[1].sharing = { mode: "mig", partitionSize: "1g.10gb" }));
    expect(problemAt(input, "gpuPools[1].sharing.mode").message).toContain("not supported on aws");
  });

  test("fails when time-slicing asks for one replica", () => {
    const p = problemAt(withChange((s) => (s.gpuPools[0].sharing.replicas = 1)), "gpuPools[0].sharing.replicas");
    expect(p.message).toContain("at least 2");
  });
});

describe("validateSpec: gcp targets", () => {
  test("fails when two gcp targets share a project", () => {
    const input = withChange((s) => s.targets.push({ cloud: "gcp", region: "europe-west3", project: "acme-ml-prod", securityGroup: "gke-security-groups@acme.example" }));
    expect(problemAt(input, "targets[2].project").message).toContain("already used by targets[1]");
  });

  test("fails when gcp principals name groups but no RBAC security group is set", () => {
    const input = withChange((s) => delete s.targets[1].securityGroup);
    const p = problemAt(input, "targets[1].securityGroup");
    expect(p.message).toContain("teams[0].members.admins.gcp[0]");
    expect(p.message).toContain("gke-security-groups@");
  });

  test("fails when the security group is not the gke-security-groups group", () => {
    const p = problemAt(withChange((s) => (s.targets[1].securityGroup = "admins@acme.example")), "targets[1].securityGroup");
    expect(p.message).toContain("must be gke-security-groups@<your domain>");
  });

  test("fails when no zone of the gcp region offers the accelerator", () => {
    const input = withChange((s) => (s.targets[1].region = "europe-west9"));
    const p = problemAt(input, "gpuPools[0].accelerator");
    expect(p.message).toContain("nvidia-l4 (g2-standard-4) is not offered in any zone of europe-west9");
  });
});

describe("validateSpec: teams and principals", () => {
  test("fails when an AWS principal is not an IAM ARN", () => {
    const p = problemAt(withChange((s) => (s.teams[0].members.admins.aws = ["research-lead"])), "teams[0].members.admins.aws[0]");
    expect(p.message).toContain("must be an IAM role or user ARN");
  });

  test("fails when a GCP principal has no kind prefix", () => {
    const p = problemAt(withChange((s) => (s.teams[0].members.admins.gcp = ["research@acme.example"])), "teams[0].members.admins.gcp[0]");
    expect(p.message).toContain("must be user:<email>, group:<email> or serviceAccount:<email>");
  });

  test("fails when auditors use the other cloud's principal shape", () => {
    const p = problemAt(withChange((s) => (s.auditors = { gcp: ["arn:aws:iam::111122223333:role/auditor"] })), "auditors.gcp[0]");
    expect(p.message).toContain("must be user:<email>");
  });

  test("fails when a team grants access to a zone that does not exist", () => {
    const p = problemAt(withChange((s) => (s.teams[0].data = { curatd: "read" })), "teams[0].data.curatd");
    expect(p.message).toContain('"curatd" is not a data-lake zone (did you mean "curated"?)');
  });

  test("fails when an access level is unknown", () => {
    const p = problemAt(withChange((s) => (s.teams[0].data = { raw: "admin" })), "teams[0].data.raw");
    expect(p.message).toContain("allowed: none, read, write");
  });

  test("fails when model access is unknown", () => {
    const p = problemAt(withChange((s) => (s.teams[0].models = "write")), "teams[0].models");
    expect(p.message).toContain("allowed: none, consume, publish");
  });
});

describe("validateSpec: labels and backend", () => {
  test("fails when a label key has upper case", () => {
    const p = problemAt(withChange((s) => (s.labels = { CostCenter: "ml" })), "labels.CostCenter");
    expect(p.message).toBe('key "CostCenter" is not allowed: label keys: lowercase letter first, then up to 62 of a-z 0-9 _ -');
  });

  test("fails when the S3 state bucket is outside the residency", () => {
    const p = problemAt(withChange((s) => (s.backend = { kind: "s3", bucket: "acme-state", region: "us-east-1" })), "backend.region");
    expect(p.message).toContain('"us-east-1" is outside residency "eu"');
  });

  test("fails when an S3 backend has no region and no aws target", () => {
    const input = withChange((s) => {
      s.targets = [s.targets[1]];
      s.backend = { kind: "s3", bucket: "acme-state" };
    });
    expect(problemAt(input, "backend.region").message).toContain("is required");
  });

  test("fails when the GCS state bucket location is outside the residency", () => {
    const p = problemAt(withChange((s) => (s.backend = { kind: "gcs", bucket: "acme-state", location: "US" })), "backend.location");
    expect(p.message).toContain("outside residency");
  });

  test("accepts a GCS state bucket in the EU multi-region", () => {
    expect(validateSpec(withChange((s) => (s.backend = { kind: "gcs", bucket: "acme-state", location: "EU" }))).ok).toBe(true);
  });
});

describe("validateSpec: every problem at once", () => {
  test("GIVEN five independent mistakes WHEN validated THEN all five are reported", () => {
    const input = withChange((s) => {
      s.name = "ACME";
      s.targets[1].region = "europe-west2";
      s.network.podsCidr = "10.20.0.0/15";
      s.gpuPools[1].gpusPerNode = 3;
      s.teams[0].gpuQuota = -2;
      s.typo = true;
    });
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(["name", "targets[1].region", "network.podsCidr", "gpuPools[1].gpusPerNode", "teams[0].gpuQuota", "typo"]),
    );
  });

  test("fails with a SpecValidationError that lists every problem", () => {
    const input = withChange((s) => {
      s.name = "X";
      s.residency = "mars";
    });
    expect(() => parseSpec(input, "bad.yaml")).toThrow(SpecValidationError);
    try {
      parseSpec(input, "bad.yaml");
    } catch (e) {
      const err = e as SpecValidationError;
      expect(err.problems.length).toBeGreaterThanOrEqual(2);
      expect(err.message).toContain("bad.yaml:");
      expect(err.message).toContain("name:");
      expect(err.message).toContain("residency:");
    }
  });

  test("fails when the spec is not a mapping", () => {
    expect(problemsOf("just a string")[0]!.path).toBe("(spec)");
    expect(problemsOf(null)[0]!.message).toContain("is not a mapping");
  });
});
