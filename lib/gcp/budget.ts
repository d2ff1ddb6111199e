/**
 * The platform's monthly Cloud Billing budget on one GCP target, and the email
 * notification channels its alerts (and the platform's monitoring alerts) go to.
 *
 * Facts (checked 2026-12 against the provider's schema, hashicorp/google 6.50.0 as
 * bundled by @cdktf/provider-google 16.12.1, and Google's docs):
 * - `budget_filter.labels` takes a single label and value pair; `projects` takes
 *   `projects/{project_number}`; both together keep the budget to the platform's labelled
 *   resources in the target's project.
 *   https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/billing_budget
 * - `threshold_rules.spend_basis` is CURRENT_SPEND or FORECASTED_SPEND; `threshold_percent`
 *   is 1.0-based (0.5 = 50%).
 * - `all_updates_rule.monitoring_notification_channels`: at most 5 channels
 *   (`projects/{project}/notificationChannels/{id}`); the default recipients (billing
 *   account administrators and users) keep getting the alerts too.
 * - UNVERIFIED (not re-read at the source for this change): the Cloud Billing Budget API
 *   (billingbudgets.googleapis.com) must be enabled on the project billed for the calls,
 *   and with user credentials the google provider needs `user_project_override = true` and
 *   `billing_project` for this resource; creating a budget needs `billing.budgets.create`
 *   on the billing account (Billing Account Administrator or Billing Account Costs Manager,
 *   roles/billing.costsManager).
 *   https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/billing_budget
 *   https://cloud.google.com/billing/docs/how-to/budgets#budget-permissions
 */
import { BillingBudget } from "@cdktf/provider-google/lib/billing-budget";
import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
import { MonitoringNotificationChannel } from "@cdktf/provider-google/lib/monitoring-notification-channel";
import { ProjectService } from "@cdktf/provider-google/lib/project-service";
import { Construct } from "constructs";
import { stableSuffix } from "../spec/naming";
import { BUDGET_THRESHOLDS, type BudgetSpec } from "../spec/spend";

/** The label the budget filters on: every resource carries `platform=<name>` (provider default labels). */
export const COST_ALLOCATION_LABEL = "platform";

/** Props of {@link EmailNotificationChannels}. */
export interface EmailNotificationChannelsProps {
  readonly project: string;
  readonly platform: string;
  readonly emails: readonly string[];
}

/**
 * One Cloud Monitoring email channel per address (ids `Email-<hash>`, stable when the
 * list is reordered), with the Monitoring API enabled first.
 */
export class EmailNotificationChannels extends Construct {
  /** Channel resource names (`projects/<p>/notificationChannels/<id>`), in the order of `emails`. */
  public readonly channelIds: readonly string[];
  /** The `google_project_service` for monitoring.googleapis.com. */
  public readonly api: ProjectService;

  constructor(scope: Construct, id: string, props: EmailNotificationChannelsProps) {
    super(scope, id);
    this.api = new ProjectService(this, "MonitoringApi", {
      project: props.project,
      service: "monitoring.googleapis.com",
      disableOnDestroy: false,
    });
    this.channelIds = [...new Set(props.emails)].map(
      (email) =>
        new MonitoringNotificationChannel(this, `Email-${stableSuffix(10, email)}`, {
          project: props.project,
          type: "email",
          displayName: `${props.platform}: ${email}`,
          labels: { email_address: email },
          dependsOn: [this.api],
        }).id,
    );
  }
}

/** Props of {@link PlatformBillingBudget}. */
export interface PlatformBillingBudgetProps {
  readonly platform: string;
  readonly project: string;
  readonly region: string;
  readonly budget: BudgetSpec & { readonly gcpBillingAccount: string };
  /** Notification channel resource names (at most 5). */
  readonly notificationChannels: readonly string[];
}

/** A Cloud Billing budget for the platform's labelled resources in the target's project. */
export class PlatformBillingBudget extends Construct {
  /** The `google_billing_budget`. */
  public readonly resource: BillingBudget;

  constructor(scope: Construct, id: string, props: PlatformBillingBudgetProps) {
    super(scope, id);
    const { budget } = props;
    const api = new ProjectService(this, "BillingBudgetsApi", {
      project: props.project,
      service: "billingbudgets.googleapis.com",
      disableOnDestroy: false,
    });
    const project = new DataGoogleProject(this, "Project", { projectId: props.project });
    const units = Math.floor(budget.monthly);
    const nanos = Math.round((budget.monthly - units) * 1e9);
    this.resource = new BillingBudget(this, "Resource", {
      billingAccount: budget.gcpBillingAccount,
      displayName: `${props.platform}-${props.region}-monthly`,
      amount: { specifiedAmount: { currencyCode: budget.currency, units: String(units), ...(nanos > 0 ? { nanos } : {}) } },
      budgetFilter: {
        projects: [`projects/${project.number}`],
        labels: { [COST_ALLOCATION_LABEL]: props.platform },
        calendarPeriod: "MONTH",
      },
      thresholdRules: (["CURRENT_SPEND", "FORECASTED_SPEND"] as const).flatMap((spendBasis) =>
        BUDGET_THRESHOLDS.map((t) => ({ thresholdPercent: t / 100, spendBasis })),
      ),
      allUpdatesRule: { monitoringNotificationChannels: [...props.notificationChannels] },
      dependsOn: [api],
    });
  }
}
