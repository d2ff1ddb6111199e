import type { Rule } from "../../model";
import { grantsAny, onAnyResource, statementProblems, unreadableMessage } from "../../policy";
import { fail, pass, skip } from "../util";
import { IAM_POLICY_TYPES } from "./iam-common";

/** Actions that read, write or decrypt data: never on Resource "*". */
export const DATA_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:GetObjectVersion",
  "s3:ListBucket",
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:ReEncryptFrom",
  "secretsmanager:GetSecretValue",
  "ssm:GetParameter",
  "glue:GetTable",
  "dynamodb:GetItem",
] as const;

/** No data action (`s3:*`, `s3:GetObject`, `kms:Decrypt`, …) allowed on Resource `*`. */
export const IamPolicyNoDataActionsOnAnyResource: Rule = {
  id: "AIP-IAM-002",
  title: "IAM policies do not allow data actions on Resource \"*\"",
  severity: "high",
  rationale: "s3:GetObject or kms:Decrypt on * reaches every bucket and key of the account, including other teams' data zones: the whole point of per-zone grants is lost.",
  fix: "Scope the statement to the bucket/object ARNs and key ARNs (lake.grantRead(identity, zone) does this).",
  appliesTo: [...IAM_POLICY_TYPES],
  references: [
    { source: "checkov", id: "CKV_AWS_355", verified: true, note: "any restrictable action on *" },
    { source: "checkov", id: "CKV_AWS_288", verified: false, note: "data exfiltration" },
  ],
  evaluate(resource, index) {
    const found = statementProblems(resource, index, (s) => {
      const granted = onAnyResource(s) ? DATA_ACTIONS.filter((a) => grantsAny(s, [a])) : [];
      return granted.length > 0 ? [`allows ${granted.join(", ")} on "*"`] : [];
    });
    if (!found) return skip("no permission policy");
    const problems = [...found.problems, ...(unreadableMessage(found.unreadable) ?? [])];
    return problems.length === 0 ? pass() : fail(problems.join("; "));
  },
};
