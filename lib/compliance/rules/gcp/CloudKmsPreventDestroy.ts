import { at, isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** lifecycle.prevent_destroy on crypto keys. */
export const CloudKmsPreventDestroy: Rule = {
  id: "AIP-GKMS-002",
  title: "Cloud KMS keys are protected from terraform destroy (prevent_destroy)",
  severity: "medium",
  rationale: "Destroying a crypto key schedules every version for destruction: all data encrypted with it becomes unreadable.",
  fix: "Set lifecycle { prevent_destroy = true } (cdktf: lifecycle: { preventDestroy: true }).",
  appliesTo: ["google_kms_crypto_key"],
  references: [{ source: "checkov", id: "CKV_GCP_82", verified: true }],
  evaluate(key) {
    return isTrue(at(key.attributes, "lifecycle.prevent_destroy")) ? pass() : fail("lifecycle.prevent_destroy is not true");
  },
};
