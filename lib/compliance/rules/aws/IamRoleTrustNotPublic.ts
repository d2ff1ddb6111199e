import type { Rule } from "../../model";
import { isOpenToAnyone, parsePolicy, unreadableMessage } from "../../policy";
import { fail, pass } from "../util";

/** The trust policy of a role does not let any principal assume it. */
export const IamRoleTrustNotPublic: Rule = {
  id: "AIP-IAM-004",
  title: "IAM role trust policies do not allow any principal (*) to assume the role",
  severity: "critical",
  rationale: "A trust policy with principal * (and no account or organisation condition) lets any AWS account in the world assume the role and use its permissions.",
  fix: "Name the service (pods.eks.amazonaws.com, ec2.amazonaws.com) or account principals allowed to assume the role.",
  appliesTo: ["aws_iam_role"],
  exposure: true,
  references: [{ source: "checkov", id: "CKV_AWS_60", verified: true }],
  evaluate(role, index) {
    const statements = parsePolicy(role.attributes["assume_role_policy"], index);
    if (statements === undefined) return fail(unreadableMessage(["assume_role_policy"]) ?? "");
    const open = statements.find(isOpenToAnyone);
    return open === undefined ? pass() : fail(`statement ${open.sid ?? "(no Sid)"} lets ${open.notPrincipals.length > 0 ? "every principal but those named (NotPrincipal)" : "principal *"} ${open.actions.join(", ")}`);
  },
};
