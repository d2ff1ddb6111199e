import { blocks } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** A Cloud Billing budget alerts on current and forecasted spend. */
export const BudgetAlertsGcp: Rule = {
  id: "AIP-SPEND-002",
  title: "Cloud Billing budgets have current and forecasted spend thresholds",
  severity: "low",
  rationale: "GPU spend grows by thousands an hour; a budget is a control only with alerts before the money is spent (forecast) and when it is (current).",
  fix: "Give the google_billing_budget threshold_rules with spend_basis CURRENT_SPEND and FORECASTED_SPEND (spec budget).",
  appliesTo: ["google_billing_budget"],
  references: [],
  evaluate(budget) {
    const rules = blocks(budget.attributes["threshold_rules"]);
    const bases = new Set(rules.map((r) => r["spend_basis"] ?? "CURRENT_SPEND"));
    return bases.has("CURRENT_SPEND") && bases.has("FORECASTED_SPEND") ? pass(`${rules.length} threshold rules`) : fail("needs CURRENT_SPEND and FORECASTED_SPEND threshold rules");
  },
};
