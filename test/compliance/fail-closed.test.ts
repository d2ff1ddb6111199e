/**
 * `check` fails closed: what it cannot read is an input error (exit 2), never a pass;
 * nothing outside the checked directory is read; a location it cannot prove inside the
 * jurisdiction is a finding; the report says where the jurisdiction came from.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CheckInputError, runCheck } from "../../lib/compliance";
import { review } from "../../lib/compliance/engine";
import { readStacks } from "../../lib/compliance/load";
import type { Json } from "../../lib/compliance/model";
import { ALL_RULES, ResidencyPinned } from "../../lib/compliance/rules";
import { run } from "../../lib/cli/main";
import { tempOutdir } from "./fixtures";
import { indexOf } from "./helpers";

describe("reading the output directory fails closed", () => {
  const out = tempOutdir("closed");
  afterAll(() => out.cleanup());
  function write(path: string, value: unknown): void {
    mkdirSync(join(out.dir, path, ".."), { recursive: true });
    writeFileSync(join(out.dir, path), typeof value === "string" ? value : JSON.stringify(value));
  }
  const stack = { provider: { aws: [{ region: "eu-central-1" }] }, resource: {} };

  test("fails when a stack listed in manifest.json has no file (exit 2 from the command)", () => {
    write("missing/manifest.json", { stacks: { a: { synthesizedStackPath: "stacks/a/cdk.tf.json" }, b: { synthesizedStackPath: "stacks/b/cdk.tf.json" } } });
    write("missing/stacks/a/cdk.tf.json", stack);
    expect(() => readStacks(join(out.dir, "missing"))).toThrow(CheckInputError);
    expect(() => readStacks(join(out.dir, "missing"))).toThrow(/stack file of "b" stacks\/b\/cdk\.tf\.json does not exist/);
    const errors: string[] = [];
    expect(run(["check", join(out.dir, "missing")], { stdout: () => undefined, stderr: (s) => errors.push(s) })).toBe(2);
    expect(errors.join("\n")).toMatch(/stacks\/b\/cdk\.tf\.json does not exist/);
  });

  test("fails when a listed stack file is a directory", () => {
    write("dir/manifest.json", { stacks: { a: { synthesizedStackPath: "stacks/a/cdk.tf.json" } } });
    mkdirSync(join(out.dir, "dir/stacks/a/cdk.tf.json"), { recursive: true });
    expect(() => readStacks(join(out.dir, "dir"))).toThrow(/is not a regular file/);
  });

  test("fails when manifest.json names a path outside the directory, without reading it", () => {
    write("secret.json", { resource: { aws_s3_bucket: { leaked: { bucket: "TOP-SECRET-CONTENT" } } } });
    write("escape/manifest.json", { stacks: { a: { synthesizedStackPath: "../secret.json" } } });
    let message = "";
    try {
      runCheck({ dir: join(out.dir, "escape"), format: "text" });
    } catch (e) {
      expect(e).toBeInstanceOf(CheckInputError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/outside .*escape; refusing to read it/);
    expect(message).not.toContain("TOP-SECRET-CONTENT");
  });

  test("fails when manifest.json names an absolute path elsewhere", () => {
    write("absolute/manifest.json", { stacks: { a: { synthesizedStackPath: join(out.dir, "secret.json") } } });
    expect(() => readStacks(join(out.dir, "absolute"))).toThrow(/refusing to read it/);
  });

  test("fails when a stack file inside the directory is a symlink to a file outside (symlinks resolved)", () => {
    write("link/manifest.json", { stacks: { a: { synthesizedStackPath: "stacks/a/cdk.tf.json" } } });
    mkdirSync(join(out.dir, "link/stacks/a"), { recursive: true });
    symlinkSync(join(out.dir, "secret.json"), join(out.dir, "link/stacks/a/cdk.tf.json"));
    expect(() => readStacks(join(out.dir, "link"))).toThrow(/resolves to .*secret\.json, outside .*link; refusing to read it/);
  });

  test("fails when a globbed stacks/*/cdk.tf.json is a symlink out of the directory, or dangling", () => {
    mkdirSync(join(out.dir, "globlink/stacks/a"), { recursive: true });
    symlinkSync(join(out.dir, "secret.json"), join(out.dir, "globlink/stacks/a/cdk.tf.json"));
    expect(() => readStacks(join(out.dir, "globlink"))).toThrow(/refusing to read it/);
    mkdirSync(join(out.dir, "dangling/stacks/a"), { recursive: true });
    symlinkSync(join(out.dir, "nowhere.json"), join(out.dir, "dangling/stacks/a/cdk.tf.json"));
    expect(() => readStacks(join(out.dir, "dangling"))).toThrow(/does not exist/);
  });

  test("a symlink that stays inside the directory is read", () => {
    write("inner/manifest.json", { stacks: { a: { synthesizedStackPath: "stacks/a/cdk.tf.json" } } });
    write("inner/real/a.json", stack);
    mkdirSync(join(out.dir, "inner/stacks/a"), { recursive: true });
    symlinkSync(join(out.dir, "inner/real/a.json"), join(out.dir, "inner/stacks/a/cdk.tf.json"));
    expect(readStacks(join(out.dir, "inner")).map((s) => s.file)).toEqual(["real/a.json"]);
  });

  test("fails when manifest.json has no stacks object", () => {
    write("nostacks/manifest.json", { version: "0.21.0" });
    expect(() => readStacks(join(out.dir, "nostacks"))).toThrow(/not a cdktf manifest \(no "stacks" object\)/);
  });
});

describe("where the jurisdiction comes from", () => {
  const out = tempOutdir("jurisdiction");
  afterAll(() => out.cleanup());
  function dirWith(name: string, config: Json): string {
    const dir = join(out.dir, name);
    mkdirSync(join(dir, "stacks/s"), { recursive: true });
    writeFileSync(join(dir, "stacks/s/cdk.tf.json"), JSON.stringify(config));
    return dir;
  }

  test("without --residency and without a tag the report says plainly that residency was not checked", () => {
    const dir = dirWith("untagged", { provider: { aws: [{ region: "us-east-1" }] }, resource: { aws_s3_bucket: { b: { bucket: "b" } } } });
    const text = runCheck({ dir, format: "text" }).report;
    expect(text).toContain("RESIDENCY NOT CHECKED: no --residency was given and no provider carries a residency tag/label");
    expect(runCheck({ dir, format: "md" }).report).toContain("RESIDENCY NOT CHECKED");
  });

  test("a stack's own tag is named as the source, not taken silently", () => {
    const dir = dirWith("tagged", { provider: { aws: [{ region: "eu-central-1", default_tags: [{ tags: { residency: "eu" } }] }] }, resource: {} });
    expect(runCheck({ dir, format: "text" }).report).toContain("residency checked against eu (from the stack's own provider residency tag/label (not --residency))");
    expect(runCheck({ dir, format: "text", residency: "de" }).report).toContain("residency checked against de (from --residency)");
  });

  test("fails when providers' residency tags disagree and no --residency is given", () => {
    const dir = dirWith("conflict", {
      provider: { aws: [{ region: "eu-central-1", default_tags: [{ tags: { residency: "eu" } }] }], google: [{ region: "us-central1", default_labels: { residency: "us" } }] },
      resource: {},
    });
    expect(() => runCheck({ dir, format: "text" })).toThrow(/residency tags\/labels disagree \(eu, us\)/);
    expect(runCheck({ dir, format: "text", residency: "eu" }).exitCode).toBe(1);
  });
});

/** The residency verdict and message of one block under jurisdiction `j`. */
function residency(config: Json, address: string, j = "eu"): { status: string; message: string } {
  const index = indexOf(config, j);
  const resource = index.get(address);
  if (resource === undefined) throw new Error(`no ${address}`);
  const v = ResidencyPinned.evaluate(resource, index);
  return typeof v === "string" ? { status: v, message: "" } : { status: v.status, message: v.message ?? "" };
}

const EU = { aws: [{ region: "eu-central-1" }] };

describe("residency: everything is evaluated, unknown is a finding", () => {
  test("fails when the s3 backend is outside; passes inside", () => {
    const config = (region: string) => ({ terraform: { backend: { s3: { bucket: "state", key: "k", region } } }, provider: EU });
    expect(residency(config("us-east-1"), "terraform.backend.s3")).toMatchObject({ status: "non-compliant", message: expect.stringMatching(/region = "us-east-1"/) });
    expect(residency(config("eu-west-1"), "terraform.backend.s3").status).toBe("compliant");
  });

  test("fails when a gcs backend's bucket location is neither in the stack nor declared; passes when declared inside or defined", () => {
    const gcs = (extra: Json) => ({ terraform: { backend: { gcs: { bucket: "state", ...extra } } }, provider: { google: [{ region: "europe-west4" }] } });
    expect(residency(gcs({}), "terraform.backend.gcs")).toMatchObject({ status: "non-compliant", message: expect.stringMatching(/state bucket is not defined in this stack/) });
    expect(residency(gcs({ "//": { location: "US" } }), "terraform.backend.gcs").status).toBe("non-compliant");
    expect(residency(gcs({ "//": { location: "EU" } }), "terraform.backend.gcs").status).toBe("compliant");
    const defined = { ...gcs({}), resource: { google_storage_bucket: { state: { name: "state", location: "EU" } } } };
    expect(residency(defined, "terraform.backend.gcs").status).toBe("compliant");
  });

  test("fails when state lives in a backend whose location the configuration cannot show (remote, HCP Terraform)", () => {
    expect(residency({ terraform: { backend: { remote: { organization: "o" } } }, provider: EU }, "terraform.backend.remote").status).toBe("non-compliant");
    expect(residency({ terraform: { cloud: { organization: "o" } }, provider: EU }, "terraform.cloud").status).toBe("non-compliant");
    expect(residency({ terraform: { backend: { local: { path: "x" } } }, provider: EU }, "terraform.backend.local").status).toBe("compliant");
  });

  test("fails when an awscc provider (default or alias) is outside or unset; passes inside", () => {
    expect(residency({ provider: { ...EU, awscc: [{ region: "us-east-1" }] } }, "provider.awscc").status).toBe("non-compliant");
    expect(residency({ provider: { ...EU, awscc: [{}] } }, "provider.awscc").message).toMatch(/no region is set/);
    expect(residency({ provider: { ...EU, awscc: [{ region: "eu-west-1" }, { alias: "x", region: "ap-south-1" }] } }, "provider.awscc.x").status).toBe("non-compliant");
    expect(residency({ provider: { ...EU, awscc: [{ region: "eu-west-1" }] } }, "provider.awscc").status).toBe("compliant");
  });

  test("fails when an awscc resource's own region is outside", () => {
    const config = (region: string) => ({ provider: { ...EU, awscc: [{ region: "eu-west-1" }] }, resource: { awscc_s3_bucket: { b: { region } } } });
    expect(residency(config("us-west-2"), "awscc_s3_bucket.b").status).toBe("non-compliant");
    expect(residency(config("eu-west-3"), "awscc_s3_bucket.b").status).toBe("compliant");
  });

  test("fails when a google-beta alias is outside", () => {
    const config = { provider: { google: [{ region: "europe-west4" }], "google-beta": [{ alias: "b", region: "us-central1" }] } };
    expect(residency(config, "provider.google-beta.b").status).toBe("non-compliant");
  });

  test("fails when a BigQuery dataset has no location (BigQuery's default is US); passes with an EU location, and without one under us", () => {
    const config = (location?: string) => ({ provider: { google: [{ region: "europe-west4" }] }, resource: { google_bigquery_dataset: { d: { dataset_id: "d", ...(location ? { location } : {}) } } } });
    expect(residency(config(), "google_bigquery_dataset.d")).toMatchObject({ status: "non-compliant", message: expect.stringMatching(/BigQuery uses its default multi-region US/) });
    expect(residency(config("EU"), "google_bigquery_dataset.d").status).toBe("compliant");
    expect(residency(config(), "google_bigquery_dataset.d", "us").status).toBe("compliant");
  });

  test("fails when a location is an expression that cannot be proven: a function over a literal, a variable, a bare function", () => {
    const config = (region: string) => ({ provider: EU, variable: { r: { default: "eu-central-1" } }, resource: { aws_s3_bucket: { b: { bucket: "b", region } } } });
    expect(residency(config('${lower("US-EAST-1")}'), "aws_s3_bucket.b").message).toMatch(/holds "US-EAST-1"/);
    expect(residency(config("${var.r}"), "aws_s3_bucket.b").message).toMatch(/comes from variable r .*can be set to any location at plan time/);
    expect(residency(config("${timestamp()}"), "aws_s3_bucket.b").message).toMatch(/names no block of this stack/);
    expect(residency(config('${lower("EU-CENTRAL-1")}'), "aws_s3_bucket.b").status).toBe("compliant");
  });

  test("a location that references a block of this stack passes (that block is checked where it is defined)", () => {
    const config = {
      provider: { google: [{ region: "europe-west4" }] },
      resource: { google_kms_key_ring: { r: { name: "r", location: "europe-west4" } }, google_storage_bucket: { b: { name: "b", location: "${google_kms_key_ring.r.location}" } } },
    };
    expect(residency(config, "google_storage_bucket.b").status).toBe("compliant");
  });

  test("fails when a provider's region is an expression over a variable", () => {
    expect(residency({ provider: { aws: [{ region: "${var.region}" }] }, variable: { region: {} } }, "provider.aws").status).toBe("non-compliant");
  });

  test("fails when a legacy inline replication destination is outside or unknown; passes inside", () => {
    const config = (destRegion: string, dest = "${aws_s3_bucket.dst.arn}") => ({
      provider: { aws: [{ region: "eu-central-1" }, { alias: "dr", region: destRegion }] },
      resource: {
        aws_s3_bucket: {
          src: { bucket: "src", replication_configuration: { role: "r", rules: [{ status: "Enabled", destination: { bucket: dest } }] } },
          dst: { bucket: "dst", provider: "aws.dr" },
        },
      },
    });
    expect(residency(config("us-west-2"), "aws_s3_bucket.src").message).toMatch(/replicates to aws_s3_bucket\.dst: .*us-west-2/);
    expect(residency(config("eu-west-1", "arn:aws:s3:::elsewhere"), "aws_s3_bucket.src").message).toMatch(/cannot be found in this stack/);
    expect(residency(config("eu-west-1"), "aws_s3_bucket.src").status).toBe("compliant");
  });

  test("fails when a key named by a literal ARN or GCP key name lives outside", () => {
    const aws = (key: string) => ({
      provider: EU,
      resource: { aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: "b", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: key } }] } } },
    });
    expect(residency(aws("arn:aws:kms:us-east-1:111122223333:key/abc"), "aws_s3_bucket_server_side_encryption_configuration.e").message).toMatch(/the key lives in .*us-east-1/);
    expect(residency(aws("arn:aws:kms:eu-central-1:111122223333:key/abc"), "aws_s3_bucket_server_side_encryption_configuration.e").status).toBe("compliant");
    const gcp = (loc: string) => ({
      provider: { google: [{ region: "europe-west4" }] },
      resource: { google_storage_bucket: { b: { name: "b", location: "EU", encryption: { default_kms_key_name: `projects/p/locations/${loc}/keyRings/r/cryptoKeys/k` } } } },
    });
    expect(residency(gcp("us-central1"), "google_storage_bucket.b").status).toBe("non-compliant");
    expect(residency(gcp("europe-west4"), "google_storage_bucket.b").status).toBe("compliant");
  });
});

describe("the review is linear in resources", () => {
  /** Counts attribute reads the review makes on a stack of `n` buckets with split configurations. */
  function reads(n: number): number {
    let count = 0;
    const counted = (value: Json): Json =>
      new Proxy(value, {
        get(target, key, receiver) {
          count++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const resource: Record<string, Record<string, Json>> = { aws_s3_bucket: {}, aws_s3_bucket_versioning: {}, aws_s3_bucket_server_side_encryption_configuration: {} };
    for (let i = 0; i < n; i++) {
      resource["aws_s3_bucket"]![`b${i}`] = counted({ bucket: `bucket-${i}` });
      resource["aws_s3_bucket_versioning"]![`v${i}`] = counted({ bucket: `\${aws_s3_bucket.b${i}.id}`, versioning_configuration: { status: "Enabled" } });
      resource["aws_s3_bucket_server_side_encryption_configuration"]![`e${i}`] = counted({
        bucket: `bucket-${i}`,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "k" } }],
      });
    }
    const index = indexOf({ provider: { aws: [{ region: "eu-central-1" }] }, resource }, "eu");
    review([index], ALL_RULES);
    return count;
  }

  test("attribute reads grow in proportion to the number of buckets (not with its square)", () => {
    const small = reads(200);
    const large = reads(800);
    expect(large / small).toBeLessThan(4.5);
    expect(large / small).toBeGreaterThan(3.5);
  });
});
