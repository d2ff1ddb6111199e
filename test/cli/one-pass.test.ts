import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { App, TerraformStack } from "cdktf";
import { CrossStackReferenceError, synthInOnePass } from "../../lib/cli/one-pass";

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

/** Two stacks; the second one's bucket policy names the first one's bucket. */
function crossStackApp(outdir: string): App {
  const app = new App({ outdir, stackTraces: false });
  const a = new TerraformStack(app, "a");
  new AwsProvider(a, "aws", { region: "eu-central-1" });
  const bucket = new S3Bucket(a, "Bucket", { bucket: "shared" });
  const b = new TerraformStack(app, "b");
  new AwsProvider(b, "aws", { region: "eu-central-1" });
  new S3BucketPolicy(b, "Policy", { bucket: bucket.id, policy: "{}" });
  return app;
}

describe("one-pass synthesis", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ai-platform-one-pass-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe("of the default example", () => {
    let standard: string;
    let onePass: string;
    beforeAll(() => {
      standard = join(dir, "standard");
      onePass = join(dir, "one-pass");
      // Each in its own process: the output of one must not depend on state left by the other.
      const scripts = {
        // cdktf's own App.synth(), with its preparing passes and nothing of ours around it.
        [standard]: [
          'const { App } = require("cdktf");',
          'const { readSpecFile } = require("./lib/spec/load");',
          'const { addPlatformStacks } = require("./stacks/platform");',
          `const app = new App({ outdir: ${JSON.stringify(standard)}, stackTraces: false });`,
          'addPlatformStacks(app, readSpecFile("examples/acme-ml-eu.yaml"));',
          "app.synth();",
        ],
        [onePass]: [
          'const { readSpecFile } = require("./lib/spec/load");',
          'const { synthesizeSpec } = require("./lib/cli/synth");',
          `synthesizeSpec(readSpecFile("examples/acme-ml-eu.yaml"), ${JSON.stringify(onePass)});`,
        ],
      };
      for (const script of Object.values(scripts)) {
        const p = spawnSync(process.execPath, ["--import", "tsx", "-e", script.join("\n")], { encoding: "utf8" });
        if (p.status !== 0) throw new Error(`synth exited ${p.status}: ${p.stderr}`);
      }
    });

    test("writes byte for byte what cdktf's App.synth() writes", () => {
      const files = listFiles(standard);
      expect(files).toContain(join("stacks", "acme-ml-aws-eu-central-1-k8s", "cdk.tf.json"));
      expect(listFiles(onePass)).toEqual(files);
      for (const f of files) expect(readFileSync(join(onePass, f), "utf8")).toBe(readFileSync(join(standard, f), "utf8"));
    });
  });

  describe("of stacks that share a token", () => {
    test("cdktf's App.synth() turns it into an output and a remote-state read", () => {
      const out = join(dir, "cross-standard");
      crossStackApp(out).synth();
      const b = readFileSync(join(out, "stacks", "b", "cdk.tf.json"), "utf8");
      expect(b).toContain("terraform_remote_state");
      expect(b).not.toContain("${aws_s3_bucket.Bucket.id}");
    });

    test("fails when a stack uses a token of another, naming the token and both stacks", () => {
      const out = join(dir, "cross-one-pass");
      const app = crossStackApp(out);
      let error: unknown;
      try {
        synthInOnePass(app);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CrossStackReferenceError);
      expect((error as Error).message).toMatch(/"aws_s3_bucket\.Bucket\.id" of stack a is used in stack b/);
      expect(existsSync(join(out, "stacks", "b", "cdk.tf.json"))).toBe(false);
    });

    test("the reference check is removed after synthesis", () => {
      const out = join(dir, "cross-after");
      const app = crossStackApp(out);
      expect(() => synthInOnePass(app)).toThrow(CrossStackReferenceError);
      crossStackApp(join(dir, "cross-after-standard")).synth();
      expect(readFileSync(join(dir, "cross-after-standard", "stacks", "b", "cdk.tf.json"), "utf8")).toContain("terraform_remote_state");
    });
  });

  test("skips the preparing passes on the installed cdktf (its hooks fit)", () => {
    const app = new App({ outdir: join(dir, "fit"), stackTraces: false });
    const stack = new TerraformStack(app, "s");
    new AwsProvider(stack, "aws", { region: "eu-central-1" });
    new S3Bucket(stack, "Bucket", { bucket: "b" });
    let prepared = 0;
    const prepare = TerraformStack.prototype.prepareStack;
    TerraformStack.prototype.prepareStack = function (this: TerraformStack): void {
      prepared++;
      prepare.call(this);
    };
    try {
      expect(synthInOnePass(app)).toBe(true);
    } finally {
      TerraformStack.prototype.prepareStack = prepare;
    }
    expect(prepared).toBe(0);
    expect(readFileSync(join(dir, "fit", "stacks", "s", "cdk.tf.json"), "utf8")).toContain('"bucket": "b"');
  });
});
