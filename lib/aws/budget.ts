/**
 * The platform's monthly AWS Budgets budget on one target: cost of the resources tagged
 * `platform=<name>` in the target's region, with email alerts on actual and forecasted
 * spend.
 *
 * Facts (checked 2026-12):
 * - A cost filter `TagKeyValue` takes `user:<key>$<value>`; AWS CLI example "To create a
 *   Cost and Usage budget": https://docs.aws.amazon.com/cli/latest/userguide/cli_budgets_code_examples.html
 * - A budget has at most five notifications, each with up to 10 email subscribers
 *   (CreateBudget, NotificationsWithSubscribers):
 *   https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudget.html
 *   Hence actual spend at 50/80/100% and forecasted spend at 80/100% (five).
 * - A user-defined tag filters a budget only after it is activated as a cost allocation
 *   tag in the payer (management) account, and a tag key can be activated only once it
 *   has appeared in billing data (up to 24 hours after the first tagged resource):
 *   https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html
 *   (UNVERIFIED: not re-read at the source for this change; check before relying on it)
 *   The activation is therefore a documented one-time step, not a resource here: an
 *   `aws_ce_cost_allocation_tag` on a first apply would fail on the unknown key.
 */
import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { Construct } from "constructs";
import { BUDGET_THRESHOLDS, type BudgetSpec } from "../spec/spend";

/** The tag (and GCP label) the budgets filter on: every resource carries `platform=<name>`. */
export const COST_ALLOCATION_TAG = "platform";

/** Forecasted-spend thresholds (%); with the three actual ones this is AWS's limit of five notifications. */
export const AWS_FORECAST_THRESHOLDS = [80, 100] as const;

/** Props of {@link PlatformBudget}. */
export interface PlatformBudgetProps {
  /** The platform's name: the value of the cost allocation tag. */
  readonly platform: string;
  readonly region: string;
  readonly budget: BudgetSpec;
}

/** An AWS Budgets cost budget for the platform's tagged resources in one region. */
export class PlatformBudget extends Construct {
  /** The `aws_budgets_budget`. */
  public readonly resource: BudgetsBudget;

  constructor(scope: Construct, id: string, props: PlatformBudgetProps) {
    super(scope, id);
    const { budget } = props;
    const notify = (notificationType: "ACTUAL" | "FORECASTED", threshold: number) => ({
      comparisonOperator: "GREATER_THAN",
      notificationType,
      threshold,
      thresholdType: "PERCENTAGE",
      subscriberEmailAddresses: [...budget.alertEmails],
    });
    this.resource = new BudgetsBudget(this, "Resource", {
      name: `${props.platform}-${props.region}-monthly`,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: String(budget.monthly),
      limitUnit: budget.currency,
      costFilter: [
        { name: "TagKeyValue", values: [`user:${COST_ALLOCATION_TAG}$${props.platform}`] },
        { name: "Region", values: [props.region] },
      ],
      notification: [
        ...BUDGET_THRESHOLDS.map((t) => notify("ACTUAL", t)),
        ...AWS_FORECAST_THRESHOLDS.map((t) => notify("FORECASTED", t)),
      ],
    });
  }
}
