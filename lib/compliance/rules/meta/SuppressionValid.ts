import type { Rule } from "../../model";
import { skip } from "../util";

/**
 * Emitted by the engine (not evaluated per resource) for a suppression in the
 * JSON that names an unknown rule id or gives a reason shorter than 10 characters.
 */
export const SuppressionValid: Rule = {
  id: "AIP-META-001",
  title: "Suppressions name a known rule and give a reason of at least 10 characters",
  severity: "high",
  rationale: "A suppression of a misspelled rule silences nothing while looking like a reviewed exception; a suppression without a reason cannot be reviewed.",
  fix: "Fix the rule id (see the rule list of the report) or give a reason a reviewer can act on; suppress() checks both at synth time.",
  appliesTo: [],
  references: [],
  evaluate: () => skip(),
};
