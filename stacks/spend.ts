/**
 * Spend controls of a target's cloud stack: the monthly budget (AWS Budgets or a Cloud
 * Billing budget), added when the spec has `budget`. Construct ids sit at the stack's
 * root (`Budget`, `AlertChannels`) so they never move with the cloud platform's tree.
 */
import type { Construct } from "constructs";
import type * as AwsBudget from "../lib/aws/budget";
import type * as GcpBudget from "../lib/gcp/budget";
import type { PlatformSpec, Target } from "../lib/spec/schema";

const loadAwsBudget = (): typeof AwsBudget => require("../lib/aws/budget") as typeof AwsBudget;
const loadGcpBudget = (): typeof GcpBudget => require("../lib/gcp/budget") as typeof GcpBudget;

/** Adds the budget of one target to its cloud stack (nothing without `spec.budget`). */
export function addSpendControls(stack: Construct, spec: PlatformSpec, target: Target): void {
  const budget = spec.budget;
  if (!budget) return;
  if (target.cloud === "aws") {
    new (loadAwsBudget().PlatformBudget)(stack, "Budget", { platform: spec.name, region: target.region, budget });
    return;
  }
  if (budget.gcpBillingAccount === undefined) {
    // validateSpec reports it; reached only when a caller builds stacks from an unvalidated spec.
    throw new Error("budget.gcpBillingAccount: is required with gcp targets");
  }
  const gcp = loadGcpBudget();
  const channels = new gcp.EmailNotificationChannels(stack, "AlertChannels", {
    project: target.project,
    platform: spec.name,
    emails: budget.alertEmails,
  });
  new gcp.PlatformBillingBudget(stack, "Budget", {
    platform: spec.name,
    project: target.project,
    region: target.region,
    budget: { ...budget, gcpBillingAccount: budget.gcpBillingAccount },
    notificationChannels: channels.channelIds,
  });
}
