/**
 * Who can apply the in-cluster stack. The identity that runs `terraform apply` on
 * `<name>-<cloud>-<region>-k8s` needs Kubernetes rights before that stack exists, so
 * they must come from the cloud stack:
 *
 * - EKS: an access entry with AmazonEKSClusterAdminPolicy, which the cloud stack gives to
 *   `deployers.aws` and `admins.aws`. The cluster's creator gets nothing
 *   (`bootstrap_cluster_creator_admin_permissions` is off).
 * - GKE: the IAM role `roles/container.admin`, which the cloud stack gives to
 *   `deployers.gcp`. `admins.gcp` do not qualify: their cluster-admin is a
 *   ClusterRoleBinding that the in-cluster stack itself creates.
 */
import { PrincipalSetSchema } from "./schema";
import type { SpecProblem } from "./problems";

function principals(input: Record<string, unknown>, key: string): { aws: string[]; gcp: string[] } {
  const parsed = PrincipalSetSchema.safeParse(input[key] ?? {});
  return parsed.success ? parsed.data : { aws: [], gcp: [] };
}

/** One problem per target cloud whose in-cluster stack no listed identity could apply. */
export function deployerProblems(input: unknown): SpecProblem[] {
  const o = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const targets = Array.isArray(o.targets) ? o.targets : [];
  const deployers = principals(o, "deployers");
  const admins = principals(o, "admins");
  const problems: SpecProblem[] = [];
  const reported = new Set<string>();
  targets.forEach((t, i) => {
    const target = t !== null && typeof t === "object" ? (t as Record<string, unknown>) : {};
    const cloud = target.cloud;
    if ((cloud !== "aws" && cloud !== "gcp") || reported.has(cloud)) return;
    const where = `targets[${i}] (${cloud}${typeof target.region === "string" ? ` ${target.region}` : ""})`;
    if (cloud === "aws" && deployers.aws.length === 0 && admins.aws.length === 0) {
      reported.add(cloud);
      problems.push({
        path: "deployers.aws",
        message: `is empty and so is admins.aws, so no listed identity could apply the in-cluster stack of ${where}: EKS gives the cluster's creator no Kubernetes access; add the IAM role that runs terraform, e.g. arn:aws:iam::111122223333:role/ci-deploy`,
      });
    }
    if (cloud === "gcp" && deployers.gcp.length === 0) {
      reported.add(cloud);
      const project = typeof target.project === "string" ? target.project : "<project>";
      problems.push({
        path: "deployers.gcp",
        message: `is empty, so no listed identity could apply the in-cluster stack of ${where}: on GKE the platform admins' cluster-admin is created by that stack itself; add the service account that runs terraform, e.g. serviceAccount:ci-deploy@${project}.iam.gserviceaccount.com`,
      });
    }
  });
  return problems;
}
