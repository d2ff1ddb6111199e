import { StorageBucket, type StorageBucketLifecycleRule } from "@cdktf/provider-google/lib/storage-bucket";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member";
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { assertGrantable } from "./project-iam";

/** Props of {@link GcpPrivateBucket}. */
export interface GcpPrivateBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  readonly project: string;
  /** The bucket's region (a single region, the target's). */
  readonly location: string;
  /** KMS key (id) every new object is encrypted with; must be in the bucket's location. */
  readonly kmsKeyName: string;
  /**
   * Bucket that receives this bucket's legacy usage and storage logs (delivery needs a
   * grant to group:cloud-storage-analytics@google.com).
   * @default - no usage logs: access is recorded by Data Access audit logs
   */
  readonly logBucket?: string;
  /**
   * Lifecycle rules.
   * @default - none
   */
  readonly lifecycleRules?: readonly StorageBucketLifecycleRule[];
  /**
   * Bucket retention policy: objects cannot be deleted or replaced before this age.
   * @default - none
   */
  readonly retention?: { readonly days: number; readonly locked: boolean };
  /**
   * Keep noncurrent object versions.
   * @default true
   */
  readonly versioned?: boolean;
  /** Resources the bucket must wait for (the KMS grant of the Cloud Storage service agent). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A private Cloud Storage bucket with the platform's defaults: uniform bucket-level access
 * (IAM only, no object ACLs), public access prevention enforced, versioning, a default
 * customer-managed key, `force_destroy` off and `prevent_destroy` on (a
 * plan that would delete the bucket fails instead of deleting data).
 *
 * Readers and writers need no key permission: Cloud Storage's service agent encrypts and
 * decrypts with the key on their behalf.
 */
export class GcpPrivateBucket extends Construct {
  public readonly resource: StorageBucket;
  /** The bucket's name (a literal, known at synth). */
  public readonly bucketName: string;
  private readonly members = new Map<string, StorageBucketIamMember>();

  constructor(scope: Construct, id: string, props: GcpPrivateBucketProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.resource = new StorageBucket(this, "Resource", {
      name: props.bucketName,
      project: props.project,
      location: props.location,
      storageClass: "STANDARD",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: props.versioned ?? true },
      encryption: { defaultKmsKeyName: props.kmsKeyName },
      forceDestroy: false,
      ...(props.logBucket === undefined ? {} : { logging: { logBucket: props.logBucket, logObjectPrefix: props.bucketName } }),
      ...(props.lifecycleRules === undefined ? {} : { lifecycleRule: [...props.lifecycleRules] }),
      ...(props.retention === undefined
        ? {}
        : { retentionPolicy: { retentionPeriod: props.retention.days * 86400, isLocked: props.retention.locked } }),
      lifecycle: { preventDestroy: true },
      ...(props.dependsOn === undefined ? {} : { dependsOn: [...props.dependsOn] }),
    });
  }

  /**
   * Grants `role` on this bucket only, once per (role, member). `idSuffix` names the IAM
   * member construct; it must be stable (derived from spec names), since a reference has
   * no stable text to derive one from.
   */
  public grant(role: string, member: string, idSuffix: string): StorageBucketIamMember {
    assertGrantable(role, member);
    const key = `${role}\u0000${member}`;
    const existing = this.members.get(key);
    if (existing !== undefined) return existing;
    const created = new StorageBucketIamMember(this, `${role.replace(/^roles\//, "")}-${idSuffix}`, {
      bucket: this.resource.name,
      role,
      member,
    });
    this.members.set(key, created);
    return created;
  }
}
