/**
 * Rule packs (cdk-nag style): named groups of rules. A rule may be in several packs.
 *
 * - `aws`, `gcp`, `kubernetes`, `residency`: by what the rules look at.
 * - `ai-platform`: the controls no common scanner checks (GKE secrets encryption and
 *   Workload Identity, private control planes, GPU taints, namespace quotas and
 *   default-deny policies, EKS access entries, the registry's write-once storage).
 */
import type { Rule } from "./model";
import { ALL_RULES, AWS_RULES, GCP_RULES, KUBERNETES_RULES, META_RULES, RESIDENCY_RULES } from "./rules";

/** Pack names. */
export const PACK_NAMES = ["aws", "gcp", "kubernetes", "residency", "ai-platform"] as const;
/** A pack name. */
export type PackName = (typeof PACK_NAMES)[number];

/** Ids of the `ai-platform` pack. */
const AI_PLATFORM_IDS = [
  "AIP-EKS-001",
  "AIP-EKS-002",
  "AIP-EKS-004",
  "AIP-EKS-005",
  "AIP-GKE-002",
  "AIP-GKE-004",
  "AIP-GKE-005",
  "AIP-GKE-015",
  "AIP-K8S-001",
  "AIP-K8S-002",
  "AIP-K8S-003",
  "AIP-S3-010",
  "AIP-GCS-006",
  "AIP-RES-001",
];

/** The packs and their rules (each sorted by id; the meta rule is in every pack). */
export const PACKS: Readonly<Record<PackName, readonly Rule[]>> = {
  aws: [...AWS_RULES, ...META_RULES],
  gcp: [...GCP_RULES, ...META_RULES],
  kubernetes: [...KUBERNETES_RULES, ...META_RULES],
  residency: [...RESIDENCY_RULES, ...META_RULES],
  "ai-platform": [...ALL_RULES.filter((r) => AI_PLATFORM_IDS.includes(r.id)), ...META_RULES],
};

/** The packs a rule belongs to (meta rules excluded from the listing). */
export function packsOf(ruleId: string): PackName[] {
  return PACK_NAMES.filter((p) => PACKS[p].some((r) => r.id === ruleId) && !META_RULES.some((m) => m.id === ruleId));
}

/** The rules of the given packs (all rules when none is given), deduplicated and sorted by id. */
export function rulesOf(packs?: readonly string[]): Rule[] {
  if (packs === undefined || packs.length === 0) return [...ALL_RULES];
  const unknown = packs.filter((p) => !(PACK_NAMES as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown pack ${unknown.join(", ")} (known: ${PACK_NAMES.join(", ")})`);
  const ids = new Set(packs.flatMap((p) => PACKS[p as PackName].map((r) => r.id)));
  return ALL_RULES.filter((r) => ids.has(r.id));
}
