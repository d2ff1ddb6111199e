/**
 * The README's "Using the constructs alone" examples, run as written against this
 * checkout (the packed package compiles them too, in test/package): each synthesizes
 * its stack, and the test reads what it wrote.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { transformSync } from "@swc/core";
import { readmeExamples } from "./package/readme-examples";

type Json = Record<string, any>;

const ROOT = resolve(__dirname, "..");
const ENTRY: Record<string, string> = {
  "ai-platform-cdktf": "../lib",
  "ai-platform-cdktf/aws": "../lib/aws",
  "ai-platform-cdktf/gcp": "../lib/gcp",
  "ai-platform-cdktf/k8s": "../lib/k8s",
  "ai-platform-cdktf/compliance": "../lib/compliance",
  "ai-platform-cdktf/spec": "../lib/spec",
};

/** Runs an example with the package's imports pointing at this checkout; returns its stack's JSON. */
function runExample(file: string, stack: string): Json {
  const example = readmeExamples(readFileSync(join(ROOT, "README.md"), "utf8")).find((e) => e.file === file);
  if (!example) throw new Error(`README has no example ${file}`);
  const js = transformSync(example.code, { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }).code;
  const out = mkdtempSync(join(tmpdir(), "aip-readme-"));
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = out;
  try {
    const load = (id: string): unknown => (id in ENTRY ? require(ENTRY[id]!) : require(id));
    const module = { exports: {} };
    new Function("require", "module", "exports", js)(load, module, module.exports);
    return JSON.parse(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8")) as Json;
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
    rmSync(out, { recursive: true, force: true });
  }
}

const only = (block: Json | undefined): Json => {
  const values = Object.values(block ?? {});
  if (values.length !== 1) throw new Error(`expected one, got ${values.length}`);
  return values[0] as Json;
};

describe("README: a GPU pool and a data lake next to an existing EKS cluster", () => {
  let json: Json;
  beforeAll(() => {
    json = runExample("aws-alone.ts", "ml-gpu");
  });

  test("the node group joins the imported cluster at its version, in its subnets, with the imported role and key", () => {
    const [clusterKey] = Object.keys(json.data.aws_eks_cluster as Json);
    expect(only(json.data.aws_eks_cluster).name).toBe("ml-prod");
    const group = only(json.resource.aws_eks_node_group);
    expect(group.cluster_name).toBe(`\${data.aws_eks_cluster.${clusterKey}.name}`);
    expect(group.version).toBe(`\${data.aws_eks_cluster.${clusterKey}.version}`);
    expect(group.subnet_ids).toBe(`\${tolist(data.aws_eks_cluster.${clusterKey}.vpc_config[0].subnet_ids)}`);
    expect(group.node_role_arn).toBe("arn:aws:iam::111122223333:role/ml-prod-nodes");
    const template = only(json.resource.aws_launch_template);
    expect(template.block_device_mappings[0].ebs.kms_key_id).toBe("arn:aws:kms:eu-central-1:111122223333:key/2f6e7a58-7c4d-4d1b-9a8e-0c1d2e3f4a5b");
    expect(json.resource.aws_iam_role).toBeUndefined();
  });

  test("a grant to a role ARN writes an inline policy on that role, for the zone only", () => {
    const policy = only(json.resource.aws_iam_role_policy);
    expect(policy.role).toBe("analysts");
    const doc = JSON.parse(policy.policy as string) as { Statement: { Action: string | string[]; Resource: string | string[] }[] };
    const resources = doc.Statement.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
    expect(resources.some((r) => r.includes("curated"))).toBe(true);
    expect(resources.some((r) => r.includes("lake-raw"))).toBe(false);
    const actions = doc.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain("s3:GetObject");
    expect(actions).not.toContain("s3:PutObject");
  });
});

describe("README: a GPU pool and a data lake next to an existing GKE cluster", () => {
  let json: Json;
  beforeAll(() => {
    json = runExample("gcp-alone.ts", "ml-gpu");
  });

  test("the node pool joins the imported cluster", () => {
    const [clusterKey] = Object.keys(json.data.google_container_cluster as Json);
    expect(only(json.data.google_container_cluster)).toMatchObject({ project: "acme-ml-prod", location: "europe-west4", name: "ml-prod" });
    const pool = only(json.resource.google_container_node_pool);
    expect(pool.cluster).toBe(`\${data.google_container_cluster.${clusterKey}.id}`);
    expect(pool.location).toBe("europe-west4");
    expect(json.resource.google_container_cluster).toBeUndefined();
  });

  test("a grant to a service account email binds the write role on that zone's bucket only", () => {
    const members = Object.values(json.resource.google_storage_bucket_iam_member as Json) as Json[];
    const pipelines = members.filter((m) => m.member === "serviceAccount:pipelines@acme-ml-prod.iam.gserviceaccount.com");
    expect(pipelines.map((m) => m.role)).toEqual(["roles/storage.objectUser"]);
    expect(pipelines[0]!.bucket).toContain("raw");
    expect(pipelines[0]!.bucket).not.toContain("curated");
  });
});

describe("README: the team layer on any cluster", () => {
  test("creates the team's namespace and binds its persona group", () => {
    const json = runExample("k8s-alone.ts", "ml-teams");
    const namespaces = Object.values(json.resource.kubernetes_namespace_v1 as Json).map((n: any) => n.metadata.name);
    expect(namespaces).toContain("research");
    const bindings = Object.values(json.resource.kubernetes_role_binding_v1 as Json) as any[];
    expect(bindings.flatMap((b) => b.subject.map((s: Json) => s.name))).toContain("ml:research:developers");
  });
});
