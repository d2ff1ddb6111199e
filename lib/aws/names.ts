/**
 * AWS resource names and the constants the in-cluster layer binds to.
 *
 * Every name derives from the spec's `name` (and, where AWS names are global, the
 * target region and account), never from a list position: adding a team, pool or zone
 * never renames an existing resource.
 */
import type { TeamPersona } from "../spec/contracts";
import { stableSuffix } from "../spec/naming";
import type { AwsTarget, PlatformSpec } from "../spec/schema";

export { TEAM_SERVICE_ACCOUNT, TEAM_PERSONAS, type TeamPersona } from "../spec/contracts";
/**
 * Kubernetes group prefix of every group this platform puts in EKS access entries.
 * A prefix of our own keeps clear of the prefixes EKS reserves (`system:`, `eks:`,
 * `aws:`, `amazon:`, `iam:`), whatever a team is called.
 */
export const KUBERNETES_GROUP_PREFIX = "ai-platform:";

/** Kubernetes group of the platform administrators (they also get cluster-admin through an access policy). */
export const ADMINS_KUBERNETES_GROUP = `${KUBERNETES_GROUP_PREFIX}admins`;

/**
 * Kubernetes group of the auditors. They get no EKS access policy: their read-only
 * rights (no Secrets) come only from the ClusterRole the in-cluster stack binds to this
 * group, as on GKE (see access.ts).
 */
export const AUDITORS_KUBERNETES_GROUP = `${KUBERNETES_GROUP_PREFIX}auditors`;

/**
 * The Kubernetes group of a team persona: `ai-platform:<team>:<persona>`, e.g.
 * `ai-platform:research:developers`. The k8s layer binds the team's Roles to it.
 */
export function teamKubernetesGroup(team: string, persona: TeamPersona): string {
  return `${KUBERNETES_GROUP_PREFIX}${team}:${persona}`;
}

/** The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso…`). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  return "aws";
}

/** S3 bucket names: 3-63 characters. */
export const MAX_BUCKET_NAME = 63;
/** IAM role names: at most 64 characters. */
export const MAX_ROLE_NAME = 64;

/**
 * Deterministic, globally unique S3 bucket name: `<spec>-<purpose>-<region>-<hash8>`,
 * where the hash covers spec name, purpose, region and (when the target names it) the
 * account. Chosen over `bucket_prefix` so the name is known at synth time (the k8s
 * layer and people can read it) and never changes between plans. If two accounts
 * deploy the same spec name in the same region without `accountId`, the second apply
 * fails with BucketAlreadyExists: it never silently shares a bucket.
 *
 * Longest case: 20 (name) + 1 + 12 (zone) + 1 + 14 (region) + 1 + 8 = 57 characters.
 */
export function bucketName(spec: Pick<PlatformSpec, "name">, target: AwsTarget, purpose: string): string {
  const suffix = stableSuffix(8, spec.name, purpose, target.region, target.accountId ?? "");
  const name = `${spec.name}-${purpose}-${target.region}-${suffix}`;
  if (name.length > MAX_BUCKET_NAME) {
    throw new Error(`bucket name "${name}" is ${name.length} characters; S3 allows ${MAX_BUCKET_NAME}. Shorten the spec name or "${purpose}".`);
  }
  return name;
}

/**
 * IAM role name `<spec>-<region>-<purpose>`. IAM is global to the account, so the region
 * keeps two targets of one spec in the same account apart.
 */
export function roleName(spec: Pick<PlatformSpec, "name">, target: AwsTarget, purpose: string): string {
  const name = `${spec.name}-${target.region}-${purpose}`;
  if (name.length > MAX_ROLE_NAME) {
    throw new Error(`IAM role name "${name}" is ${name.length} characters; IAM allows ${MAX_ROLE_NAME}. Shorten the spec name or "${purpose}".`);
  }
  return name;
}

/** Glue database name of a data-lake zone: lowercase, `-` becomes `_` (Glue/Athena identifiers). */
export function glueDatabaseName(spec: Pick<PlatformSpec, "name">, zone: string): string {
  return `${spec.name}_${zone}`.replace(/-/g, "_");
}

/** KMS alias of a platform key: `alias/<spec>/<purpose>`. */
export function keyAlias(spec: Pick<PlatformSpec, "name">, purpose: string): string {
  return `alias/${spec.name}/${purpose}`;
}

/** A construct id from a free-form name (tag keys contain `/`, which construct ids may not). */
export function idFrom(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}
