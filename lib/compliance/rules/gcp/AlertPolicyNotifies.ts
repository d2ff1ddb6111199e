import { strings } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** An alert that notifies nobody leaves paid GPUs idle. */
export const AlertPolicyNotifies: Rule = {
  id: "AIP-SPEND-004",
  title: "Cloud Monitoring alert policies notify a channel",
  severity: "low",
  rationale: "An idle-GPU alert that notifies nobody is only visible to whoever opens the console; GPUs stay allocated and billed.",
  fix: "Give the google_monitoring_alert_policy notification_channels (spec monitoring.alertEmails or budget.alertEmails).",
  appliesTo: ["google_monitoring_alert_policy"],
  references: [],
  evaluate(policy) {
    const channels = strings(policy.attributes["notification_channels"]);
    return channels.length > 0 ? pass(`${channels.length} notification channels`) : fail("no notification_channels (set monitoring.alertEmails)");
  },
};
