/**
 * cdktf stacks for the compliance tests. Provider classes through deep imports only.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketAcl } from "@cdktf/provider-aws/lib/s3-bucket-acl";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { ContainerCluster } from "@cdktf/provider-google/lib/container-cluster";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member";
import { App, TerraformStack } from "cdktf";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suppress } from "../../lib/compliance/suppress";

/** A temporary cdktf output directory, removed by `cleanup`. */
export function tempOutdir(prefix: string): { readonly dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `aip-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An AWS stack that breaks the rules on purpose: public bucket, wildcard IAM, public EKS endpoint, open SG, a bucket in us-east-1. */
export function badAwsStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, "bad-aws");
  new AwsProvider(stack, "aws", { region: "eu-central-1", defaultTags: [{ tags: { residency: "eu" } }] });
  const bucket = new S3Bucket(stack, "PublicBucket", { bucket: "acme-public-data" });
  new S3BucketAcl(stack, "PublicAcl", { bucket: bucket.id, acl: "public-read" });
  new S3BucketPolicy(stack, "PublicPolicy", {
    bucket: bucket.id,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucket.arn}/*` }] }),
  });
  new S3Bucket(stack, "UsBucket", { bucket: "acme-us-copy", region: "us-east-1" });
  new IamPolicy(stack, "AdminPolicy", {
    name: "everything",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
  });
  new EksCluster(stack, "Cluster", {
    name: "bad",
    roleArn: "arn:aws:iam::111122223333:role/eks",
    vpcConfig: { subnetIds: ["subnet-1"], endpointPrivateAccess: false, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
  });
  new SecurityGroup(stack, "OpenSsh", {
    name: "open-ssh",
    vpcId: "vpc-1",
    ingress: [{ fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }],
  });
  return stack;
}

/** A GCP stack that breaks the rules on purpose: public control plane, open firewall, public bucket in the US. */
export function badGcpStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, "bad-gcp");
  new GoogleProvider(stack, "google", { project: "acme-ml-prod", region: "europe-west4", defaultLabels: { residency: "eu" } });
  new ContainerCluster(stack, "Cluster", {
    name: "bad",
    location: "europe-west4",
    initialNodeCount: 1,
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/0", displayName: "anywhere" }] },
  });
  new ComputeFirewall(stack, "OpenSsh", { name: "open-ssh", network: "default", allow: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"] });
  const bucket = new StorageBucket(stack, "Bucket", { name: "acme-us-data", location: "US" });
  new StorageBucketIamMember(stack, "Public", { bucket: bucket.name, role: "roles/storage.objectViewer", member: "allUsers" });
  return stack;
}

/** A small AWS stack with one bucket suppressed for two rules. */
export function suppressedStack(app: App): { stack: TerraformStack; bucket: S3Bucket } {
  const stack = new TerraformStack(app, "suppressed");
  new AwsProvider(stack, "aws", { region: "eu-central-1", defaultTags: [{ tags: { residency: "eu" } }] });
  const bucket = new S3Bucket(stack, "Logs", { bucket: "acme-access-logs" });
  suppress(bucket, "AIP-S3-006", "this is the access-log bucket itself");
  suppress(bucket, "AIP-S3-001", "S3 server access logging only delivers to SSE-S3 buckets");
  return { stack, bucket };
}

/** Synthesizes an App into `outdir`. */
export function synthApp(outdir: string, build: (app: App) => void): void {
  const app = new App({ outdir });
  build(app);
  app.synth();
}
