import { ProjectService } from "@cdktf/provider-google/lib/project-service";
import { Construct, type IConstruct } from "constructs";
import { TerraformDataSource, TerraformResource, dependable, type ITerraformDependable } from "cdktf";

/**
 * The Google APIs the platform's resources call, by the resource types that call them.
 * A fresh project has few APIs on (and projects made through the API or Terraform fewer
 * than ones made in the console), so the stack enables each one it uses.
 *
 * API names: https://cloud.google.com/service-usage/docs/enabled-service and each
 * product's "Before you begin" (container.googleapis.com for GKE, compute.googleapis.com
 * for VPC/NAT/firewalls, cloudkms.googleapis.com, storage.googleapis.com,
 * bigquery.googleapis.com, iam.googleapis.com for service accounts,
 * cloudresourcemanager.googleapis.com for project IAM and audit configs,
 * logging.googleapis.com and monitoring.googleapis.com for the cluster's logs and metrics
 * and the log bucket, binaryauthorization.googleapis.com when Binary Authorization is on).
 */
export const PLATFORM_APIS = [
  "bigquery.googleapis.com",
  "cloudkms.googleapis.com",
  "cloudresourcemanager.googleapis.com",
  "compute.googleapis.com",
  "container.googleapis.com",
  "iam.googleapis.com",
  "logging.googleapis.com",
  "monitoring.googleapis.com",
  "storage.googleapis.com",
] as const;

/** The API Binary Authorization needs (enabled only when it is on). */
export const BINARY_AUTHORIZATION_API = "binaryauthorization.googleapis.com";

/**
 * Which APIs a resource or data source type needs, by type-name prefix (the longest
 * matching prefix wins). A type without a match needs none of the platform's APIs.
 */
const API_OF_TYPE: readonly (readonly [prefix: string, apis: readonly string[]])[] = [
  ["google_bigquery_", ["bigquery.googleapis.com"]],
  ["google_binary_authorization_", [BINARY_AUTHORIZATION_API]],
  ["google_compute_", ["compute.googleapis.com"]],
  // GKE creates the nodes' VMs, disks and firewall rules through Compute Engine, and writes
  // the cluster's logs and metrics to Cloud Logging and Cloud Monitoring.
  ["google_container_", ["container.googleapis.com", "compute.googleapis.com", "logging.googleapis.com", "monitoring.googleapis.com"]],
  ["google_kms_", ["cloudkms.googleapis.com"]],
  ["google_logging_", ["logging.googleapis.com"]],
  ["google_project_iam_", ["cloudresourcemanager.googleapis.com"]],
  ["google_service_account", ["iam.googleapis.com"]],
  ["google_storage_", ["storage.googleapis.com"]],
  // data "google_project" (the project number) reads Resource Manager.
  ["google_project", ["cloudresourcemanager.googleapis.com"]],
];

/** The APIs a Terraform type needs (see {@link API_OF_TYPE}). */
export function apisOfType(terraformType: string): readonly string[] {
  let best: readonly [string, readonly string[]] | undefined;
  for (const entry of API_OF_TYPE) {
    if (terraformType.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1] ?? [];
}

/** Props of {@link GcpProjectServices}. */
export interface GcpProjectServicesProps {
  readonly project: string;
  /**
   * APIs to enable.
   * @default PLATFORM_APIS
   */
  readonly apis?: readonly string[];
}

/**
 * Enables the Google APIs the platform uses (`google_project_service`, one per API),
 * never disabling them on destroy: other workloads of the project may use them, and
 * disabling an API deletes the resources behind it.
 *
 * {@link requireServices} then makes every resource and data source wait for the APIs
 * its type needs, so a first apply in a fresh project does not race the enablement.
 */
export class GcpProjectServices extends Construct {
  private readonly byApi = new Map<string, ProjectService>();

  constructor(scope: Construct, id: string, props: GcpProjectServicesProps) {
    super(scope, id);
    for (const api of [...new Set(props.apis ?? PLATFORM_APIS)].sort()) {
      this.byApi.set(
        api,
        new ProjectService(this, api.replace(/\.googleapis\.com$/, ""), {
          project: props.project,
          service: api,
          disableOnDestroy: false,
          disableDependentServices: false,
        }),
      );
    }
  }

  /** The enabled APIs, sorted. */
  public get apis(): readonly string[] {
    return [...this.byApi.keys()];
  }

  /** The `google_project_service` of an API, if this construct enables it. */
  public service(api: string): ProjectService | undefined {
    return this.byApi.get(api);
  }

  /** The services of the APIs a Terraform type needs that this construct enables. */
  public servicesFor(terraformType: string): ProjectService[] {
    return apisOfType(terraformType).flatMap((api) => {
      const s = this.byApi.get(api);
      return s === undefined ? [] : [s];
    });
  }
}

/** Dependencies added by {@link addDependsOn}, per resource, so none is added twice. */
const added = new WeakMap<IConstruct, Set<ITerraformDependable>>();

/**
 * Adds `depends_on` entries to every resource and data source under `scope` (itself
 * included), keeping the ones it has. Deterministic: construct-tree order.
 */
export function addDependsOn(scope: IConstruct, deps: readonly ITerraformDependable[], skip?: IConstruct): void {
  for (const node of scope.node.findAll()) {
    if (skip !== undefined && (node === skip || node.node.scopes.includes(skip))) continue;
    if (!(node instanceof TerraformResource) && !(node instanceof TerraformDataSource)) continue;
    const seen = added.get(node) ?? new Set<ITerraformDependable>();
    added.set(node, seen);
    const fresh = deps.filter((d) => d !== node && !seen.has(d));
    if (fresh.length === 0) continue;
    for (const d of fresh) seen.add(d);
    node.dependsOn = [...(node.dependsOn ?? []), ...fresh.map((d) => dependable(d))];
  }
}

/**
 * Adds to every resource and data source under `scope` (except the services themselves)
 * a `depends_on` on the services of the APIs its type needs. Existing dependencies are
 * kept; the order is the construct tree's, so the output is deterministic.
 */
export function requireServices(scope: IConstruct, services: GcpProjectServices): void {
  for (const node of scope.node.findAll()) {
    if (node === services || node.node.scopes.includes(services)) continue;
    if (!(node instanceof TerraformResource) && !(node instanceof TerraformDataSource)) continue;
    const needed = services.servicesFor(node.terraformResourceType);
    if (needed.length > 0) addDependsOn(node, needed);
  }
}
