import { allAt, strings } from "../../json";
import type { Resource } from "../../model";

/** True for GCP IAM resources: `google_*_iam_member`, `_binding`, `_policy`. */
export function isGcpIamType(type: string): boolean {
  return /^google_.*_iam_(member|binding|policy)$/.test(type);
}

/** Every GCP IAM type the rules know, for `appliesTo`. */
export const GCP_IAM_TYPES = [
  "google_project_iam_member",
  "google_project_iam_binding",
  "google_folder_iam_member",
  "google_folder_iam_binding",
  "google_organization_iam_member",
  "google_organization_iam_binding",
  "google_storage_bucket_iam_member",
  "google_storage_bucket_iam_binding",
  "google_bigquery_dataset_iam_member",
  "google_bigquery_dataset_iam_binding",
  "google_kms_crypto_key_iam_member",
  "google_kms_crypto_key_iam_binding",
  "google_kms_key_ring_iam_member",
  "google_kms_key_ring_iam_binding",
  "google_service_account_iam_member",
  "google_service_account_iam_binding",
  "google_artifact_registry_repository_iam_member",
] as const;

/** (role, member) pairs of an IAM member/binding resource (a `_policy` data document is not parsed). */
export function grantsOf(resource: Resource): { role: string; member: string }[] {
  const role = resource.attributes["role"];
  if (typeof role === "string") {
    const members = [...strings(resource.attributes["member"]), ...strings(resource.attributes["members"])];
    return members.map((member) => ({ role, member }));
  }
  return allAt(resource.attributes, "binding").flatMap((b) => strings(b["members"]).map((member) => ({ role: String(b["role"]), member })));
}
