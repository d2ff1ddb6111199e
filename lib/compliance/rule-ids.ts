/**
 * The id of every rule of the review, and the shortest acceptable suppression reason:
 * what `suppress` needs to refuse an unknown id or a missing reason while the platform is
 * synthesized, without loading the rules themselves (synthesis never runs them). A test
 * holds this table equal to the ids of the rules under rules/.
 */

/** Every rule id, sorted. */
export const RULE_IDS: readonly string[] = [
  "AIP-BQ-001", "AIP-BQ-002",
  "AIP-CWL-001", "AIP-CWL-002",
  "AIP-EC2-001", "AIP-EC2-002", "AIP-EC2-003",
  "AIP-EKS-001", "AIP-EKS-002", "AIP-EKS-003", "AIP-EKS-004", "AIP-EKS-005", "AIP-EKS-006",
  "AIP-GCS-001", "AIP-GCS-002", "AIP-GCS-003", "AIP-GCS-004", "AIP-GCS-005", "AIP-GCS-006",
  "AIP-GIAM-001", "AIP-GIAM-002",
  "AIP-GKE-001", "AIP-GKE-002", "AIP-GKE-003", "AIP-GKE-004", "AIP-GKE-005", "AIP-GKE-006", "AIP-GKE-007", "AIP-GKE-008", "AIP-GKE-009", "AIP-GKE-010", "AIP-GKE-011", "AIP-GKE-012", "AIP-GKE-013", "AIP-GKE-014", "AIP-GKE-015", "AIP-GKE-016", "AIP-GKE-017",
  "AIP-GKMS-001", "AIP-GKMS-002",
  "AIP-GNET-001", "AIP-GNET-002", "AIP-GNET-003", "AIP-GNET-004",
  "AIP-HELM-001",
  "AIP-IAM-001", "AIP-IAM-002", "AIP-IAM-003", "AIP-IAM-004", "AIP-IAM-005", "AIP-IAM-006",
  "AIP-K8S-001", "AIP-K8S-002", "AIP-K8S-003", "AIP-K8S-004", "AIP-K8S-005", "AIP-K8S-006",
  "AIP-KMS-001", "AIP-KMS-002", "AIP-KMS-003",
  "AIP-META-001",
  "AIP-QUEUE-001",
  "AIP-RES-001",
  "AIP-S3-001", "AIP-S3-002", "AIP-S3-003", "AIP-S3-004", "AIP-S3-005", "AIP-S3-006", "AIP-S3-007", "AIP-S3-008", "AIP-S3-009", "AIP-S3-010",
  "AIP-SPEND-001", "AIP-SPEND-002", "AIP-SPEND-003", "AIP-SPEND-004",
  "AIP-VPC-001", "AIP-VPC-002", "AIP-VPC-003", "AIP-VPC-004",
];

const KNOWN: ReadonlySet<string> = new Set(RULE_IDS);

/** Whether `id` names a rule of the review. */
export function isRuleId(id: string): boolean {
  return KNOWN.has(id);
}

/** Shortest acceptable suppression reason. */
export const MIN_REASON_LENGTH = 10;
