import type { Rule } from "../../model";
import { permissionPolicies } from "../../policy";
import { fail, pass, skip } from "../util";
import { IAM_POLICY_TYPES } from "./iam-common";

/** No Allow statement with Action `*` (or NotAction, which allows everything else). */
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
    const policies = permissionPolicies(resource, index);
    if (policies.length === 0) return skip("no permission policy");
    const problems: string[] = [];
    for (const { attribute, statements } of policies) {
      for (const s of statements ?? []) {
        if (s.effect !== "Allow") continue;
        if (s.actions.some((a) => a === "*" || a === "*:*")) problems.push(`${attribute}: statement ${s.sid ?? "(no Sid)"} allows Action "*"`);
        if (s.notActions.length > 0) problems.push(`${attribute}: statement ${s.sid ?? "(no Sid)"} allows everything but ${s.notActions.join(", ")} (NotAction)`);
      }
    }
    const unreadable = policies.filter((p) => p.statements === undefined).map((p) => p.attribute);
    if (problems.length > 0) return fail(problems.join("; "));
    return pass(unreadable.length > 0 ? `could not read ${unreadable.join(", ")} (expression)` : undefined);
  },
};
