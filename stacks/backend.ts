import {
  DataTerraformRemoteStateGcs,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  GcsBackend,
  LocalBackend,
  S3Backend,
  type TerraformRemoteState,
  type TerraformStack,
} from "cdktf";
import type { Construct } from "constructs";
import type { PlatformSpec } from "../lib/spec/schema";

/** Where one stack's state lives. */
type StateLocation =
  | { readonly kind: "local"; readonly path: string }
  | { readonly kind: "s3"; readonly bucket: string; readonly key: string; readonly region: string }
  | { readonly kind: "gcs"; readonly bucket: string; readonly prefix: string; readonly location: string };

/**
 * The state location of a stack under the spec's backend. Every stack has its own state.
 * Local state sits beside the output directory (the path is relative to
 * `<outdir>/stacks/<stack>/`), never inside it, so re-synthesizing cannot delete it.
 */
function stateLocation(spec: PlatformSpec, stackName: string): StateLocation {
  const backend = spec.backend;
  switch (backend.kind) {
    case "local":
      return { kind: "local", path: `../../../terraform.${stackName}.tfstate` };
    case "s3":
      return {
        kind: "s3",
        bucket: backend.bucket,
        key: `${backend.prefix ?? spec.name}/${stackName}.tfstate`,
        region: backend.region ?? firstAwsRegion(spec),
      };
    case "gcs":
      return { kind: "gcs", bucket: backend.bucket, prefix: `${backend.prefix ?? spec.name}/${stackName}`, location: backend.location };
  }
}

/**
 * Configures the spec's state backend on a stack. S3 state is encrypted and locked with
 * S3's native lock file (no DynamoDB table); its region is pinned to the residency by
 * validation.
 */
export function configureBackend(stack: TerraformStack, spec: PlatformSpec, stackName: string): void {
  const state = stateLocation(spec, stackName);
  switch (state.kind) {
    case "local":
      new LocalBackend(stack, { path: state.path });
      return;
    case "s3": {
      const s3 = new S3Backend(stack, { bucket: state.bucket, key: state.key, region: state.region, encrypt: true });
      s3.addOverride("use_lockfile", true);
      return;
    }
    case "gcs": {
      // The state bucket exists outside the configuration; its location (validated against the
      // residency) is recorded as a JSON comment so `ai-platform check` can review it.
      const gcs = new GcsBackend(stack, { bucket: state.bucket, prefix: state.prefix });
      gcs.addOverride("//", { location: state.location });
      return;
    }
  }
}

/** Reads another stack's outputs from its state (a `terraform_remote_state` data source). */
export function remoteStateOf(scope: Construct, id: string, spec: PlatformSpec, stackName: string): TerraformRemoteState {
  const state = stateLocation(spec, stackName);
  switch (state.kind) {
    case "local":
      return new DataTerraformRemoteStateLocal(scope, id, { path: state.path });
    case "s3":
      return new DataTerraformRemoteStateS3(scope, id, { bucket: state.bucket, key: state.key, region: state.region, encrypt: true });
    case "gcs":
      return new DataTerraformRemoteStateGcs(scope, id, { bucket: state.bucket, prefix: state.prefix });
  }
}

function firstAwsRegion(spec: PlatformSpec): string {
  const aws = spec.targets.find((t) => t.cloud === "aws");
  if (!aws) throw new Error("backend.region is required when no target is on aws (validation should have said so)");
  return aws.region;
}
