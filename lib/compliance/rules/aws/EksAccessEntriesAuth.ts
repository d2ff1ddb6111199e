import { at, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, show } from "../util";

/** Cluster access through EKS access entries only (authentication mode API), no implicit creator admin. */
export const EksAccessEntriesAuth: Rule = {
  id: "AIP-EKS-004",
  title: "EKS clusters authenticate through access entries only (authentication_mode API)",
  severity: "medium",
  rationale: "With the aws-auth ConfigMap, cluster access is an in-cluster object anyone with edit rights on kube-system can change and no AWS API audits. Access entries are IAM-managed, reviewable and show up in CloudTrail.",
  fix: "Set access_config { authentication_mode = \"API\", bootstrap_cluster_creator_admin_permissions = false } and grant access with aws_eks_access_entry / aws_eks_access_policy_association.",
  appliesTo: ["aws_eks_cluster"],
  references: [],
  evaluate(cluster) {
    const mode = at(cluster.attributes, "access_config.authentication_mode");
    if (mode !== "API") return fail(`access_config.authentication_mode = ${show(mode)} (CONFIG_MAP is the default)`);
    if (isTrue(at(cluster.attributes, "access_config.bootstrap_cluster_creator_admin_permissions")))
      return fail("bootstrap_cluster_creator_admin_permissions = true: whoever ran terraform stays cluster admin, outside the reviewed access entries");
    return pass();
  },
};
