import type { Rule } from "../../model";
import { statementProblems, unreadableMessage } from "../../policy";
import { fail, pass, skip } from "../util";
import { IAM_POLICY_TYPES } from "./iam-common";

/** No Allow statement with Action `*` (NotAction allows are AIP-IAM-005). */
export const IamPolicyNoWildcardAction: Rule = {
  id: "AIP-IAM-001",
  title: "IAM policies do not allow Action \"*\"",
  severity: "high",
  rationale: "Action * is administrator access to every service the resource covers, including IAM itself: one compromised workload becomes the account.",
  fix: "List the actions the workload needs (the grant methods emit least-privilege statements).",
  appliesTo: [...IAM_POLICY_TYPES],
  references: [
    { source: "checkov", id: "CKV_AWS_63", verified: true },
    { source: "checkov", id: "CKV_AWS_62", verified: false, note: "full admin *:*" },
    { source: "trivy", id: "AVD-AWS-0057", verified: false },
  ],
  evaluate(resource, index) {
    const found = statementProblems(resource, index, (s) => {
      if (s.effect !== "Allow") return [];
      const problems: string[] = [];
      if (s.actions.some((a) => a === "*" || a === "*:*")) problems.push('allows Action "*"');
      return problems;
    });
    if (!found) return skip("no permission policy");
    const problems = [...found.problems, ...(unreadableMessage(found.unreadable) ?? [])];
    return problems.length === 0 ? pass() : fail(problems.join("; "));
  },
};
