import { strings } from "../../json";
import type { Resource, Rule, StackIndex } from "../../model";
import { fail, pass, skip } from "../util";

/** Attributes that attach AWS managed policies by ARN, per type. */
const ATTACHMENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ["managed_policy_arns"],
  aws_iam_role_policy_attachment: ["policy_arn"],
  aws_iam_user_policy_attachment: ["policy_arn"],
  aws_iam_group_policy_attachment: ["policy_arn"],
  aws_iam_policy_attachment: ["policy_arn"],
  aws_iam_role_policy_attachments_exclusive: ["policy_arns"],
  aws_iam_user_policy_attachments_exclusive: ["policy_arns"],
  aws_iam_group_policy_attachments_exclusive: ["policy_arns"],
  aws_ssoadmin_managed_policy_attachment: ["managed_policy_arn"],
};

/** The AWS managed policy that grants `*` on `*` (docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html). */
const ADMIN_POLICY = /:iam::aws:policy\/AdministratorAccess$/;

/** True when an ARN value names AdministratorAccess, literally, with an expression partition, or through a `data.aws_iam_policy` of that name. */
export function isAdministratorAccess(value: string, index: StackIndex): boolean {
  if (ADMIN_POLICY.test(value)) return true;
  const target = index.resolve(value);
  if (target?.type === "aws_iam_policy" && target.kind === "data") {
    const name = target.attributes["name"];
    const arn = target.attributes["arn"];
    return name === "AdministratorAccess" || (typeof arn === "string" && ADMIN_POLICY.test(arn));
  }
  return false;
}

function attached(resource: Resource): string[] {
  return (ATTACHMENT_ATTRIBUTES[resource.type] ?? []).flatMap((a) => strings(resource.attributes[a]));
}

/** No role, user, group or permission set gets the AdministratorAccess managed policy. */
export const IamNoAdministratorAccess: Rule = {
  id: "AIP-IAM-006",
  title: "No IAM role, user, group or permission set is given the AdministratorAccess managed policy",
  severity: "critical",
  rationale:
    "AdministratorAccess is Action * on Resource *: whoever holds the role (a workload, a CI job, a person) controls the whole account, its IAM and its audit trail. It hides in managed_policy_arns or an attachment, where no policy document shows it.",
  fix: "Attach a policy with the actions the identity needs; keep administrator access for break-glass roles outside this configuration.",
  appliesTo: Object.keys(ATTACHMENT_ATTRIBUTES),
  references: [{ source: "checkov", id: "CKV_AWS_274", verified: false, note: "AdministratorAccess on roles, users and groups" }],
  evaluate(resource, index) {
    const arns = attached(resource);
    if (arns.length === 0) return skip("attaches no managed policy");
    const admin = arns.filter((a) => isAdministratorAccess(a, index));
    const via = ATTACHMENT_ATTRIBUTES[resource.type]?.join(", ") ?? "";
    return admin.length === 0 ? pass() : fail(`${via} attaches ${admin.join(", ")} (Action * on Resource *)`);
  },
};
