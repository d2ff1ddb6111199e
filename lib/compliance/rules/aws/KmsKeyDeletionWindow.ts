import { num } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Minimum pending-deletion window, in days. AWS allows 7 to 30 and defaults to 30. */
export const MIN_DELETION_WINDOW_DAYS = 14;

/** A deletion window long enough to notice and cancel a mistaken key deletion. */
export const KmsKeyDeletionWindow: Rule = {
  id: "AIP-KMS-003",
  title: `KMS keys wait at least ${MIN_DELETION_WINDOW_DAYS} days before deletion`,
  severity: "low",
  rationale: "Deleting a key destroys every object encrypted with it. The pending-deletion window is the only time to cancel; 7 days can pass over a holiday unnoticed.",
  fix: `Leave deletion_window_in_days unset (30) or set it to at least ${MIN_DELETION_WINDOW_DAYS}.`,
  appliesTo: ["aws_kms_key"],
  references: [],
  evaluate(key) {
    const days = num(key.attributes["deletion_window_in_days"]);
    if (days === undefined) return pass("default window (30 days)");
    return days >= MIN_DELETION_WINDOW_DAYS ? pass() : fail(`deletion_window_in_days = ${days}`);
  },
};
