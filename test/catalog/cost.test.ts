import { budgetWarnings, estimateSpend, formatSpendTable } from "../../lib/catalog/cost";
import { instancePrice } from "../../lib/catalog/prices";
import { parseSpec } from "../../lib/spec/validate";
import { withChange } from "../spec/fixtures";

/** aws eu-central-1 only, one spot L4 pool of 6 g6.xlarge and one on-demand 4x L40S pool of 2 g6e.12xlarge. */
const awsOnly = (change: (s: Record<string, any>) => void = () => {}) =>
  parseSpec(
    withChange((s) => {
      s.targets = [{ cloud: "aws", region: "eu-central-1" }];
      s.gpuPools = [
        { name: "inference", accelerator: "nvidia-l4", gpusPerNode: 1, maxNodes: 6, spot: true },
        { name: "finetune", accelerator: "nvidia-l40s", gpusPerNode: 4, maxNodes: 2 },
      ];
      s.teams[0].gpuQuota = { "nvidia-l4": 2, "nvidia-l40s": 4 };
      change(s);
    }),
  );

describe("estimateSpend", () => {
  describe("aws eu-central-1", () => {
    const estimate = estimateSpend(awsOnly());
    const target = estimate.targets[0]!;

    test("prices each pool at maxNodes from the table (g6.xlarge 1.0064/h on demand, 0.3708/h spot)", () => {
      const inference = target.pools.find((p) => p.pool === "inference")!;
      expect(inference.instanceType).toBe("g6.xlarge");
      expect(inference.gpus).toBe(6);
      // 6 x 1.0064 = 6.0384; x 730 h = 4408.03. Spot: 6 x 0.3708 = 2.2248; x 730 = 1624.10.
      expect(inference.hourly).toEqual({ onDemand: 6.04, spot: 2.22 });
      expect(inference.monthly).toEqual({ onDemand: 4408.03, spot: 1624.1 });
      expect(inference.worstMonthly).toBe(1624.1);
    });

    test("an on-demand pool's worst case is its on-demand price (2 x 13.12002/h x 730)", () => {
      const finetune = target.pools.find((p) => p.pool === "finetune")!;
      expect(finetune.instanceType).toBe("g6e.12xlarge");
      expect(finetune.worstMonthly).toBe(19155.23);
    });

    test("totals add the pools; the configured-capacity total mixes spot and on-demand", () => {
      expect(target.monthly.onDemand).toBe(23563.26); // 4408.03 + 19155.23
      expect(target.worstMonthly).toBe(20779.33); // 1624.10 + 19155.23
    });

    test("a per-accelerator team quota is priced per GPU of each accelerator", () => {
      // 2 L4 at 1.0064 + 4 L40S at 13.12002/4 = 2.0128 + 13.12002 = 15.13282/h; x 730 = 11046.96.
      expect(target.teams[0]).toMatchObject({ team: "research", gpus: 6, partial: false, monthly: { onDemand: 11046.96 } });
    });

    test("names the price source and date beside the figures", () => {
      expect(target.priceSource).toContain("skypilot-catalog");
      expect(target.priceDate).toBe("2026-12");
      expect(formatSpendTable(estimate)).toContain("prices: EC2 price list");
    });
  });

  describe("unverified prices", () => {
    test("a shape without a verified price is reported, left out of the totals, and warned about", () => {
      expect(instancePrice("aws", "p5.48xlarge", "eu-central-1")).toBeUndefined();
      const e = estimateSpend(
        awsOnly((s) => {
          s.gpuPools.push({ name: "training", accelerator: "nvidia-h100-80gb", gpusPerNode: 8, maxNodes: 2 });
        }),
      );
      const t = e.targets[0]!;
      expect(t.unpriced).toEqual(["training"]);
      expect(t.pools.find((p) => p.pool === "training")!.hourly).toBeUndefined();
      expect(t.monthly.onDemand).toBe(23563.26);
      expect(e.warnings.join("\n")).toContain("no verified price for training (p5.48xlarge)");
      expect(formatSpendTable(e)).toContain("no verified price");
    });
  });

  describe("gcp europe-west4", () => {
    test("prices the machine with its GPUs (a3-highgpu-8g 112.54/h)", () => {
      const spec = parseSpec(
        withChange((s) => {
          s.targets = [s.targets[1]];
          s.budget = { monthly: 1000, alertEmails: ["finops@acme.example"], gcpBillingAccount: "012345-6789AB-CDEF01" };
        }),
      );
      const t = estimateSpend(spec).targets[0]!;
      const training = t.pools.find((p) => p.pool === "training")!;
      expect(training.instanceType).toBe("a3-highgpu-8g");
      // 2 x 112.540479175233 x 730 = 164309.10
      expect(training.monthly!.onDemand).toBe(164309.1);
    });
  });
});

describe("budgetWarnings", () => {
  test("warns when the worst case exceeds budget.monthly", () => {
    const w = budgetWarnings(awsOnly((s) => (s.budget = { monthly: 20000, alertEmails: ["finops@acme.example"] })));
    expect(w).toEqual([
      "aws eu-central-1: worst-case GPU spend 20,779.33 USD/month (every pool at maxNodes) exceeds budget.monthly 20,000.00 USD; lower gpuPools[].maxNodes or raise the budget",
    ]);
  });

  test("no warning when the budget covers the worst case, or without a budget", () => {
    expect(budgetWarnings(awsOnly((s) => (s.budget = { monthly: 21000, alertEmails: ["finops@acme.example"] })))).toEqual([]);
    expect(budgetWarnings(awsOnly())).toEqual([]);
  });

  test("a budget in another currency is not compared", () => {
    const e = estimateSpend(awsOnly((s) => (s.budget = { monthly: 10, currency: "EUR", alertEmails: ["finops@acme.example"] })));
    expect(e.warnings.join("\n")).toContain("budget.currency is EUR; the estimate is in USD and is not compared");
    expect(e.warnings.join("\n")).not.toContain("exceeds");
  });
});
