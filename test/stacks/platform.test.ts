import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, Testing } from "cdktf";
import { parseSpec } from "../../lib/spec/validate";
import { addPlatformStacks, type TargetStacks } from "../../stacks/platform";
import { validInput, withChange } from "../spec/fixtures";

type Json = Record<string, any>;

describe("addPlatformStacks", () => {
  let stacks: TargetStacks[];
  let aws: Json;
  let gcp: Json;
  let awsK8s: Json;
  beforeAll(() => {
    const app = Testing.app();
    stacks = addPlatformStacks(app, parseSpec(validInput()));
    aws = JSON.parse(Testing.synth(stacks[0]!.cloud));
    gcp = JSON.parse(Testing.synth(stacks[1]!.cloud));
    awsK8s = JSON.parse(Testing.synth(stacks[0]!.k8s));
  });

  test("GIVEN two targets THEN each gets <name>-<cloud>-<region> and <name>-<cloud>-<region>-k8s", () => {
    expect(stacks.flatMap((s) => [s.cloud.node.id, s.k8s.node.id])).toEqual([
      "acme-ml-aws-eu-central-1",
      "acme-ml-aws-eu-central-1-k8s",
      "acme-ml-gcp-europe-west4",
      "acme-ml-gcp-europe-west4-k8s",
    ]);
  });

  test("the in-cluster stack depends on its cloud stack (deployed after it)", () => {
    expect(stacks[0]!.k8s.dependencies).toContain(stacks[0]!.cloud);
  });

  test("the AWS provider is pinned to the target region and tags every resource", () => {
    expect(aws.provider.aws[0].region).toBe("eu-central-1");
    expect(aws.provider.aws[0].default_tags[0].tags).toMatchObject({ platform: "acme-ml", residency: "eu", "managed-by": "ai-platform" });
  });

  test("the Google provider is pinned to the target project and region", () => {
    expect(gcp.provider.google[0]).toMatchObject({ project: "acme-ml-prod", region: "europe-west4" });
    expect(gcp.provider.google[0].default_labels).toMatchObject({ platform: "acme-ml", residency: "eu" });
  });

  test("local state sits beside the output directory, one file per stack", () => {
    expect(aws.terraform.backend.local.path).toBe("../../../terraform.acme-ml-aws-eu-central-1.tfstate");
    expect(awsK8s.terraform.backend.local.path).toBe("../../../terraform.acme-ml-aws-eu-central-1-k8s.tfstate");
  });
});

describe("state backends", () => {
  test("GIVEN an s3 backend THEN every stack keeps encrypted, lock-file-locked state under the prefix", () => {
    const spec = parseSpec(withChange((s) => (s.backend = { kind: "s3", bucket: "acme-tfstate", prefix: "platforms/acme" })));
    const [first] = addPlatformStacks(Testing.app(), spec);
    const json = JSON.parse(Testing.synth(first!.k8s)) as Json;
    expect(json.terraform.backend.s3).toEqual({
      bucket: "acme-tfstate",
      key: "platforms/acme/acme-ml-aws-eu-central-1-k8s.tfstate",
      region: "eu-central-1",
      encrypt: true,
      use_lockfile: true,
    });
  });

  test("GIVEN a gcs backend THEN every stack keeps its state under its own prefix", () => {
    const spec = parseSpec(withChange((s) => (s.backend = { kind: "gcs", bucket: "acme-tfstate", location: "europe-west4" })));
    const stacks = addPlatformStacks(Testing.app(), spec);
    const json = JSON.parse(Testing.synth(stacks[1]!.cloud)) as Json;
    expect(json.terraform.backend.gcs).toEqual({ bucket: "acme-tfstate", prefix: "acme-ml/acme-ml-gcp-europe-west4" });
  });
});

describe("residency pinning of the platform's stacks", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), "pinning-"));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test("fails when a resource added to a platform stack sits outside the jurisdiction", () => {
    const app = new App({ outdir, stackTraces: false });
    const [first] = addPlatformStacks(app, parseSpec(validInput()));
    new S3Bucket(first!.cloud, "stray", { bucket: "stray-bucket", region: "us-east-1" });
    expect(() => app.synth()).toThrow(/data residency \(eu\).*stray.*region.*us-east-1/s);
  });
});
