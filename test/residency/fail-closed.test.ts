/**
 * The residency pin fails closed on values it cannot prove inside the jurisdiction
 * (expressions, variables, overrides), follows references to blocks that are themselves
 * pinned, and honours only explicit exemptions with a reason.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Fn, TerraformLocal, TerraformStack, TerraformVariable } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { DataGoogleComputeZones } from "@cdktf/provider-google/lib/data-google-compute-zones";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { ContainerNodePool } from "@cdktf/provider-google/lib/container-node-pool";
import { checkResidency, exemptFromResidency, pinResidency, residencyExemptions, type ResidencyViolation } from "../../lib/residency";

let root = "";
let apps = 0;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "residency-closed-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function newApp(): App {
  apps += 1;
  return new App({ outdir: path.join(root, `app-${apps}`) });
}

function awsStack(app: App, id: string, region = "eu-central-1"): { stack: TerraformStack; provider: AwsProvider } {
  const stack = new TerraformStack(app, id);
  const provider = new AwsProvider(stack, "aws", { region });
  return { stack, provider };
}

function violations(stack: TerraformStack): ResidencyViolation[] {
  return checkResidency(stack.node.id, stack.toTerraform() as Record<string, unknown>, "eu");
}

const lines = (vs: readonly ResidencyViolation[]): string[] => vs.map((v) => `${v.address} ${v.attribute} = ${v.value}`);

describe("the pin fails closed on values it cannot prove inside", () => {
  test("fails when a resource's region is a function of a literal (Fn.lower)", () => {
    const { stack } = awsStack(newApp(), "fn-lower");
    new S3Bucket(stack, "logs", { bucket: "acme-logs", region: Fn.lower("US-EAST-1") });
    const found = violations(stack);
    expect(lines(found)).toEqual(['aws_s3_bucket.logs region = ${lower("US-EAST-1")}']);
    expect(found[0]!.constructPath).toBe("fn-lower/logs");
    expect(found[0]!.reason).toMatch(/^holds "US-EAST-1", which lower\(\) makes "us-east-1": us-east-1 \(.*\) is in us, so it cannot be proven to be in eu \(fail closed\)/);
    expect(found[0]!.reason).toContain("exemptFromResidency");
  });

  test("fails when the provider's region comes from a TerraformVariable, even with a default inside", () => {
    const app = newApp();
    const stack = new TerraformStack(app, "variable");
    const region = new TerraformVariable(stack, "region", { type: "string", default: "eu-central-1" });
    new AwsProvider(stack, "aws", { region: region.stringValue });
    new S3Bucket(stack, "raw", { bucket: "acme-raw" });
    const found = violations(stack);
    expect(lines(found)).toEqual(["provider.aws region = ${var.region}"]);
    expect(found[0]!.reason).toContain('comes from variable region (default "eu-central-1"), which can be set to any location at plan time');
  });

  test("fails when the provider's region is overridden with an expression (addOverride)", () => {
    const { stack, provider } = awsStack(newApp(), "override");
    provider.addOverride("region", "${data.aws_region.current.region}");
    const found = violations(stack);
    expect(lines(found)).toEqual(["provider.aws region = ${data.aws_region.current.region}"]);
    expect(found[0]!.reason).toContain("comes from data.aws_region.current, which is not in this stack");
  });

  test("accepts a case change of a literal inside (lower(\"EU-CENTRAL-1\")), evaluated exactly", () => {
    const { stack } = awsStack(newApp(), "fn-lower-inside");
    new S3Bucket(stack, "logs", { bucket: "acme-logs", region: Fn.lower("EU-CENTRAL-1") });
    expect(violations(stack)).toEqual([]);
  });

  test("fails when the provider's region is overridden with a literal outside", () => {
    const { stack, provider } = awsStack(newApp(), "override-literal");
    provider.addOverride("region", "us-east-1");
    expect(lines(violations(stack))).toEqual(["provider.aws region = us-east-1"]);
  });

  test("fails when a location refers to an attribute that is not a location", () => {
    const { stack } = awsStack(newApp(), "not-location");
    const other = new S3Bucket(stack, "other", { bucket: "acme-other" });
    new S3Bucket(stack, "logs", { bucket: "acme-logs", region: other.bucket });
    const found = violations(stack);
    expect(lines(found)).toEqual(["aws_s3_bucket.logs region = ${aws_s3_bucket.other.bucket}"]);
    expect(found[0]!.reason).toContain("comes from aws_s3_bucket.other.bucket, which is not a location attribute");
  });

  test("fails when a location comes from a local holding a region outside", () => {
    const { stack } = awsStack(newApp(), "local-outside");
    const local = new TerraformLocal(stack, "region", "us-east-1");
    new S3Bucket(stack, "logs", { bucket: "acme-logs", region: local.asString });
    expect(violations(stack)[0]!.reason).toMatch(/comes from local region = "us-east-1": us-east-1 \(.*\) is in us/);
  });

  test("fails when a zone comes from the zones of a provider outside the jurisdiction", () => {
    const { stack } = awsStack(newApp(), "zones-outside");
    const us = new AwsProvider(stack, "us", { alias: "us", region: "us-east-1" });
    const zones = new DataAwsAvailabilityZones(stack, "zones", { provider: us, state: "available" });
    new Subnet(stack, "subnet", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", availabilityZone: Fn.element(zones.names, 0) });
    const subnet = violations(stack).find((v) => v.address === "aws_subnet.subnet");
    expect(subnet?.reason).toMatch(/comes from the zones of data\.aws_availability_zones\.zones, whose region comes from provider\.aws\.us, whose region is "us-east-1"/);
  });
});

describe("the pin follows references to blocks that are themselves pinned", () => {
  test("accepts zones picked from the availability zones of the pinned provider", () => {
    const { stack } = awsStack(newApp(), "zones-inside");
    const zones = new DataAwsAvailabilityZones(stack, "zones", { state: "available" });
    const a = new Subnet(stack, "a", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", availabilityZone: Fn.element(zones.names, 0) });
    new Subnet(stack, "b", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: a.availabilityZone });
    expect(violations(stack)).toEqual([]);
  });

  test("accepts node locations sliced from the zones of a pinned Google region", () => {
    const stack = new TerraformStack(newApp(), "gke-zones");
    new GoogleProvider(stack, "google", { project: "acme", region: "europe-west4" });
    const zones = new DataGoogleComputeZones(stack, "zones", { region: "europe-west4" });
    new ContainerNodePool(stack, "pool", { cluster: "c", location: "europe-west4", nodeLocations: Fn.slice(zones.names, 0, 3) as unknown as string[] });
    expect(violations(stack)).toEqual([]);
  });

  test("accepts a local holding a region inside, and a bucket location given through another bucket's", () => {
    const stack = new TerraformStack(newApp(), "local-inside");
    new GoogleProvider(stack, "google", { project: "acme", region: "europe-west4" });
    const local = new TerraformLocal(stack, "where", "EU");
    const first = new StorageBucket(stack, "first", { name: "acme-first", location: local.asString });
    new StorageBucket(stack, "second", { name: "acme-second", location: first.location });
    expect(violations(stack)).toEqual([]);
  });

  test("fails when a Google bucket's location refers to a bucket without one (its default is US, not the provider's)", () => {
    const stack = new TerraformStack(newApp(), "unset-location");
    new GoogleProvider(stack, "google", { project: "acme", region: "europe-west4" });
    const first = new StorageBucket(stack, "first", { name: "acme-first", location: "EU" });
    first.addOverride("location", null);
    new StorageBucket(stack, "second", { name: "acme-second", location: first.location });
    expect(violations(stack).map((v) => v.reason)).toEqual([expect.stringContaining("comes from google_storage_bucket.first.location, which is not set there")]);
  });
});

describe("exemptFromResidency", () => {
  let outdir = "";
  let config: Record<string, unknown> = {};
  let error: unknown;
  beforeAll(() => {
    const app = newApp();
    outdir = app.outdir;
    const { stack } = awsStack(app, "exempt");
    const us = new AwsProvider(stack, "us", { alias: "us", region: "us-east-1" });
    const cert = new S3Bucket(stack, "cdn_logs", { bucket: "acme-cdn-logs", provider: us });
    exemptFromResidency(cert, "CloudFront delivers its logs only to us-east-1");
    exemptFromResidency(us, "only the CloudFront log bucket uses this provider");
    pinResidency(stack, "eu");
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    config = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "exempt", "cdk.tf.json"), "utf8")) as Record<string, unknown>;
  });

  test("lets a pinned stack with an exempted resource synthesize", () => {
    expect(error).toBeUndefined();
  });

  test("records the exemption with its reason next to the block, and as a suppression of the review's residency rule", () => {
    const bucket = (config["resource"] as Record<string, Record<string, Record<string, unknown>>>)["aws_s3_bucket"]!["cdn_logs"]!;
    expect(bucket["//"]).toMatchObject({
      ai_platform_residency_exemption: { reason: "CloudFront delivers its logs only to us-east-1" },
      ai_platform_suppressions: [{ id: "AIP-RES-001", reason: "CloudFront delivers its logs only to us-east-1" }],
    });
  });

  test("residencyExemptions lists every exempted block with its reason", () => {
    expect(residencyExemptions("exempt", config).map((e) => [e.address, e.reason])).toEqual([
      ["aws_s3_bucket.cdn_logs", "CloudFront delivers its logs only to us-east-1"],
      ["provider.aws.us", "only the CloudFront log bucket uses this provider"],
    ]);
  });

  test("fails when the reason is shorter than 10 characters", () => {
    const { stack } = awsStack(newApp(), "short");
    const bucket = new S3Bucket(stack, "b", { bucket: "acme-b", region: "us-east-1" });
    expect(() => exemptFromResidency(bucket, "because")).toThrow('exemptFromResidency(short/b): reason "because" is shorter than 10 characters');
  });

  test("fails when the construct is a default provider (every resource would be exempt)", () => {
    const { provider } = awsStack(newApp(), "default-provider", "us-east-1");
    expect(() => exemptFromResidency(provider, "the whole stack is in the US")).toThrow(/is a default provider; every resource without its own location inherits its region/);
  });

  test("fails when an exemption written into the JSON by hand has no real reason: the block is checked as usual", () => {
    const { stack } = awsStack(newApp(), "hand-written");
    const bucket = new S3Bucket(stack, "b", { bucket: "acme-b", region: "us-east-1" });
    bucket.addOverride("//.ai_platform_residency_exemption", { reason: "x" });
    expect(lines(violations(stack))).toEqual(["aws_s3_bucket.b //.ai_platform_residency_exemption = x", "aws_s3_bucket.b region = us-east-1"]);
  });
});
