import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { Grantee, IModelRegistry } from "../spec/contracts";
import { gcpGrantee } from "./imports";
import { GcpPrivateBucket } from "./private-bucket";

/** Bucket roles of the registry's grants. */
export const MODEL_REGISTRY_ROLES = {
  /** List and read models. */
  consume: ["roles/storage.objectViewer"],
  /** Add and read model versions; no delete, no overwrite (storage.objectCreator has neither). */
  publish: ["roles/storage.objectCreator", "roles/storage.objectViewer"],
} as const;

/** Props of {@link GcpModelRegistry}. */
export interface GcpModelRegistryProps {
  readonly project: string;
  readonly region: string;
  readonly bucketName: string;
  /** Key (id) of the registry bucket; in `region`. */
  readonly kmsKeyName: string;
  /**
   * Bucket that receives Cloud Storage's legacy usage logs.
   * @default - no usage logs (the platform uses Data Access audit logs)
   */
  readonly logBucket?: string;
  /** Write-once period (spec.modelRegistry.retentionDays). */
  readonly retentionDays: number;
  /**
   * "compliance": the retention policy is locked (`is_locked`), nobody can shorten or
   * remove it (irreversible). "governance": unlocked, an admin can change it.
   */
  readonly mode: "governance" | "compliance";
  /** Resources the bucket must wait for (the Cloud Storage agent's key grant). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The model registry: one private, CMEK-encrypted bucket with a bucket retention policy
 * (Bucket Lock): no object can be deleted or replaced before `retentionDays`. Publishers
 * can only add objects; consumers can only read.
 *
 * Object Versioning is off on this bucket: Cloud Storage does not allow a bucket
 * retention policy and Object Versioning on the same bucket
 * (https://cloud.google.com/storage/docs/bucket-lock, "Retention policies and Object
 * Versioning are mutually exclusive"). The retention policy is the stronger guarantee:
 * an object cannot be replaced at all within the window, so there is no earlier
 * version to keep. A new model version is a new object name.
 */
export class GcpModelRegistry extends Construct implements IModelRegistry {
  public readonly bucket: GcpPrivateBucket;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: GcpModelRegistryProps) {
    super(scope, id);
    this.bucket = new GcpPrivateBucket(this, "Bucket", {
      bucketName: props.bucketName,
      project: props.project,
      location: props.region,
      kmsKeyName: props.kmsKeyName,
      ...(props.logBucket === undefined ? {} : { logBucket: props.logBucket }),
      retention: { days: props.retentionDays, locked: props.mode === "compliance" },
      lifecycleRules: [{ action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } }],
      versioned: false,
      ...(props.dependsOn === undefined ? {} : { dependsOn: props.dependsOn }),
    });
    this.bucketName = this.bucket.bucketName;
  }

  public grantConsume(identity: Grantee): void {
    const { member, who } = gcpGrantee(identity);
    for (const role of MODEL_REGISTRY_ROLES.consume) this.bucket.grant(role, member, who);
  }

  public grantPublish(identity: Grantee): void {
    const { member, who } = gcpGrantee(identity);
    for (const role of MODEL_REGISTRY_ROLES.publish) this.bucket.grant(role, member, who);
  }
}
