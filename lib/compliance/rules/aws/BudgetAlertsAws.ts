import { blocks, strings } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** An AWS budget that nobody hears about does not control spend. */
export const BudgetAlertsAws: Rule = {
  id: "AIP-SPEND-001",
  title: "AWS budgets alert subscribers on actual and forecasted spend",
  severity: "low",
  rationale: "GPU spend grows by thousands an hour; a budget is a control only with alerts before the money is spent (forecast) and when it is (actual).",
  fix: "Give the aws_budgets_budget notifications of type ACTUAL and FORECASTED with subscribers (spec budget.alertEmails).",
  appliesTo: ["aws_budgets_budget"],
  references: [],
  evaluate(budget) {
    const notifications = blocks(budget.attributes["notification"]);
    const subscribed = notifications.filter((n) => strings(n["subscriber_email_addresses"]).length + strings(n["subscriber_sns_topic_arns"]).length > 0);
    const types = new Set(subscribed.map((n) => n["notification_type"]));
    return types.has("ACTUAL") && types.has("FORECASTED") ? pass(`${subscribed.length} notifications with subscribers`) : fail("needs ACTUAL and FORECASTED notifications with subscribers");
  },
};
