/**
 * GCP resource names derived from the spec. Every name here is a pure function of spec
 * names (platform, zone, team, pool) and the target (project, region), never of list
 * positions, so adding a team, zone or pool never renames an existing resource.
 *
 * Project-global names (network, service accounts, BigQuery datasets) do not carry the
 * region: one spec has at most one GCP target per project (checked by
 * {@link assertOneTargetPerProject}).
 */
import { stableSuffix } from "../spec/naming";
import type { GcpTarget, PlatformSpec } from "../spec/schema";

/** The length GCP allows for a service account id (`account_id`): 6-30 characters. */
const SERVICE_ACCOUNT_ID_MAX = 30;

/** Cloud Storage bucket names: at most 63 characters. */
const BUCKET_NAME_MAX = 63;

/** A BigQuery dataset id: letters, digits and underscores. */
export function datasetId(spec: Pick<PlatformSpec, "name">, zone: string): string {
  return `${spec.name}_${zone}`.replace(/-/g, "_");
}

/**
 * The data-lake bucket of a zone: `<name>-<zone>-<6 hex>`, the suffix a digest of the
 * project, region and zone so the name is globally unique-ish and stable between runs.
 */
export function dataLakeBucketName(spec: Pick<PlatformSpec, "name">, target: GcpTarget, zone: string): string {
  return checkedBucketName(`${spec.name}-${zone}-${stableSuffix(6, target.project, target.region, zone)}`);
}

/**
 * A platform bucket that is not a data-lake zone (model registry, access logs). `purpose`
 * is longer than the 12 characters a zone name may have, so it can never equal a zone's
 * bucket name.
 */
export function platformBucketName(spec: Pick<PlatformSpec, "name">, target: GcpTarget, purpose: string): string {
  if (purpose.length <= 12) throw new Error(`internal: bucket purpose "${purpose}" must be longer than a zone name (12)`);
  return checkedBucketName(`${spec.name}-${purpose}-${stableSuffix(6, target.project, target.region, purpose)}`);
}

function checkedBucketName(name: string): string {
  if (name.length > BUCKET_NAME_MAX) {
    throw new Error(`bucket name "${name}" is ${name.length} characters; Cloud Storage allows ${BUCKET_NAME_MAX}`);
  }
  return name;
}

/** The node service account id: `<name>-gke-nodes` (never ends in 6 hex digits, unlike team ids). */
export function nodeServiceAccountId(spec: Pick<PlatformSpec, "name">): string {
  return `${spec.name}-gke-nodes`;
}

/**
 * A team's Google service account id. `<name>-<team>` can reach 41 characters, more than
 * the 30 GCP allows, so the id is always `<name>-<team>` cut to 23 characters (no
 * trailing '-') followed by `-` and 6 hex digits of a digest of the project, platform
 * and team. Always adding the digest keeps the scheme uniform: ids never change form
 * when a name crosses a length threshold, two teams whose names share a long prefix
 * still differ, and no team id can equal the node service account id.
 */
export function teamServiceAccountId(spec: Pick<PlatformSpec, "name">, target: GcpTarget, team: string): string {
  const suffix = stableSuffix(6, target.project, spec.name, team);
  const head = `${spec.name}-${team}`.slice(0, SERVICE_ACCOUNT_ID_MAX - suffix.length - 1).replace(/-+$/, "");
  return `${head}-${suffix}`;
}

/** A construct id for an IAM member: the role's short name and a digest of the member. */
export function memberConstructId(role: string, member: string): string {
  const roleName = role.replace(/^roles\//, "").replace(/[^A-Za-z0-9]+/g, "-");
  return `${roleName}-${stableSuffix(10, member)}`;
}

/**
 * Fails when another GCP target of the spec uses the same project: project-global names
 * (network, service accounts, datasets) would collide.
 */
export function assertOneTargetPerProject(spec: Pick<PlatformSpec, "targets">, target: GcpTarget): void {
  const others = spec.targets.filter(
    (t): t is GcpTarget => t.cloud === "gcp" && t.project === target.project && t.region !== target.region,
  );
  if (others.length > 0) {
    throw new Error(
      `targets: gcp project "${target.project}" is used by more than one region (${[target.region, ...others.map((t) => t.region)].join(", ")}); ` +
        "use one project per GCP target (network, service account and dataset names are project-wide)",
    );
  }
}
