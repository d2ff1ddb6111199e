/**
 * The model registry: a versioned, KMS-encrypted bucket with S3 Object Lock, so every
 * published model version is write-once for the retention period.
 */
import { Construct } from "constructs";
import { suppress } from "../compliance/suppress";
import type { Grantee, IModelRegistry } from "../spec/contracts";
import type { ModelRegistrySpec } from "../spec/schema";
import type { AccessLogBucket } from "./access-log-bucket";
import type { AwsEnvironment, PolicyStatement } from "./iam";
import { awsGrantee } from "./imports";
import { PlatformKey } from "./kms";
import { SecureBucket, type ObjectLockMode } from "./secure-bucket";

/** Spec retention mode -> S3 Object Lock mode. */
export const OBJECT_LOCK_MODES: Readonly<Record<NonNullable<ModelRegistrySpec["mode"]>, ObjectLockMode>> = {
  compliance: "COMPLIANCE",
  governance: "GOVERNANCE",
};

/** Props of a {@link ModelRegistry}. */
export interface ModelRegistryProps {
  readonly bucketName: string;
  readonly keyAlias: string;
  readonly environment: AwsEnvironment;
  readonly accessLogs: AccessLogBucket;
  /**
   * Default retention of every object version, in days.
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * COMPLIANCE: nobody, not even the account root, can shorten retention or delete a
   * locked version. GOVERNANCE: principals with s3:BypassGovernanceRetention can.
   * @default "compliance"
   */
  readonly mode?: ModelRegistrySpec["mode"];
}

/** The model registry bucket. */
export class ModelRegistry extends Construct implements IModelRegistry {
  /** The bucket. */
  public readonly resource: SecureBucket;
  public readonly key: PlatformKey;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: ModelRegistryProps) {
    super(scope, id);
    this.key = new PlatformKey(this, "Key", {
      alias: props.keyAlias,
      description: "Model registry",
      environment: props.environment,
    });
    this.resource = new SecureBucket(this, "Bucket", {
      bucketName: props.bucketName,
      key: this.key,
      accessLogs: props.accessLogs.targetFor(props.bucketName),
      objectLock: { mode: OBJECT_LOCK_MODES[props.mode ?? "compliance"], days: props.retentionDays ?? 30 },
    });
    this.bucketName = this.resource.bucketName;
    suppress(
      this.resource.resource,
      "AIP-S3-007",
      "the model registry keeps every model version for audit and rollback; versions are write-once under S3 Object Lock and only an operator may remove them after the retention window",
    );
  }

  /** Read models: list, get any version, decrypt. */
  public grantConsume(identity: Grantee): void {
    const grantee = awsGrantee(this, identity, "grantConsume");
    for (const s of this.statements(false)) grantee.addToPrincipalPolicy(s);
  }

  /**
   * Read models and add new versions. No s3:DeleteObject, no s3:BypassGovernanceRetention
   * and no s3:PutObjectRetention: a publisher cannot remove or shorten what is published.
   */
  public grantPublish(identity: Grantee): void {
    const grantee = awsGrantee(this, identity, "grantPublish");
    for (const s of this.statements(true)) grantee.addToPrincipalPolicy(s);
  }

  private statements(publish: boolean): PolicyStatement[] {
    const arn = this.resource.bucketArn;
    return [
      { Sid: "ModelsList", Effect: "Allow", Action: "s3:ListBucket", Resource: arn },
      {
        Sid: publish ? "ModelsReadPublish" : "ModelsRead",
        Effect: "Allow",
        Action: publish ? ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:AbortMultipartUpload"] : ["s3:GetObject", "s3:GetObjectVersion"],
        Resource: `${arn}/*`,
      },
      {
        Sid: "ModelsKey",
        Effect: "Allow",
        Action: publish ? ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"] : ["kms:Decrypt"],
        Resource: this.key.keyArn,
      },
    ];
  }
}
