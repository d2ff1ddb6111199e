/**
 * The data lake: per zone, its own KMS key, an S3 bucket and a Glue database.
 *
 * A key per zone means a grant to read `raw` never lets the grantee decrypt `curated`,
 * even through a misconfigured bucket policy.
 */
import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import { GlueDataCatalogEncryptionSettings } from "@cdktf/provider-aws/lib/glue-data-catalog-encryption-settings";
import { Construct } from "constructs";
import type { Grantee, IDataLake } from "../spec/contracts";
import type { AwsEnvironment, PolicyStatement } from "./iam";
import { awsGrantee } from "./imports";
import { PlatformKey } from "./kms";
import type { AccessLogBucket } from "./access-log-bucket";
import { SecureBucket } from "./secure-bucket";

/** S3 actions of a data reader. */
export const DATA_READ_OBJECT_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion"] as const;
/** S3 actions a data writer adds to reading. */
export const DATA_WRITE_OBJECT_ACTIONS = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"] as const;
/** Glue actions of a catalog reader. */
export const CATALOG_READ_ACTIONS = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"] as const;
/** Glue actions a catalog writer adds to reading. */
export const CATALOG_WRITE_ACTIONS = [
  "glue:CreateTable",
  "glue:UpdateTable",
  "glue:DeleteTable",
  "glue:CreatePartition",
  "glue:BatchCreatePartition",
  "glue:UpdatePartition",
  "glue:DeletePartition",
  "glue:BatchDeletePartition",
] as const;

/** Props of one {@link DataLakeZone}. */
export interface DataLakeZoneProps {
  readonly zone: string;
  readonly bucketName: string;
  readonly databaseName: string;
  readonly keyAlias: string;
  readonly environment: AwsEnvironment;
  readonly accessLogs: AccessLogBucket;
  /** @default 90 */
  readonly archiveAfterDays?: number;
  /** @default 30 */
  readonly noncurrentVersionDays?: number;
  /**
   * The key the Glue Data Catalog is encrypted with; grants add its use.
   * @default - the catalog is not encrypted with a customer-managed key
   */
  readonly catalogKey?: PlatformKey;
  /**
   * The catalog encryption setting; the database is created after it, so it is encrypted.
   * @default - none
   */
  readonly catalogEncryption?: GlueDataCatalogEncryptionSettings;
}

/**
 * KMS actions every client of an encrypted Glue Data Catalog needs on the catalog key,
 * readers included ("Any client that accesses or writes to an encrypted catalog ... needs
 * kms:GenerateDataKey, kms:Decrypt, kms:Encrypt", https://docs.aws.amazon.com/glue/latest/dg/set-up-encryption.html).
 */
export const CATALOG_KEY_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] as const;

/** One zone of the lake: key, bucket, catalog database. */
export class DataLakeZone extends Construct {
  /** The zone's bucket. */
  public readonly resource: SecureBucket;
  public readonly key: PlatformKey;
  public readonly database: GlueCatalogDatabase;
  public readonly zone: string;
  private readonly env: AwsEnvironment;
  private readonly catalogKey?: PlatformKey;

  constructor(scope: Construct, id: string, props: DataLakeZoneProps) {
    super(scope, id);
    this.zone = props.zone;
    this.env = props.environment;
    this.catalogKey = props.catalogKey;
    this.key = new PlatformKey(this, "Key", {
      alias: props.keyAlias,
      description: `Data lake zone ${props.zone}`,
      environment: props.environment,
    });
    this.resource = new SecureBucket(this, "Bucket", {
      bucketName: props.bucketName,
      key: this.key,
      accessLogs: props.accessLogs.targetFor(props.bucketName),
      archiveAfterDays: props.archiveAfterDays ?? 90,
      noncurrentVersionDays: props.noncurrentVersionDays ?? 30,
    });
    this.database = new GlueCatalogDatabase(this, "Catalog", {
      name: props.databaseName,
      description: `Data lake zone ${props.zone}`,
      locationUri: `s3://${props.bucketName}/`,
      ...(props.catalogEncryption ? { dependsOn: [props.catalogEncryption] } : {}),
    });
  }

  /** Least-privilege statements for reading (and, with `write`, writing) this zone. */
  public statements(write: boolean): PolicyStatement[] {
    const env = this.env;
    const sid = `Lake${this.zone.replace(/[^A-Za-z0-9]/g, "")}`;
    const catalogArn = `arn:${env.partition}:glue:${env.region}:${env.accountId}:catalog`;
    const databaseArn = `arn:${env.partition}:glue:${env.region}:${env.accountId}:database/${this.database.name}`;
    const tablesArn = `arn:${env.partition}:glue:${env.region}:${env.accountId}:table/${this.database.name}/*`;
    return [
      { Sid: `${sid}List`, Effect: "Allow", Action: "s3:ListBucket", Resource: this.resource.bucketArn },
      {
        Sid: `${sid}${write ? "ReadWrite" : "Read"}Objects`,
        Effect: "Allow",
        Action: write ? [...DATA_READ_OBJECT_ACTIONS, ...DATA_WRITE_OBJECT_ACTIONS] : [...DATA_READ_OBJECT_ACTIONS],
        Resource: `${this.resource.bucketArn}/*`,
      },
      {
        Sid: `${sid}Key`,
        Effect: "Allow",
        Action: write ? ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"] : ["kms:Decrypt"],
        Resource: this.key.keyArn,
      },
      {
        Sid: `${sid}Catalog`,
        Effect: "Allow",
        Action: write ? [...CATALOG_READ_ACTIONS, ...CATALOG_WRITE_ACTIONS] : [...CATALOG_READ_ACTIONS],
        Resource: [catalogArn, databaseArn, tablesArn],
      },
      ...(this.catalogKey
        ? [{ Sid: "LakeCatalogKey", Effect: "Allow" as const, Action: [...CATALOG_KEY_ACTIONS], Resource: this.catalogKey.keyArn }]
        : []),
    ];
  }
}

/** Props of a {@link DataLake}. */
export interface DataLakeProps {
  /** Zone names, each a construct id (so adding a zone never moves another). */
  readonly zones: readonly string[];
  readonly environment: AwsEnvironment;
  readonly accessLogs: AccessLogBucket;
  /** Bucket name of a zone. */
  readonly bucketNameFor: (zone: string) => string;
  /** Glue database name of a zone. */
  readonly databaseNameFor: (zone: string) => string;
  /** KMS alias of a zone's key. */
  readonly keyAliasFor: (zone: string) => string;
  /**
   * Encrypt the Glue Data Catalog's metadata with a customer-managed key (alias given).
   * The setting is one per account and region: it covers every catalog there, and two
   * platforms in one account and region must not both set it.
   * @default - no catalog encryption setting
   */
  readonly catalogKeyAlias?: string;
  /** @default 90 */
  readonly archiveAfterDays?: number;
  /** @default 30 */
  readonly noncurrentVersionDays?: number;
}

/** The data lake. */
export class DataLake extends Construct implements IDataLake {
  public readonly zones: readonly string[];
  /** Zones by name. */
  public readonly zoneResources: ReadonlyMap<string, DataLakeZone>;
  /** The key of the Glue Data Catalog, when it is encrypted. */
  public readonly catalogKey?: PlatformKey;
  public readonly catalogEncryption?: GlueDataCatalogEncryptionSettings;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    if (new Set(props.zones).size !== props.zones.length) {
      throw new Error(`${this.node.path}: dataLake.zones: zone names must be unique (${props.zones.join(", ")})`);
    }
    this.zones = [...props.zones];
    if (props.catalogKeyAlias) {
      this.catalogKey = new PlatformKey(this, "CatalogKey", {
        alias: props.catalogKeyAlias,
        description: "Glue Data Catalog metadata (databases, tables, partitions) and connection passwords",
        environment: props.environment,
      });
      // SSE-KMS with the caller's own permissions on the key (no service role), and
      // connection passwords encrypted with the same key.
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/glue_data_catalog_encryption_settings
      this.catalogEncryption = new GlueDataCatalogEncryptionSettings(this, "CatalogEncryption", {
        dataCatalogEncryptionSettings: {
          encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: this.catalogKey.keyArn },
          connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: this.catalogKey.keyArn },
        },
      });
    }
    const map = new Map<string, DataLakeZone>();
    for (const zone of props.zones) {
      map.set(
        zone,
        new DataLakeZone(this, zone, {
          zone,
          bucketName: props.bucketNameFor(zone),
          databaseName: props.databaseNameFor(zone),
          keyAlias: props.keyAliasFor(zone),
          environment: props.environment,
          accessLogs: props.accessLogs,
          ...(this.catalogKey ? { catalogKey: this.catalogKey } : {}),
          ...(this.catalogEncryption ? { catalogEncryption: this.catalogEncryption } : {}),
          ...(props.archiveAfterDays !== undefined ? { archiveAfterDays: props.archiveAfterDays } : {}),
          ...(props.noncurrentVersionDays !== undefined ? { noncurrentVersionDays: props.noncurrentVersionDays } : {}),
        }),
      );
    }
    this.zoneResources = map;
  }

  /** The zone, or an error naming the zones there are. */
  public zone(zone: string): DataLakeZone {
    const z = this.zoneResources.get(zone);
    if (!z) throw new Error(`data lake zone "${zone}" does not exist (zones: ${this.zones.join(", ")})`);
    return z;
  }

  public bucketName(zone: string): string {
    return this.zone(zone).resource.bucketName;
  }

  public catalogName(zone: string): string {
    return this.zone(zone).database.name;
  }

  /** Read access to the zone for a workload identity or any IAM role (by ARN). */
  public grantRead(identity: Grantee, zone: string): void {
    const grantee = awsGrantee(this, identity, `grantRead(${zone})`);
    for (const s of this.zone(zone).statements(false)) grantee.addToPrincipalPolicy(s);
  }

  /** Write access to the zone for a workload identity or any IAM role (by ARN). */
  public grantWrite(identity: Grantee, zone: string): void {
    const grantee = awsGrantee(this, identity, `grantWrite(${zone})`);
    for (const s of this.zone(zone).statements(true)) grantee.addToPrincipalPolicy(s);
  }
}
