/**
 * The bucket that receives S3 server access logs of the platform's buckets.
 *
 * Encrypted with SSE-S3, because S3 server access logging cannot deliver to a bucket
 * whose default encryption is SSE-KMS.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
import { Construct } from "constructs";
import { suppress } from "../compliance/suppress";
import type { AwsEnvironment } from "./iam";
import { SecureBucket, type AccessLogTarget } from "./secure-bucket";

/** Props of an {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  readonly bucketName: string;
  readonly environment: AwsEnvironment;
  /**
   * Name pattern (ARN wildcard) of the buckets allowed to log here, e.g. `acme-ml-*`.
   */
  readonly sourceBucketPattern: string;
  /**
   * Days access logs are kept.
   * @default 365
   */
  readonly retentionDays?: number;
}

/** A log bucket only the S3 logging service of this account can write to. */
export class AccessLogBucket extends Construct {
  /** The underlying {@link SecureBucket}. */
  public readonly resource: SecureBucket;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const env = props.environment;
    this.resource = new SecureBucket(this, "Resource", {
      bucketName: props.bucketName,
      expireAfterDays: props.retentionDays ?? 365,
      noncurrentVersionDays: 30,
      additionalPolicyStatements: [
        {
          Sid: "S3ServerAccessLogDelivery",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:${env.partition}:s3:::${props.bucketName}/*`,
          Condition: {
            StringEquals: { "aws:SourceAccount": env.accountId },
            ArnLike: { "aws:SourceArn": `arn:${env.partition}:s3:::${props.sourceBucketPattern}` },
          },
        },
      ],
    });
    this.bucketName = this.resource.bucketName;
    suppress(
      this.resource.resource,
      "AIP-S3-001",
      "S3 server access log delivery supports only SSE-S3 (AES256) default encryption on the destination bucket " +
        "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html); the logs hold request " +
        "metadata, not lake data, and are still encrypted at rest, TLS-only and private",
    );
  }

  /** Where a source bucket should log: `<source bucket name>/` in this bucket. */
  public targetFor(sourceBucketName: string): AccessLogTarget {
    return { bucket: this.bucketName, prefix: `${sourceBucketName}/`, dependsOn: [this.resource.policy] };
  }
}
