/**
 * An S3 bucket with the platform's baseline, built from the split S3 resources of
 * provider 4+: encryption, versioning, public access blocked, ACLs disabled, TLS-only
 * policy, access logging and lifecycle. Used by the data lake, the model registry and
 * (without KMS and logging) the access-log bucket itself.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { policyDocument, type PolicyStatement } from "./iam";
import type { PlatformKey } from "./kms";

/**
 * Storage class objects move to after `archiveAfterDays`. GLACIER_IR (Glacier Instant
 * Retrieval): millisecond reads with no restore step, so training jobs reading old data
 * never break; about a sixth of STANDARD's storage price, with a retrieval charge and a
 * 90-day minimum, which suits data read rarely after it ages (the same trade as GCS
 * Coldline on GCP). INTELLIGENT_TIERING would not honour the spec's day count (it moves
 * objects on its own schedule) and charges per object monitored.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html
 */
export const ARCHIVE_STORAGE_CLASS = "GLACIER_IR";

/**
 * Lifecycle filter matching every object: an explicit empty prefix. Since provider 5.90
 * an empty `filter {}` block draws "Invalid Attribute Combination ... This will be an
 * error in a future version of the provider"; `filter { prefix = "" }` applies the rule
 * to the whole bucket without it.
 * https://github.com/hashicorp/terraform-provider-aws/issues/42714
 */
export const ALL_OBJECTS = { prefix: "" } as const;

/** Days after which incomplete multipart uploads are aborted. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** S3 Object Lock retention modes. */
export type ObjectLockMode = "GOVERNANCE" | "COMPLIANCE";

/** Where a bucket's server access logs go. */
export interface AccessLogTarget {
  /** Bucket name (id) of the log bucket. */
  readonly bucket: string;
  /** Key prefix, e.g. `<bucket>/`. */
  readonly prefix: string;
  /**
   * What must exist before logging is switched on (the log bucket's policy that lets
   * the logging service write).
   * @default - nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Props of a {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /**
   * Customer-managed key for SSE-KMS (with an S3 bucket key).
   * @default - SSE-S3 (AES256); only for the access-log bucket, which S3 server access logging requires
   */
  readonly key?: PlatformKey;
  /**
   * Server access logging target.
   * @default - no access logging (only for the log bucket itself)
   */
  readonly accessLogs?: AccessLogTarget;
  /**
   * Move current versions to {@link ARCHIVE_STORAGE_CLASS} after this many days.
   * @default - no transition
   */
  readonly archiveAfterDays?: number;
  /**
   * Delete noncurrent versions after this many days.
   * @default - noncurrent versions are kept
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Expire current objects after this many days.
   * @default - never
   */
  readonly expireAfterDays?: number;
  /**
   * Write-once default retention (S3 Object Lock). Can only be set when the bucket is created.
   * @default - no object lock
   */
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly days: number };
  /**
   * Extra bucket-policy statements (e.g. to let the logging service write).
   * @default - none
   */
  readonly additionalPolicyStatements?: readonly PolicyStatement[];
  /**
   * Terraform `prevent_destroy` on the bucket.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** A private, encrypted, versioned S3 bucket. */
export class SecureBucket extends Construct {
  /** The `aws_s3_bucket`. */
  public readonly resource: S3Bucket;
  /** Bucket name (a Terraform reference). */
  public readonly bucketName: string;
  /** Bucket ARN (a Terraform reference). */
  public readonly bucketArn: string;
  public readonly key?: PlatformKey;
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.key = props.key;
    this.resource = new S3Bucket(this, "Resource", {
      bucket: props.bucketName,
      forceDestroy: false,
      ...(props.objectLock ? { objectLockEnabled: true } : {}),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.bucketName = this.resource.bucket;
    this.bucketArn = this.resource.arn;
    const bucket = this.resource.id;

    new S3BucketOwnershipControls(this, "OwnershipControls", {
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket,
      rule: [
        props.key
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.key.keyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    const versioning = new S3BucketVersioningA(this, "Versioning", {
      bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    if (props.objectLock) {
      const { mode, days } = props.objectLock;
      if (!Number.isInteger(days) || days < 1) throw new Error(`${this.node.path}: object lock retention ${days} days must be a positive whole number`);
      new S3BucketObjectLockConfigurationA(this, "ObjectLock", {
        bucket,
        rule: { defaultRetention: { mode, days } },
        dependsOn: [versioning],
      });
    }
    if (props.accessLogs) {
      new S3BucketLoggingA(this, "AccessLogging", {
        bucket,
        targetBucket: props.accessLogs.bucket,
        targetPrefix: props.accessLogs.prefix,
        ...(props.accessLogs.dependsOn ? { dependsOn: [...props.accessLogs.dependsOn] } : {}),
      });
    }

    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: "abort-incomplete-uploads",
        status: "Enabled",
        filter: [ALL_OBJECTS],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
      },
    ];
    if (props.archiveAfterDays !== undefined) {
      rules.push({ id: "archive", status: "Enabled", filter: [ALL_OBJECTS], transition: [{ days: props.archiveAfterDays, storageClass: ARCHIVE_STORAGE_CLASS }] });
    }
    if (props.noncurrentVersionDays !== undefined) {
      rules.push({
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: [ALL_OBJECTS],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
      });
    }
    if (props.expireAfterDays !== undefined) {
      rules.push({ id: "expire", status: "Enabled", filter: [ALL_OBJECTS], expiration: [{ days: props.expireAfterDays }] });
    }
    new S3BucketLifecycleConfiguration(this, "Lifecycle", { bucket, rule: rules, dependsOn: [versioning] });

    const statements: PolicyStatement[] = [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [this.bucketArn, `${this.bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyTlsBelow12",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [this.bucketArn, `${this.bucketArn}/*`],
        Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
      },
    ];
    if (props.key) {
      // Uploads that ask for encryption must ask for SSE-KMS with this bucket's key, by
      // ARN; uploads that ask for nothing get the default (the key) from the encryption
      // configuration.
      statements.push(
        {
          Sid: "DenyOtherEncryption",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: `${this.bucketArn}/*`,
          Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        },
        {
          Sid: "DenyOtherKmsKeys",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: `${this.bucketArn}/*`,
          Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": props.key.keyArn } },
        },
      );
    }
    statements.push(...(props.additionalPolicyStatements ?? []));
    this.policy = new S3BucketPolicy(this, "Policy", {
      bucket,
      policy: policyDocument(statements),
      // The public access block must be in place before any policy is attached.
      dependsOn: [publicAccess],
    });
  }
}
