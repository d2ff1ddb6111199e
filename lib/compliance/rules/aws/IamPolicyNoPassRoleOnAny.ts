import type { Rule } from "../../model";
import { grantsAny, onAnyResource, statementProblems, unreadableMessage } from "../../policy";
import { fail, pass, skip } from "../util";
import { IAM_POLICY_TYPES } from "./iam-common";

/** iam:PassRole never on Resource `*`. */
export const IamPolicyNoPassRoleOnAny: Rule = {
  id: "AIP-IAM-003",
  title: "IAM policies do not allow iam:PassRole on Resource \"*\"",
  severity: "high",
  rationale: "PassRole on * lets the holder hand any role of the account (an admin role included) to a service it controls: a classic privilege escalation.",
  fix: "Scope iam:PassRole to the role ARNs needed, with an iam:PassedToService condition.",
  appliesTo: [...IAM_POLICY_TYPES],
  references: [{ source: "checkov", id: "CKV_AWS_286", verified: true, note: "privilege escalation in general" }],
  evaluate(resource, index) {
    const found = statementProblems(resource, index, (s) =>
      onAnyResource(s) && grantsAny(s, ["iam:PassRole"]) ? ['allows iam:PassRole on "*"'] : [],
    );
    if (!found) return skip("no permission policy");
    const problems = [...found.problems, ...(unreadableMessage(found.unreadable) ?? [])];
    return problems.length === 0 ? pass() : fail(problems.join("; "));
  },
};
