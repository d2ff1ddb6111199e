import type { Rule } from "../../model";
import { fail, pass, show, skip } from "../util";

/** Longest acceptable rotation period: 90 days. */
export const MAX_ROTATION_SECONDS = 90 * 24 * 3600;

/** Rotation period set and at most 90 days. */
export const CloudKmsRotation: Rule = {
  id: "AIP-GKMS-001",
  title: "Cloud KMS keys rotate at least every 90 days",
  severity: "medium",
  rationale: "Rotation limits how much data one key version protects; CIS asks for 90 days at most.",
  fix: "Set rotation_period = \"7776000s\" (or less).",
  appliesTo: ["google_kms_crypto_key"],
  references: [
    { source: "checkov", id: "CKV_GCP_43", verified: true },
    { source: "trivy", id: "AVD-GCP-0065", verified: false },
    { source: "cis", id: "CIS GCP Foundations 1.10", verified: false },
  ],
  evaluate(key) {
    const purpose = key.attributes["purpose"];
    if (typeof purpose === "string" && purpose !== "ENCRYPT_DECRYPT") return skip(`purpose ${purpose} does not rotate automatically`);
    const period = key.attributes["rotation_period"];
    const match = typeof period === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(period) : null;
    if (match === null) return fail(`rotation_period = ${show(period)}`);
    const seconds = Number(match[1]);
    return seconds <= MAX_ROTATION_SECONDS ? pass(`${Math.round(seconds / 86400)} days`) : fail(`rotation_period = ${String(period)} (more than 90 days)`);
  },
};
