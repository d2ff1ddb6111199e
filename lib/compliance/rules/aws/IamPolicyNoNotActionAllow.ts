import type { Rule } from "../../model";
import { parsePolicy, permissionPolicies, type Statement, unreadableMessage } from "../../policy";
import { fail, pass, skip } from "../util";
import { IAM_POLICY_TYPES } from "./iam-common";

/** The problems of one statement: an Allow written with NotAction, NotResource or NotPrincipal. */
function inverted(s: Statement): string[] {
  if (s.effect !== "Allow") return [];
  const out: string[] = [];
  if (s.notActions.length > 0) out.push(`allows every action but ${s.notActions.join(", ")} (NotAction)`);
  if (s.notResources.length > 0) out.push(`allows on every resource but ${s.notResources.join(", ")} (NotResource)`);
  if (s.notPrincipals.length > 0) out.push(`allows every principal but ${s.notPrincipals.map((p) => p.id).join(", ")} (NotPrincipal)`);
  return out;
}

/**
 * No Allow with NotAction, NotResource or NotPrincipal, in identity policies (standalone,
 * inline, role inline), trust policies, bucket policies and key policies.
 */
export const IamPolicyNoNotActionAllow: Rule = {
  id: "AIP-IAM-005",
  title: "Policies do not Allow with NotAction, NotResource or NotPrincipal",
  severity: "high",
  rationale:
    "An Allow with NotAction grants every action of every service except those listed, including IAM and actions AWS adds later; NotResource and NotPrincipal invert the same way. The grant is far wider than it reads.",
  fix: "List the actions, resources and principals that are allowed; keep NotAction/NotResource for Deny statements.",
  appliesTo: [...IAM_POLICY_TYPES, "aws_s3_bucket_policy", "aws_kms_key", "aws_kms_key_policy"],
  references: [
    { source: "checkov", id: "CKV_AWS_107", verified: false, note: "checkov's NotAction checks differ per policy type" },
  ],
  evaluate(resource, index) {
    const policies = permissionPolicies(resource, index).map((p) => ({ ...p }));
    if (resource.type === "aws_iam_role" && resource.attributes["assume_role_policy"] !== undefined) {
      policies.push({ attribute: "assume_role_policy", statements: parsePolicy(resource.attributes["assume_role_policy"], index) });
    }
    if (policies.length === 0) return skip("no policy");
    const problems: string[] = [];
    for (const { attribute, statements } of policies) {
      for (const s of statements ?? []) for (const p of inverted(s)) problems.push(`${attribute}: statement ${s.sid ?? "(no Sid)"} ${p}`);
    }
    const unreadable = unreadableMessage(policies.filter((p) => p.statements === undefined).map((p) => p.attribute));
    if (unreadable !== undefined) problems.push(unreadable);
    return problems.length === 0 ? pass() : fail(problems.join("; "));
  },
};
