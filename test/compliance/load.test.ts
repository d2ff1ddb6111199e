import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CheckInputError, runCheck } from "../../lib/compliance";
import { accessMatrix } from "../../lib/compliance/access";
import { keyInventory } from "../../lib/compliance/inventory";
import { readStacks } from "../../lib/compliance/load";
import { aws, gcp, indexOf, k8s, policy } from "./helpers";
import { tempOutdir } from "./fixtures";

describe("loading a cdktf output directory", () => {
  const out = tempOutdir("load");
  afterAll(() => out.cleanup());

  function write(path: string, value: unknown): void {
    mkdirSync(join(out.dir, path, ".."), { recursive: true });
    writeFileSync(join(out.dir, path), JSON.stringify(value));
  }

  test("fails when the directory does not exist, naming it and the fix", () => {
    expect(() => runCheck({ dir: join(out.dir, "nope"), format: "text", failOn: "high" })).toThrow(CheckInputError);
    expect(() => runCheck({ dir: join(out.dir, "nope"), format: "text", failOn: "high" })).toThrow(/nope: no such directory\. Synthesize first/);
  });

  test("fails when the directory holds no stack", () => {
    mkdirSync(join(out.dir, "empty"), { recursive: true });
    expect(() => readStacks(join(out.dir, "empty"))).toThrow(/empty: no synthesized stack found \(neither manifest\.json nor stacks\/\*\/cdk\.tf\.json\)/);
  });

  test("fails on an unknown format, severity or jurisdiction", () => {
    write("one/stacks/a/cdk.tf.json", aws({}));
    const dir = join(out.dir, "one");
    expect(() => runCheck({ dir, format: "html" as "text", failOn: "high" })).toThrow(/--format html: unknown format/);
    expect(() => runCheck({ dir, format: "text", failOn: "severe" as "high" })).toThrow(/--fail-on severe: unknown severity/);
    expect(() => runCheck({ dir, format: "text", failOn: "high", residency: "mars" })).toThrow(/--residency mars: unknown jurisdiction/);
  });

  test("reads the stacks named by manifest.json (synthesizedStackPath)", () => {
    write("m/manifest.json", { stacks: { b: { synthesizedStackPath: "stacks/b/cdk.tf.json", workingDirectory: "stacks/b" }, a: { synthesizedStackPath: "x/a.json" } } });
    write("m/stacks/b/cdk.tf.json", aws({}));
    write("m/x/a.json", aws({}));
    expect(readStacks(join(out.dir, "m")).map((s) => [s.stack, s.file])).toEqual([
      ["a", "x/a.json"],
      ["b", "stacks/b/cdk.tf.json"],
    ]);
  });

  test("falls back to stacks/*/cdk.tf.json without a manifest", () => {
    write("g/stacks/z/cdk.tf.json", aws({}));
    write("g/stacks/y/cdk.tf.json", aws({}));
    expect(readStacks(join(out.dir, "g")).map((s) => s.stack)).toEqual(["y", "z"]);
  });

  test("fails clearly on a stack file that is not JSON", () => {
    mkdirSync(join(out.dir, "bad", "stacks", "s"), { recursive: true });
    writeFileSync(join(out.dir, "bad", "stacks", "s", "cdk.tf.json"), "{ nope");
    expect(() => readStacks(join(out.dir, "bad"))).toThrow(/is not valid JSON/);
  });

  test("leaves nothing in the checked directory", () => {
    const before = readdirSync(join(out.dir, "g"));
    runCheck({ dir: join(out.dir, "g"), format: "md", failOn: "high" });
    expect(readdirSync(join(out.dir, "g"))).toEqual(before);
    expect(statSync(join(out.dir, "g", "stacks", "z", "cdk.tf.json")).isFile()).toBe(true);
    expect(readFileSync(join(out.dir, "g", "stacks", "z", "cdk.tf.json"), "utf8")).toContain("eu-central-1");
  });
});

describe("the stack index", () => {
  test("indexes resources, data sources and providers with addresses, construct paths and regions", () => {
    const index = indexOf({
      provider: { aws: [{ region: "eu-central-1" }, { alias: "west", region: "eu-west-1" }] },
      resource: { aws_s3_bucket: { b: [{ bucket: "x", provider: "aws.west", "//": { metadata: { path: "s/B/Resource" } } }] } },
      data: { aws_caller_identity: { me: {} } },
    });
    expect(index.resources.map((r) => r.address)).toEqual(["aws_s3_bucket.b", "data.aws_caller_identity.me", "provider.aws", "provider.aws.west"]);
    const b = index.get("aws_s3_bucket.b")!;
    expect(b).toMatchObject({ type: "aws_s3_bucket", name: "b", constructPath: "s/B/Resource", provider: "aws.west", region: "eu-west-1", cloud: "aws" });
    expect(index.get("data.aws_caller_identity.me")).toMatchObject({ kind: "data", region: "eu-central-1" });
  });

  test("resolves references inside strings and links split resources both ways", () => {
    const index = indexOf(
      aws({
        aws_s3_bucket: { b: { bucket: "x" } },
        aws_s3_bucket_versioning: { v: { bucket: "${aws_s3_bucket.b.id}" } },
        aws_iam_role_policy: { p: { role: "r", policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}/*" }) } },
      }),
    );
    const bucket = index.get("aws_s3_bucket.b")!;
    expect(index.referrers(bucket).map((r) => r.address)).toEqual(["aws_iam_role_policy.p", "aws_s3_bucket_versioning.v"]);
    expect(index.referrers(bucket, ["aws_s3_bucket_versioning"], "bucket").map((r) => r.address)).toEqual(["aws_s3_bucket_versioning.v"]);
    expect(index.referencesFrom(index.get("aws_iam_role_policy.p")!)).toEqual([{ target: "aws_s3_bucket.b", attribute: "arn", path: "policy" }]);
    expect(index.resolve('"${aws_s3_bucket.b.arn}/*"')?.address).toBe("aws_s3_bucket.b");
  });

  test("links a crypto key to its key ring and KMS aliases to keys", () => {
    const index = indexOf({
      ...gcp({ google_kms_key_ring: { r: { name: "r", location: "europe-west4" } }, google_kms_crypto_key: { k: { key_ring: "${google_kms_key_ring.r.id}" } } }),
    });
    expect(index.referencesFrom(index.get("google_kms_crypto_key.k")!)[0]).toMatchObject({ target: "google_kms_key_ring.r", path: "key_ring" });
    const a = indexOf(aws({ aws_kms_key: { k: {} }, aws_kms_alias: { a: { name: "alias/lake", target_key_id: "${aws_kms_key.k.key_id}" } } }));
    expect(keyInventory(a)).toEqual([{ address: "aws_kms_key.k", aliases: ["alias/lake"], encrypts: [] }]);
  });

  test("the key inventory names what a key encrypts (a configuration as the bucket it configures)", () => {
    const index = indexOf(
      aws({
        aws_kms_key: { k: {} },
        aws_s3_bucket: { b: { bucket: "x" } },
        aws_s3_bucket_server_side_encryption_configuration: {
          e: { bucket: "${aws_s3_bucket.b.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.k.arn}" } }] },
        },
        aws_eks_cluster: { c: { encryption_config: { resources: ["secrets"], provider: { key_arn: "${aws_kms_key.k.arn}" } } } },
        aws_iam_role_policy: { p: { role: "r", policy: policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: "${aws_kms_key.k.arn}" }) } },
      }),
    );
    expect(keyInventory(index)[0]!.encrypts).toEqual(["aws_eks_cluster.c", "aws_s3_bucket.b"]);
  });
});

describe("the access matrix", () => {
  test("lists IAM roles' statements, attached policies and who may assume them", () => {
    const index = indexOf(
      aws({
        aws_s3_bucket: { b: { bucket: "x" } },
        aws_iam_role: { team: { name: "team", assume_role_policy: policy({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:AssumeRole" }) } },
        aws_iam_role_policy: {
          read: { role: "${aws_iam_role.team.name}", policy: policy({ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"] }) },
        },
        aws_iam_role_policy_attachment: { ro: { role: "${aws_iam_role.team.name}", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
      }),
    );
    expect(accessMatrix(index).map((r) => [r.identity, r.resource, r.level])).toEqual([
      ["Service:pods.eks.amazonaws.com", "aws_iam_role.team", "assume"],
      ["aws_iam_role.team", "*", "read"],
      ["aws_iam_role.team", "aws_s3_bucket.b", "read"],
      ["aws_iam_role.team", "aws_s3_bucket.b (objects)", "read"],
    ]);
  });

  test("lists GCP members with the level of their role", () => {
    const index = indexOf(
      gcp({
        google_storage_bucket: { b: { name: "x" } },
        google_storage_bucket_iam_member: {
          w: { bucket: "${google_storage_bucket.b.name}", role: "roles/storage.objectAdmin", member: "serviceAccount:team@p.iam.gserviceaccount.com" },
          r: { bucket: "${google_storage_bucket.b.name}", role: "roles/storage.objectViewer", member: "group:auditors@acme.example" },
        },
        google_project_iam_member: { e: { project: "p", role: "roles/container.developer", member: "group:devs@acme.example" } },
      }),
    );
    expect(accessMatrix(index).map((r) => [r.identity, r.resource, r.level])).toEqual([
      ["group:auditors@acme.example", "google_storage_bucket.b", "read"],
      ["group:devs@acme.example", "project p", "write"],
      ["serviceAccount:team@p.iam.gserviceaccount.com", "google_storage_bucket.b", "admin"],
    ]);
  });

  test("lists Kubernetes RBAC subjects with the level of their role", () => {
    const index = indexOf(
      k8s({
        kubernetes_role_v1: { dev: { metadata: { name: "dev", namespace: "team-a" }, rule: [{ api_groups: ["apps"], resources: ["deployments"], verbs: ["get", "create"] }] } },
        kubernetes_role_binding_v1: {
          dev: { metadata: { name: "dev", namespace: "team-a" }, role_ref: { kind: "Role", name: "dev", api_group: "rbac.authorization.k8s.io" }, subject: [{ kind: "Group", name: "team-a-devs" }] },
        },
        kubernetes_cluster_role_binding_v1: {
          admins: { metadata: { name: "admins" }, role_ref: { kind: "ClusterRole", name: "cluster-admin", api_group: "rbac.authorization.k8s.io" }, subject: [{ kind: "Group", name: "platform-admins" }] },
        },
      }),
    );
    expect(accessMatrix(index).map((r) => [r.identity, r.resource, r.level])).toEqual([
      ["Group:platform-admins", "cluster", "admin"],
      ["Group:team-a-devs", "namespace team-a", "write"],
    ]);
  });
});
