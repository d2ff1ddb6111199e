import { BigqueryDataset } from "@cdktf/provider-google/lib/bigquery-dataset";
import { BigqueryDatasetIamMember } from "@cdktf/provider-google/lib/bigquery-dataset-iam-member";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import type { StorageBucketLifecycleRule } from "@cdktf/provider-google/lib/storage-bucket";
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { Grantee, IDataLake } from "../spec/contracts";
import { gcpGrantee } from "./imports";
import { GcpPrivateBucket } from "./private-bucket";

/** Bucket roles of the data lake's grants (least privilege for each verb). */
export const DATA_LAKE_ROLES = {
  /** List and read objects. */
  read: "roles/storage.objectViewer",
  /**
   * List, read, create, overwrite and delete objects (incl. multipart uploads). Chosen
   * over objectAdmin, which can also change object ACLs and holds; `grantWrite` needs
   * neither (ACLs are off under uniform bucket-level access).
   */
  write: "roles/storage.objectUser",
} as const;

/** Dataset roles of the catalog grants. */
export const CATALOG_ROLES = { read: "roles/bigquery.dataViewer", write: "roles/bigquery.dataEditor" } as const;

/** Project role that lets an identity run BigQuery jobs (queries); grants no data access. */
export const BIGQUERY_JOB_USER = "roles/bigquery.jobUser";

/** Props of {@link GcpDataLake}. */
export interface GcpDataLakeProps {
  readonly project: string;
  /** Region of every bucket and dataset. */
  readonly region: string;
  /** zone -> bucket name. */
  readonly bucketNames: Readonly<Record<string, string>>;
  /** zone -> BigQuery dataset id. */
  readonly datasetIds: Readonly<Record<string, string>>;
  /** Key (id) of buckets and datasets; in `region`. */
  readonly kmsKeyName: string;
  /**
   * Bucket that receives Cloud Storage's legacy usage logs. The platform audits access
   * with Data Access audit logs instead (see GcpDataAccessAuditLogs).
   * @default - no usage logs
   */
  readonly logBucket?: string;
  /** Move objects to Nearline after this many days (spec.dataLake.archiveAfterDays). */
  readonly archiveAfterDays: number;
  /** Delete noncurrent versions this many days after they became noncurrent. */
  readonly noncurrentVersionDays: number;
  /**
   * Move objects on to Coldline this many days after Nearline (Nearline's minimum
   * storage duration is 30 days).
   * @default 90
   */
  readonly coldlineAfterNearlineDays?: number;
  /**
   * Abort incomplete multipart uploads after this many days.
   * @default 7
   */
  readonly abortIncompleteUploadDays?: number;
  /** Resources buckets must wait for (the Cloud Storage agent's key grant). */
  readonly bucketDependsOn?: readonly ITerraformDependable[];
  /** Resources datasets must wait for (the BigQuery service account's key grant). */
  readonly datasetDependsOn?: readonly ITerraformDependable[];
}

/** Lifecycle of a data-lake bucket: tiering, noncurrent-version expiry, upload cleanup. */
export function dataLakeLifecycle(
  archiveAfterDays: number,
  noncurrentVersionDays: number,
  coldlineAfterNearlineDays = 90,
  abortIncompleteUploadDays = 7,
): StorageBucketLifecycleRule[] {
  return [
    {
      action: { type: "SetStorageClass", storageClass: "NEARLINE" },
      condition: { age: archiveAfterDays, matchesStorageClass: ["STANDARD"] },
    },
    {
      action: { type: "SetStorageClass", storageClass: "COLDLINE" },
      condition: { age: archiveAfterDays + coldlineAfterNearlineDays, matchesStorageClass: ["NEARLINE"] },
    },
    { action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: noncurrentVersionDays, withState: "ARCHIVED" } },
    { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: abortIncompleteUploadDays } },
  ];
}

/**
 * The data lake: per zone a private, versioned, CMEK-encrypted bucket with lifecycle
 * tiers, and a BigQuery dataset (same region, same key) as its catalog.
 * Grants are per zone: an identity gets exactly the bucket and dataset of that zone.
 */
export class GcpDataLake extends Construct implements IDataLake {
  public readonly zones: readonly string[];
  /** zone -> bucket. */
  public readonly buckets: ReadonlyMap<string, GcpPrivateBucket>;
  /** zone -> dataset. */
  public readonly datasets: ReadonlyMap<string, BigqueryDataset>;
  private readonly project: string;
  private readonly datasetIds: Readonly<Record<string, string>>;
  private readonly datasetMembers = new Map<string, BigqueryDatasetIamMember>();
  private readonly jobUsers = new Map<string, ProjectIamMember>();

  constructor(scope: Construct, id: string, props: GcpDataLakeProps) {
    super(scope, id);
    this.project = props.project;
    this.datasetIds = props.datasetIds;
    this.zones = Object.keys(props.bucketNames);
    const lifecycleRules = dataLakeLifecycle(
      props.archiveAfterDays,
      props.noncurrentVersionDays,
      props.coldlineAfterNearlineDays,
      props.abortIncompleteUploadDays,
    );
    const buckets = new Map<string, GcpPrivateBucket>();
    const datasets = new Map<string, BigqueryDataset>();
    for (const zone of this.zones) {
      const zoneScope = new Construct(this, zone);
      buckets.set(
        zone,
        new GcpPrivateBucket(zoneScope, "Bucket", {
          bucketName: props.bucketNames[zone]!,
          project: props.project,
          location: props.region,
          kmsKeyName: props.kmsKeyName,
          ...(props.logBucket === undefined ? {} : { logBucket: props.logBucket }),
          lifecycleRules,
          ...(props.bucketDependsOn === undefined ? {} : { dependsOn: props.bucketDependsOn }),
        }),
      );
      const datasetId = props.datasetIds[zone];
      if (datasetId === undefined) throw new Error(`internal: no dataset id for data-lake zone "${zone}"`);
      datasets.set(
        zone,
        new BigqueryDataset(zoneScope, "Catalog", {
          datasetId,
          project: props.project,
          location: props.region,
          description: `Catalog of the ${zone} zone of the data lake`,
          defaultEncryptionConfiguration: { kmsKeyName: props.kmsKeyName },
          deleteContentsOnDestroy: false,
          lifecycle: { preventDestroy: true },
          ...(props.datasetDependsOn === undefined ? {} : { dependsOn: [...props.datasetDependsOn] }),
        }),
      );
    }
    this.buckets = buckets;
    this.datasets = datasets;
  }

  public bucketName(zone: string): string {
    return this.bucketFor(zone).bucketName;
  }

  /** The zone's BigQuery dataset id (a literal, known at synth). */
  public catalogName(zone: string): string {
    this.datasetFor(zone);
    return this.datasetIds[zone]!;
  }

  /** objectViewer on the zone's bucket, dataViewer on its dataset, BigQuery jobUser on the project. */
  public grantRead(identity: Grantee, zone: string): void {
    this.grant(identity, zone, "read");
  }

  /** objectUser on the zone's bucket, dataEditor on its dataset, BigQuery jobUser on the project. */
  public grantWrite(identity: Grantee, zone: string): void {
    this.grant(identity, zone, "write");
  }

  private grant(identity: Grantee, zone: string, level: "read" | "write"): void {
    const bucket = this.bucketFor(zone);
    const dataset = this.datasetFor(zone);
    const { member, who } = gcpGrantee(identity);
    bucket.grant(DATA_LAKE_ROLES[level], member, who);

    const datasetKey = `${zone}\u0000${level}\u0000${who}`;
    if (!this.datasetMembers.has(datasetKey)) {
      const role = CATALOG_ROLES[level];
      this.datasetMembers.set(
        datasetKey,
        new BigqueryDatasetIamMember(this.node.findChild(zone), `${role.replace(/^roles\//, "")}-${who}`, {
          project: this.project,
          datasetId: dataset.datasetId,
          role,
          member,
        }),
      );
    }
    if (!this.jobUsers.has(who)) {
      this.jobUsers.set(
        who,
        new ProjectIamMember(this, `bigquery.jobUser-${who}`, { project: this.project, role: BIGQUERY_JOB_USER, member }),
      );
    }
  }

  private bucketFor(zone: string): GcpPrivateBucket {
    const b = this.buckets.get(zone);
    if (b === undefined) throw new Error(`data lake has no zone "${zone}" (zones: ${this.zones.join(", ")})`);
    return b;
  }

  private datasetFor(zone: string): BigqueryDataset {
    const d = this.datasets.get(zone);
    if (d === undefined) throw new Error(`data lake has no zone "${zone}" (zones: ${this.zones.join(", ")})`);
    return d;
  }
}
