import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { AwsPlatform } from "../../lib/aws";
import { createAwsProvider } from "../../lib/aws/provider";
import { pinResidency } from "../../lib/residency/aspect";
import { PLATFORM_OUTPUT_NAMES } from "../../lib/spec/contracts";
import type { AwsTarget } from "../../lib/spec/schema";
import { addresses, allowedActions, asList, awsTarget, exampleSpec, resourcesOf, statementsOf, synthAws, variantSpec, type AwsSynth, type TfJson } from "./helpers";

describe("AwsPlatform on the default example", () => {
  let synth: AwsSynth;
  let json: TfJson;
  beforeAll(() => {
    // GIVEN examples/acme-ml-eu.yaml and its aws target, WHEN synthesized
    synth = synthAws(exampleSpec());
    json = synth.json;
  });

  test("nothing is public: private endpoint, no public IPs on launch, every bucket blocked, no 0.0.0.0/0 ingress", () => {
    const cluster = Object.values(resourcesOf(json, "aws_eks_cluster"))[0];
    expect(cluster?.["vpc_config"]).toMatchObject({ endpoint_public_access: false });
    for (const s of Object.values(resourcesOf(json, "aws_subnet"))) expect(s["map_public_ip_on_launch"]).toBe(false);
    const buckets = Object.keys(resourcesOf(json, "aws_s3_bucket"));
    const blocks = Object.values(resourcesOf(json, "aws_s3_bucket_public_access_block"));
    expect(blocks).toHaveLength(buckets.length);
    for (const b of blocks) expect(b).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    for (const type of ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_security_group_rule"]) {
      for (const r of Object.values(resourcesOf(json, type))) {
        expect(JSON.stringify(r["ingress"] ?? r["cidr_ipv4"] ?? r["cidr_blocks"] ?? "")).not.toContain("0.0.0.0/0");
      }
    }
    // Public IPs exist only on NAT gateways.
    expect(Object.keys(resourcesOf(json, "aws_eip")).every((n) => n.includes("NatAddress"))).toBe(true);
    expect(resourcesOf(json, "aws_instance")).toEqual({});
  });

  test("every node group repairs its nodes, runs in private subnets and leaves desired size to the autoscaler; only GPU groups are tainted", () => {
    const groups = Object.entries(resourcesOf(json, "aws_eks_node_group"));
    expect(groups).toHaveLength(3);
    for (const [name, g] of groups) {
      expect(g["node_repair_config"]).toEqual({ enabled: true });
      expect(JSON.stringify(g["subnet_ids"])).not.toContain("Public");
      expect(g["lifecycle"]).toMatchObject({ ignore_changes: ["scaling_config[0].desired_size"] });
      expect(g["taint"] !== undefined).toBe(name.includes("GpuPool-"));
    }
  });

  test("IAM identity policies: no wildcard actions, no Resource '*' for S3 or KMS actions", () => {
    const policies = [...Object.values(resourcesOf(json, "aws_iam_role_policy")), ...Object.values(resourcesOf(json, "aws_iam_policy"))];
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      const statements = statementsOf(p["policy"]);
      for (const action of allowedActions(statements)) expect(action).not.toMatch(/(^\*$)|(:\*$)/);
      for (const s of statements) {
        if (asList(s.Action).some((a) => a.startsWith("s3:") || a.startsWith("kms:"))) {
          expect(asList(s.Resource)).not.toContain("*");
        }
      }
    }
  });

  test("the node role carries only the worker and ECR pull policies", () => {
    const node = Object.entries(resourcesOf(json, "aws_iam_role_policy_attachment")).filter(([n]) => n.startsWith("Platform_NodeRole_"));
    expect(node.map(([, a]) => a["policy_arn"]).sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    ]);
  });

  test("every named resource derives its name from the spec name", () => {
    const named: [string, string][] = [
      ["aws_iam_role", "name"],
      ["aws_eks_cluster", "name"],
      ["aws_eks_node_group", "node_group_name"],
      ["aws_launch_template", "name"],
      ["aws_s3_bucket", "bucket"],
      ["aws_kms_alias", "name"],
      ["aws_cloudwatch_log_group", "name"],
      ["aws_security_group", "name"],
      ["aws_glue_catalog_database", "name"],
    ];
    for (const [type, attr] of named) {
      for (const r of Object.values(resourcesOf(json, type))) expect(String(r[attr])).toMatch(/acme[-_]ml/);
    }
  });

  test("outputs cover the contract and resolve to Terraform references", () => {
    const values = synth.platform.outputs();
    expect(Object.keys(values).sort()).toEqual([...PLATFORM_OUTPUT_NAMES].sort());
    expect(Object.keys(values.data_lake_buckets)).toEqual(["raw", "curated", "features"]);
    expect(Object.keys(values.team_identities).sort()).toEqual(["research", "serving"]);
    expect(values.gpu_pools).toEqual({ inference: "g6.xlarge", training: "p5.48xlarge" });

    // Declared the way the stack does, they resolve to the right attributes.
    const spec = exampleSpec();
    const stack = new TerraformStack(Testing.app(), "outputs");
    createAwsProvider(stack, spec, awsTarget(spec));
    const platform = new AwsPlatform(stack, "Platform", { spec, target: awsTarget(spec) });
    const out = platform.outputs();
    for (const name of PLATFORM_OUTPUT_NAMES) new TerraformOutput(stack, name, { value: out[name] });
    const outputs = (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: unknown }> }).output;
    expect(outputs["cluster_ca_certificate"]?.value).toMatch(/^\$\{aws_eks_cluster\.\w+\.certificate_authority\[0\]\.data\}$/);
    expect(outputs["cluster_endpoint"]?.value).toMatch(/^\$\{aws_eks_cluster\.\w+\.endpoint\}$/);
    expect(outputs["network_id"]?.value).toMatch(/^\$\{aws_vpc\.\w+\.id\}$/);
    expect((outputs["data_lake_buckets"]?.value as Record<string, string>)["raw"]).toMatch(/^\$\{aws_s3_bucket\.Platform_DataLake_raw_Bucket_\w+\.bucket\}$/);
    expect((outputs["team_identities"]?.value as Record<string, string>)["research"]).toMatch(/^\$\{aws_iam_role\.Platform_Team-research_\w+\.arn\}$/);
    expect(outputs["cloud"]?.value).toBe("aws");
  });
});

describe("AwsPlatform addresses", () => {
  test("adding a team, a GPU pool and a lake zone keeps every existing resource at its address", () => {
    // GIVEN the example, and the example with one more team, pool and zone listed first
    const before = synthAws(exampleSpec()).json;
    const grown = variantSpec((s) => {
      (s["teams"] as unknown[]).unshift({
        name: "vision",
        data: { raw: "read" },
        models: "consume",
        members: { developers: { aws: ["arn:aws:iam::111122223333:role/vision-dev", "arn:aws:iam::111122223333:role/research-dev"] } },
      });
      (s["gpuPools"] as unknown[]).unshift({ name: "batch", accelerator: "nvidia-l4", gpusPerNode: 4, maxNodes: 3, spot: true });
      const lake = s["dataLake"] as { zones: string[] };
      lake.zones = ["bronze", ...lake.zones];
    });
    // WHEN synthesized
    const after = synthAws(grown).json;
    // THEN nothing that existed moved (new resources are only added)
    const kept = new Set(addresses(after));
    const moved = addresses(before).filter((a) => !kept.has(a));
    expect(moved).toEqual([]);
    for (const type of ["aws_s3_bucket", "aws_kms_key", "aws_eks_cluster", "aws_eks_node_group"]) {
      expect(Object.keys(resourcesOf(after, type)).length).toBeGreaterThanOrEqual(Object.keys(resourcesOf(before, type)).length);
    }
  });
});

describe("AwsPlatform under the residency check", () => {
  test("passes the EU pinning check; the Auto Scaling service-linked role is looked up and created only when missing", () => {
    // GIVEN the example pinned to its residency
    const spec = exampleSpec();
    const stack = new TerraformStack(Testing.app(), "pinned");
    createAwsProvider(stack, spec, awsTarget(spec));
    new AwsPlatform(stack, "Platform", { spec, target: awsTarget(spec) });
    pinResidency(stack, spec.residency);
    // WHEN synthesized with validations
    const json = JSON.parse(Testing.synth(stack, true)) as TfJson;
    // THEN the role's lookup is by exact name and path, and the role exists only if the
    // lookup found nothing or found the role this stack created (its owner tag)
    const lookup = Object.entries(json.data?.["aws_iam_roles"] ?? {});
    expect(lookup).toHaveLength(1);
    expect(lookup[0]?.[1]).toEqual({ name_regex: "^AWSServiceRoleForAutoScaling$", path_prefix: "/aws-service-role/autoscaling.amazonaws.com/" });
    const existing = Object.entries(json.data?.["aws_iam_role"] ?? {});
    expect(existing[0]?.[1]).toEqual({ name: "AWSServiceRoleForAutoScaling", count: `\${length(tolist(data.aws_iam_roles.${lookup[0]?.[0]}.names))}` });
    const [slrId, slr] = Object.entries(resourcesOf(json, "aws_iam_service_linked_role"))[0] ?? [];
    expect(slrId).toMatch(/^Platform_AutoscalingServiceLinkedRole_/);
    expect(slr).toMatchObject({ aws_service_name: "autoscaling.amazonaws.com", tags: { "ai-platform.io/service-linked-role-owner": "acme-ml/eu-central-1" } });
    expect(slr?.["count"]).toBe(
      `\${length(data.aws_iam_roles.${lookup[0]?.[0]}.names) == 0 || try(data.aws_iam_role.${existing[0]?.[0]}[0].tags["ai-platform.io/service-linked-role-owner"], "") == "acme-ml/eu-central-1" ? 1 : 0}`,
    );
    // AND the nodes key, whose policy names the role, waits for it
    const nodesKey = Object.entries(resourcesOf(json, "aws_kms_key")).find(([n]) => n.includes("NodesKey"))?.[1];
    expect(nodesKey?.["depends_on"]).toEqual([`aws_iam_service_linked_role.${slrId}`]);
  });

  test("fails when the target is not an AWS target", () => {
    const spec = exampleSpec();
    const gcp = spec.targets.find((t) => t.cloud === "gcp") as unknown as AwsTarget;
    const stack = new TerraformStack(Testing.app(), "wrong");
    expect(() => new AwsPlatform(stack, "Platform", { spec, target: gcp })).toThrow(/AwsPlatform needs an aws target, got gcp/);
  });
});

describe("lib/aws imports", () => {
  test("provider classes come only through deep imports (the barrel costs seconds and a gigabyte)", () => {
    const dir = resolve(__dirname, "../../lib/aws");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      expect({ file, barrel: /from\s+["']@cdktf\/provider-aws["']|require\(\s*["']@cdktf\/provider-aws["']\s*\)/.test(text) }).toEqual({ file, barrel: false });
    }
  });
});
