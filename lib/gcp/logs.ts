import { LoggingProjectBucketConfig } from "@cdktf/provider-google/lib/logging-project-bucket-config";
import { LoggingProjectSink } from "@cdktf/provider-google/lib/logging-project-sink";
import { ProjectIamAuditConfig } from "@cdktf/provider-google/lib/project-iam-audit-config";
import { Construct } from "constructs";

/**
 * The filter of the `_Default` sink as Cloud Logging creates it: everything except what
 * the `_Required` sink takes (Admin Activity, System Event and Access Transparency audit
 * logs). Re-stated because updating the sink's destination sets its filter too.
 * https://cloud.google.com/logging/docs/routing/overview#default-bucket and
 * https://cloud.google.com/logging/docs/regionalized-logs ("gcloud logging sinks update _Default … --log-filter=…")
 */
export const DEFAULT_SINK_FILTER = [
  'NOT LOG_ID("cloudaudit.googleapis.com/activity")',
  'NOT LOG_ID("externalaudit.googleapis.com/activity")',
  'NOT LOG_ID("cloudaudit.googleapis.com/system_event")',
  'NOT LOG_ID("externalaudit.googleapis.com/system_event")',
  'NOT LOG_ID("cloudaudit.googleapis.com/access_transparency")',
  'NOT LOG_ID("externalaudit.googleapis.com/access_transparency")',
].join(" AND ");

/** Props of {@link GcpRegionalLogs}. */
export interface GcpRegionalLogsProps {
  readonly project: string;
  /** The log bucket's region: the target's region. */
  readonly region: string;
  /**
   * Log bucket id (unique in the project and location).
   * @default "platform-logs"
   */
  readonly bucketId?: string;
  /**
   * Days logs are kept.
   * @default 365
   */
  readonly retentionDays?: number;
}

/**
 * Keeps the project's logs inside the region.
 *
 * Cloud Logging stores a project's logs in two buckets it creates, `_Required` and
 * `_Default`, both in `global` unless an organization or folder set a default storage
 * location before the project was created (google_logging_organization_settings /
 * google_logging_folder_settings `storage_location`: "used for _Default and _Required log
 * buckets for newly created projects and folders", Logging API `Settings.storageLocation`).
 * That setting does nothing for an existing project, and a bucket's location cannot be
 * changed. What works for both new and existing projects (the "Regionalize your
 * project's logs" procedure, https://cloud.google.com/logging/docs/regionalized-logs):
 *
 * - a user-defined log bucket in the region (`google_logging_project_bucket_config`);
 * - the `_Default` sink pointed at it (`google_logging_project_sink` named `_Default`:
 *   the provider adopts and updates the existing sink, and leaves it in place on
 *   destroy). A log bucket destination in the sink's own project needs no grant.
 *
 * Every log the platform produces that is not an Admin Activity / System Event audit log
 * then lands in the regional bucket: GKE system, workload and control-plane logs, VPC
 * flow logs, Cloud NAT and firewall rule logs, Data Access audit logs. The `_Required`
 * bucket (Admin Activity and System Event audit logs, kept 400 days) cannot be moved or
 * re-routed in an existing project: it stays where it is (global unless the project was
 * created under a storage-location setting; see the guardrails stack).
 */
export class GcpRegionalLogs extends Construct {
  /** The regional log bucket. */
  public readonly bucket: LoggingProjectBucketConfig;
  /** The `_Default` sink, routed to the regional bucket. */
  public readonly defaultSink: LoggingProjectSink;

  constructor(scope: Construct, id: string, props: GcpRegionalLogsProps) {
    super(scope, id);
    this.bucket = new LoggingProjectBucketConfig(this, "Bucket", {
      project: props.project,
      location: props.region,
      bucketId: props.bucketId ?? "platform-logs",
      retentionDays: props.retentionDays ?? 365,
      description: `Logs of the platform, kept in ${props.region}`,
    });
    this.defaultSink = new LoggingProjectSink(this, "DefaultSink", {
      project: props.project,
      name: "_Default",
      destination: `logging.googleapis.com/${this.bucket.id}`,
      filter: DEFAULT_SINK_FILTER,
      uniqueWriterIdentity: true,
      description: `Routes the project's logs to the regional bucket in ${props.region}`,
    });
  }
}

/** Log types of a Data Access audit config. */
export const DATA_ACCESS_LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"] as const;

/** Services whose Data Access audit logs the platform turns on. */
export const AUDITED_SERVICES = ["bigquery.googleapis.com", "storage.googleapis.com"] as const;

/** Props of {@link GcpDataAccessAuditLogs}. */
export interface GcpDataAccessAuditLogsProps {
  readonly project: string;
  /**
   * Services to audit.
   * @default AUDITED_SERVICES
   */
  readonly services?: readonly string[];
}

/**
 * Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) for Cloud Storage and
 * BigQuery on the project: who read or wrote which object, table or dataset. They replace
 * Cloud Storage's legacy usage logs, whose delivery needs a grant to
 * `group:cloud-storage-analytics@google.com`, which domain-restricted sharing
 * (`constraints/iam.allowedPolicyMemberDomains`) rejects.
 * https://cloud.google.com/storage/docs/access-logs ("we recommend Cloud Audit Logs"),
 * https://cloud.google.com/logging/docs/audit/configure-data-access.
 * Data Access audit logs are off by default except BigQuery's (same page); the BigQuery
 * config makes the intent explicit and reviewable.
 *
 * `google_project_iam_audit_config` is authoritative for its service: it replaces any
 * audit config of that service set elsewhere on the project.
 */
export class GcpDataAccessAuditLogs extends Construct {
  public readonly configs: readonly ProjectIamAuditConfig[];

  constructor(scope: Construct, id: string, props: GcpDataAccessAuditLogsProps) {
    super(scope, id);
    this.configs = [...(props.services ?? AUDITED_SERVICES)].sort().map(
      (service) =>
        new ProjectIamAuditConfig(this, service.replace(/\.googleapis\.com$/, ""), {
          project: props.project,
          service,
          auditLogConfig: DATA_ACCESS_LOG_TYPES.map((logType) => ({ logType })),
        }),
    );
  }
}
