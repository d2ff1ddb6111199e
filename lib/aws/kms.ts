/**
 * Customer-managed KMS keys.
 *
 * The platform uses one key per purpose, so a grant on one never opens another and a
 * key can be disabled without touching the rest:
 *
 * | purpose        | encrypts                                              | created by      |
 * |----------------|-------------------------------------------------------|-----------------|
 * | `logs`         | VPC flow logs and EKS control-plane logs (CloudWatch) | AwsPlatform     |
 * | `eks-secrets`  | Kubernetes Secrets (EKS envelope encryption)          | Cluster         |
 * | `nodes`        | node root volumes and persistent volumes (EBS)        | AwsPlatform     |
 * | `lake-<zone>`  | objects of one data-lake zone                         | DataLake        |
 * | `catalog`      | Glue Data Catalog metadata and connection passwords   | DataLake        |
 * | `models`       | objects of the model registry                         | ModelRegistry   |
 *
 * Each key policy lets the account root administer and use the key (that is what makes
 * IAM policies, such as the grants of teams, effective: without it no IAM policy can
 * allow use of the key) plus the service principals that must use the key on their own
 * behalf (CloudWatch Logs; the Auto Scaling service-linked role for EBS).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
import { ImportedKey, type IKmsKey } from "./imports";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { autoscalingServiceLinkedRoleArn } from "./autoscaling-role";
import { accountRootArn, policyDocument, type AwsEnvironment, type PolicyStatement } from "./iam";

/** Props of a {@link PlatformKey}. */
export interface PlatformKeyProps {
  /** The alias, `alias/<spec>/<purpose>`. */
  readonly alias: string;
  readonly description: string;
  readonly environment: AwsEnvironment;
  /**
   * Waiting period before a scheduled deletion takes effect (7-30 days).
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Statements added to the key policy after the account-root statement.
   * @default - none
   */
  readonly additionalStatements?: readonly PolicyStatement[];
  /**
   * Sets Terraform `prevent_destroy`: a plan that would destroy the key fails.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Resources the key policy needs first (e.g. a service-linked role it names).
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** A customer-managed symmetric key with yearly rotation and an alias. */
export class PlatformKey extends Construct implements IKmsKey {
  /** A KMS key this library did not create. */
  public static fromKeyArn(scope: Construct, id: string, keyArn: string): IKmsKey {
    return new ImportedKey(scope, id, keyArn);
  }

  /** The `aws_kms_key`. */
  public readonly resource: KmsKey;
  public readonly alias: KmsAlias;
  /** Key ARN (a Terraform reference). */
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: PlatformKeyProps) {
    super(scope, id);
    const window = props.deletionWindowInDays ?? 30;
    if (!Number.isInteger(window) || window < 7 || window > 30) {
      throw new Error(`${this.node.path}: deletionWindowInDays: ${window} is outside 7-30 days`);
    }
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountRootAdministersAndDelegatesToIam",
        Effect: "Allow",
        Principal: { AWS: accountRootArn(props.environment) },
        Action: "kms:*",
        // In a key policy "*" means "this key".
        Resource: "*",
      },
      ...(props.additionalStatements ?? []),
    ];
    this.resource = new KmsKey(this, "Resource", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: window,
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      policy: policyDocument(statements),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
      ...(props.dependsOn ? { dependsOn: [...props.dependsOn] } : {}),
    });
    this.alias = new KmsAlias(this, "Alias", { name: props.alias, targetKeyId: this.resource.keyId });
    this.keyArn = this.resource.arn;
  }
}

/**
 * Key-policy statement letting CloudWatch Logs of this region use the key for log groups
 * of this account only.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function cloudWatchLogsKeyStatement(env: AwsEnvironment): PolicyStatement {
  return {
    Sid: "CloudWatchLogsOfThisAccount",
    Effect: "Allow",
    Principal: { Service: `logs.${env.region}.amazonaws.com` },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
    Resource: "*",
    Condition: {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:*`,
      },
    },
  };
}

/**
 * Key-policy statements letting the EC2 Auto Scaling service-linked role (which launches
 * the instances of EKS managed node groups) encrypt and attach EBS volumes with the key.
 * The role must exist when the key policy is written; see {@link AutoscalingServiceLinkedRole}.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
export function autoscalingEbsKeyStatements(env: AwsEnvironment): PolicyStatement[] {
  const slr = autoscalingServiceLinkedRoleArn(env);
  return [
    {
      Sid: "AutoScalingUsesKeyForEbs",
      Effect: "Allow",
      Principal: { AWS: slr },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
      Resource: "*",
    },
    {
      Sid: "AutoScalingGrantsForAttachedEbs",
      Effect: "Allow",
      Principal: { AWS: slr },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
    },
  ];
}

/**
 * Identity-policy statements letting the EBS CSI driver create and attach volumes
 * encrypted with a customer-managed key (AmazonEBSCSIDriverPolicy covers AWS managed
 * keys only). The key policy's account-root statement makes them effective.
 * https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html (custom KMS key policy;
 * the `kms:ReEncrypt*` and `kms:GenerateDataKey*` wildcards spelled out)
 */
export function ebsCsiKeyStatements(key: PlatformKey): PolicyStatement[] {
  return [
    {
      Sid: "EbsCsiGrantsForAttachedVolumes",
      Effect: "Allow",
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: key.keyArn,
      Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
    },
    {
      Sid: "EbsCsiUsesVolumeKey",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
      Resource: key.keyArn,
    },
  ];
}
