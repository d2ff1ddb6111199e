import type { Rule } from "../../model";
import { isOpenToAnyone, permissionPolicies, unreadableMessage } from "../../policy";
import { fail, pass } from "../util";

/** No key policy statement allows principal `*` without a condition pinning the caller. */
export const KmsKeyPolicyNoWildcardPrincipal: Rule = {
  id: "AIP-KMS-002",
  title: "KMS key policies allow nothing to any principal (*)",
  severity: "critical",
  rationale: "The key policy is the root of access to the key: an Allow for * lets any AWS principal (any account) use or manage the key, and so decrypt everything it protects.",
  fix: "Name the account root or the roles that use the key; if * is needed, pin it with kms:CallerAccount and kms:ViaService conditions.",
  appliesTo: ["aws_kms_key", "aws_kms_key_policy"],
  exposure: true,
  references: [{ source: "checkov", id: "CKV_AWS_33", verified: true }],
  evaluate(key, index) {
    for (const { attribute, statements } of permissionPolicies(key, index)) {
      if (statements === undefined) return fail(unreadableMessage([attribute]) ?? "");
      const open = statements.find(isOpenToAnyone);
      if (open !== undefined) return fail(`statement ${open.sid ?? "(no Sid)"} allows ${open.actions.join(", ")} to principal *`);
    }
    return pass();
  },
};
