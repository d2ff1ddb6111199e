/**
 * Spec fields for sharing GPUs and keeping their spend in view: per-accelerator team
 * quotas and borrowing, the team queues, GPU monitoring and the budget. The schemas are
 * composed into `PlatformSpecSchema` (schema.ts); the checks that relate these fields to
 * the rest of the spec are `spendProblems` (called by validate.ts).
 */
import { z } from "zod";
import { ACCELERATOR_IDS, type AcceleratorId } from "../catalog/accelerators";
import type { SpecProblem } from "./problems";

const GPU_COUNT = z.number().int().min(0).max(10000);

/**
 * A team's GPU quota: a number (GPUs of any accelerator the spec's pools offer) or a map
 * from accelerator id to GPUs (only those accelerators, each capped).
 */
export const GpuQuotaSchema = z
  .union([
    GPU_COUNT,
    z.partialRecord(z.enum(ACCELERATOR_IDS), GPU_COUNT).meta({
      description: "GPUs per accelerator, e.g. { nvidia-l4: 4, nvidia-h100-80gb: 8 }. Each accelerator must be one of the spec's GPU pools.",
    }),
  ])
  .default(0)
  .meta({
    description:
      "GPUs the team is guaranteed: a number (that many of each accelerator of the spec's pools) or a map per accelerator. Its queue's nominal quota per accelerator; the namespace ResourceQuota caps GPU requests at what the queue can hold (nominal plus gpuBorrowLimit), or at the total without queues.",
  });

/** Output of {@link GpuQuotaSchema}. */
export type GpuQuota = z.output<typeof GpuQuotaSchema>;

export const GpuBorrowLimitSchema = GPU_COUNT.optional().meta({
  description:
    "GPUs per accelerator the team may borrow from other teams' idle quota (Kueue cohort borrowing). Default: no limit (up to what is idle in the cohort).",
});

/** Team queues (Kueue). */
export const QueuesSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta({ description: "Install Kueue and give every team a queue. false is an explicit opt-out: jobs are then admitted by the ResourceQuota alone." }),
  })
  .default({ enabled: true })
  .meta({ description: "GPU job queues per team (Kueue): fair sharing, borrowing of idle GPUs, preemption that protects each team's share." });

export type QueuesSpec = z.output<typeof QueuesSchema>;

const EMAIL = z.string().regex(/^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, { message: "must be an email address" });

/** GPU metrics and the idle-GPU alert. */
export const MonitoringSchema = z
  .strictObject({
    gpuMetrics: z
      .boolean()
      .default(true)
      .meta({ description: "Collect GPU metrics (DCGM) into the cloud's managed Prometheus. false is an explicit opt-out (and turns the idle alert off)." }),
    idleGpu: z
      .strictObject({
        utilizationPercent: z.number().int().min(1).max(99).default(10).meta({ description: "A GPU below this utilisation (%) counts as idle." }),
        minutes: z.number().int().min(5).max(1440).default(60).meta({ description: "How long a GPU must stay idle before the alert fires." }),
      })
      .default({ utilizationPercent: 10, minutes: 60 })
      .meta({ description: "The alert on GPUs that are allocated to a pod but idle." }),
    alertEmails: z
      .array(EMAIL)
      .max(5)
      .default([])
      .meta({ description: "Who gets the monitoring alerts. Default: budget.alertEmails." }),
  })
  .default({ gpuMetrics: true, idleGpu: { utilizationPercent: 10, minutes: 60 }, alertEmails: [] })
  .meta({ description: "GPU observability." });

export type MonitoringSpec = z.output<typeof MonitoringSchema>;

/** Thresholds (% of the monthly amount) at which budget alerts go out, actual and forecasted. */
export const BUDGET_THRESHOLDS = [50, 80, 100] as const;

export const BudgetSchema = z
  .strictObject({
    monthly: z.number().positive().max(1e9).meta({ description: "Monthly amount per target (each cloud's budget gets this amount)." }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: "must be an ISO 4217 currency code such as USD" })
      .default("USD")
      .meta({ description: "Currency of the amount (ISO 4217). A GCP budget must use its billing account's currency; the cost estimate is in USD and is compared only with a USD budget." }),
    // AWS Budgets: up to 10 email subscribers per notification; a GCP budget: at most
    // 5 monitoring notification channels. The smaller limit applies.
    // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudget.html
    // https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/billing_budget#monitoring_notification_channels
    alertEmails: z.array(EMAIL).min(1).max(5).meta({ description: "Who gets the budget alerts (1-5 addresses)." }),
    gcpBillingAccount: z
      .string()
      .regex(/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/, { message: "must be a billing account id such as 012345-6789AB-CDEF01" })
      .optional()
      .meta({ description: "The Cloud Billing account the GCP targets' projects are paid by (required with gcp targets)." }),
  })
  .meta({
    description:
      "A monthly budget per target: an AWS Budgets budget or a Cloud Billing budget on the platform's cost-allocation tag/label, alerting at 50/80/100% of actual and forecasted spend. validate warns when the worst-case GPU spend (ai-platform cost) exceeds it.",
  });

export type BudgetSpec = z.output<typeof BudgetSchema>;

/** Total GPUs of a team's quota. */
export function totalGpuQuota(quota: GpuQuota): number {
  return typeof quota === "number" ? quota : Object.values(quota).reduce<number>((a, b) => a + (b ?? 0), 0);
}

/**
 * A team's nominal GPUs for one accelerator. A plain number is a quota for each
 * accelerator of the spec: the team may use up to that many of any one kind, and the
 * namespace ResourceQuota keeps the total at that number.
 */
export function gpuQuotaFor(quota: GpuQuota, accelerator: AcceleratorId): number {
  return typeof quota === "number" ? quota : (quota[accelerator] ?? 0);
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Problems relating the spend fields to the rest of the spec (raw input; structure is checked by the schema). */
export function spendProblems(input: unknown): SpecProblem[] {
  const root = obj(input) ?? {};
  const problems: SpecProblem[] = [];
  const pools = Array.isArray(root.gpuPools) ? root.gpuPools.map(obj) : [];
  const poolAccelerators = [...new Set(pools.map((p) => p?.accelerator).filter((a): a is string => typeof a === "string"))];
  const teams = Array.isArray(root.teams) ? root.teams.map(obj) : [];
  teams.forEach((team, i) => {
    const quota = obj(team?.gpuQuota);
    if (!quota) return;
    for (const accelerator of Object.keys(quota)) {
      if (!(ACCELERATOR_IDS as readonly string[]).includes(accelerator)) continue; // the schema reports it
      if (!poolAccelerators.includes(accelerator)) {
        problems.push({
          path: `teams[${i}].gpuQuota.${accelerator}`,
          message: `no GPU pool has accelerator ${accelerator} (pools offer: ${poolAccelerators.join(", ") || "none"}); quota a pool's accelerator or add a pool`,
        });
      }
    }
  });
  const budget = obj(root.budget);
  if (budget) {
    const targets = Array.isArray(root.targets) ? root.targets.map(obj) : [];
    const clouds = new Set(targets.map((t) => t?.cloud));
    if (clouds.has("gcp") && budget.gcpBillingAccount === undefined) {
      problems.push({
        path: "budget.gcpBillingAccount",
        message: "is required with gcp targets: the budget is created on the billing account that pays for the projects (e.g. 012345-6789AB-CDEF01)",
      });
    }
  }
  return problems;
}
