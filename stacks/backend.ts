import { GcsBackend, LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import type { PlatformSpec } from "../lib/spec/schema";

/**
 * Configures the spec's state backend on a stack. Every stack gets its own state
 * (`<prefix>/<stack>.tfstate`). S3 state is encrypted and locked with S3's native
 * lock file (no DynamoDB table); the region is pinned to the residency by validation.
 */
export function configureBackend(stack: TerraformStack, spec: PlatformSpec, stackName: string): void {
  const backend = spec.backend;
  switch (backend.kind) {
    case "local":
      // Relative to cdktf.out/stacks/<stack>/: the state sits beside the output directory, never inside it,
      // so re-synthesizing (which replaces the output directory) cannot delete it.
      new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case "s3": {
      const region = backend.region ?? firstAwsRegion(spec);
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.prefix ?? spec.name}/${stackName}.tfstate`,
        region,
        encrypt: true,
      });
      s3.addOverride("use_lockfile", true);
      return;
    }
    case "gcs":
      new GcsBackend(stack, { bucket: backend.bucket, prefix: `${backend.prefix ?? spec.name}/${stackName}` });
      return;
  }
}

function firstAwsRegion(spec: PlatformSpec): string {
  const aws = spec.targets.find((t) => t.cloud === "aws");
  if (!aws) throw new Error("backend.region is required when no target is on aws (validation should have said so)");
  return aws.region;
}
