import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, S3Backend, TerraformStack, Testing } from "cdktf";
import type { Construct } from "constructs";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { KmsKeyRing } from "@cdktf/provider-google/lib/kms-key-ring";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { checkResidency, pinResidency, pinnedJurisdictions, type ResidencyViolation } from "../../lib/residency";

/** An AWS stack meant for eu with four offenders; `clean` builds the same stack without them. */
function awsLake(scope: Construct, id: string, clean = false): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new S3Backend(stack, { bucket: "acme-state", key: `${id}.tfstate`, region: "eu-central-1" });
  new AwsProvider(stack, "aws", { region: "eu-central-1" });
  const dr = new AwsProvider(stack, "dr", { alias: "dr", region: clean ? "eu-west-1" : "us-west-2" });
  const raw = new S3Bucket(stack, "lake_raw", { bucket: "acme-lake-raw" });
  new S3Bucket(stack, "lake_logs", { bucket: "acme-lake-logs", region: clean ? "eu-north-1" : "us-east-1" });
  const replica = new S3Bucket(stack, "lake_replica", { bucket: "acme-lake-replica", provider: dr });
  new S3BucketReplicationConfigurationA(stack, "lake_replication", {
    bucket: raw.id,
    role: "arn:aws:iam::123456789012:role/replication",
    rule: [{ id: "dr", status: "Enabled", destination: { bucket: replica.arn } }],
  });
  const key = new KmsKey(stack, "lake_key", { multiRegion: true });
  new KmsReplicaKey(stack, "lake_key_dr", { primaryKeyArn: key.arn, provider: dr });
  return stack;
}

/** A GCP stack meant for eu with two offenders. */
function gcpLake(scope: Construct, id: string): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new GoogleProvider(stack, "google", { project: "acme", region: "europe-west3" });
  new StorageBucket(stack, "lake", { name: "acme-lake", location: "US" });
  new StorageBucket(stack, "lake_dual", {
    name: "acme-lake-dual",
    location: "EU",
    customPlacementConfig: { dataLocations: ["EUROPE-WEST1", "EUROPE-WEST4"] },
  });
  new KmsKeyRing(stack, "keys", { name: "lake", location: "us-central1" });
  new KmsKeyRing(stack, "keys_eu", { name: "lake-eu", location: "europe-west3" });
  return stack;
}

/** Every App of this file writes under one temporary directory, removed after all tests. */
let root = "";
let apps = 0;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "residency-test-"));
});
afterAll(() => {
  if (root !== "") {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
function newApp(): App {
  apps += 1;
  return new App({ outdir: path.join(root, `app-${apps}`) });
}

const offenders = (violations: readonly ResidencyViolation[]): [string | undefined, string, string][] =>
  violations.map((v) => [v.constructPath, v.attribute, v.value]);

describe("checkResidency on stacks synthesized in memory", () => {
  let aws: ResidencyViolation[] = [];
  let gcp: ResidencyViolation[] = [];
  let cleanAws: ResidencyViolation[] = [];

  beforeAll(() => {
    const app = newApp();
    aws = checkResidency("aws-lake", awsLake(app, "aws-lake").toTerraform() as Record<string, unknown>, "eu");
    gcp = checkResidency("gcp-lake", gcpLake(app, "gcp-lake").toTerraform() as Record<string, unknown>, "eu");
    cleanAws = checkResidency("clean", awsLake(app, "clean", true).toTerraform() as Record<string, unknown>, "eu");
  });

  it("lists every AWS offender with its construct path, attribute and value", () => {
    expect(offenders(aws)).toEqual([
      [undefined, "region", "us-west-2"],
      ["aws-lake/lake_logs", "region", "us-east-1"],
      ["aws-lake/lake_replica", "provider", "aws.dr"],
      ["aws-lake/lake_replication", "rule[0].destination.bucket", "${aws_s3_bucket.lake_replica.arn}"],
      ["aws-lake/lake_key_dr", "provider", "aws.dr"],
    ]);
    expect(aws.map((v) => v.address)).toEqual([
      "provider.aws.dr",
      "aws_s3_bucket.lake_logs",
      "aws_s3_bucket.lake_replica",
      "aws_s3_bucket_replication_configuration.lake_replication",
      "aws_kms_replica_key.lake_key_dr",
    ]);
    expect(aws.every((v) => v.stack === "aws-lake")).toBe(true);
  });

  it("explains that the replication goes through the aliased provider's region", () => {
    const replication = aws.find((v) => v.address === "aws_s3_bucket_replication_configuration.lake_replication");
    expect(replication?.reason).toMatch(/aws_s3_bucket\.lake_replica \(region from provider\.aws\.dr\): us-west-2 \(Oregon, United States\) is in us/);
  });

  it("lists every GCP offender and accepts the configurable dual-region inside eu", () => {
    expect(offenders(gcp)).toEqual([
      ["gcp-lake/lake", "location", "US"],
      ["gcp-lake/keys", "location", "us-central1"],
    ]);
  });

  it("reports nothing for the same AWS stack with its locations inside eu", () => {
    expect(cleanAws).toEqual([]);
  });
});

describe("pinResidency", () => {
  let outdir = "";
  let synthError: unknown;
  let cleanOutdir = "";

  beforeAll(() => {
    const app = newApp();
    outdir = app.outdir;
    const stack = awsLake(app, "aws-lake");
    pinResidency(stack, "eu");
    pinResidency(stack, "eu");
    try {
      app.synth();
    } catch (error) {
      synthError = error;
    }

    const cleanApp = newApp();
    cleanOutdir = cleanApp.outdir;
    pinResidency(awsLake(cleanApp, "clean", true), "eu");
    cleanApp.synth();
  });

  it("fails when a pinned stack has an offender, with one line per offender naming path, attribute and value", () => {
    expect(synthError).toBeInstanceOf(Error);
    const message = (synthError as Error).message;
    expect(message).toMatch(/^Validation failed with the following errors:/);
    const lines = message.split("\n").filter((l) => l.includes("data residency (eu)"));
    expect(lines).toHaveLength(5);
    expect(lines).toEqual([
      expect.stringContaining('[aws-lake] data residency (eu): provider.aws.dr: region = "us-west-2"'),
      expect.stringContaining('aws_s3_bucket.lake_logs (construct aws-lake/lake_logs): region = "us-east-1" — us-east-1 (N. Virginia, United States) is in us'),
      expect.stringContaining('aws_s3_bucket.lake_replica (construct aws-lake/lake_replica): provider = "aws.dr"'),
      expect.stringContaining('aws_s3_bucket_replication_configuration.lake_replication (construct aws-lake/lake_replication): rule[0].destination.bucket = "${aws_s3_bucket.lake_replica.arn}"'),
      expect.stringContaining('aws_kms_replica_key.lake_key_dr (construct aws-lake/lake_key_dr): provider = "aws.dr"'),
    ]);
  });

  it("fails when synthesizing an offender, before writing that stack", () => {
    expect(fs.existsSync(path.join(outdir, "stacks", "aws-lake", "cdk.tf.json"))).toBe(false);
  });

  it("lets a clean pinned stack synthesize", () => {
    const written = JSON.parse(fs.readFileSync(path.join(cleanOutdir, "stacks", "clean", "cdk.tf.json"), "utf8")) as Record<string, unknown>;
    expect(checkResidency("clean", written, "eu")).toEqual([]);
    expect(Object.keys(written["resource"] as object)).toContain("aws_s3_bucket_replication_configuration");
  });

  it("records the jurisdiction once however often it is pinned", () => {
    const stack = new TerraformStack(newApp(), "s");
    pinResidency(stack, "de");
    pinResidency(stack, "de");
    pinResidency(stack, "eu");
    expect(pinnedJurisdictions(stack)).toEqual(["de", "eu"]);
  });

  it("fails when asked to pin to a jurisdiction that is not in the catalog", () => {
    const stack = new TerraformStack(newApp(), "s");
    expect(() => pinResidency(stack, "xx" as "eu")).toThrow(/unknown jurisdiction "xx"/);
  });
});

describe("pinResidency under Testing.synth with validations", () => {
  let thrown: unknown;

  beforeAll(() => {
    const stack = gcpLake(newApp(), "gcp");
    pinResidency(stack, "eu");
    try {
      Testing.synth(stack, true);
    } catch (error) {
      thrown = error;
    }
  });

  it("fails when the pinned stack has offenders, naming each of them", () => {
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toContain('[gcp] data residency (eu): google_storage_bucket.lake (construct gcp/lake): location = "US"');
    expect(message).toContain('google_kms_key_ring.keys (construct gcp/keys): location = "us-central1" — us-central1 (Council Bluffs, Iowa, United States) is in us');
    expect(message).not.toContain("lake_dual");
  });
});
