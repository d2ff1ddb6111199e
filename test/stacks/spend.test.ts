import { Testing } from "cdktf";
import { readSpecFile } from "../../lib/spec/load";
import { parseSpec } from "../../lib/spec/validate";
import type { PlatformSpec } from "../../lib/spec/schema";
import { addPlatformStacks } from "../../stacks/platform";

type Json = Record<string, any>;

function withBudget(): PlatformSpec {
  const spec = readSpecFile("examples/acme-ml-eu.yaml");
  return parseSpec({
    ...spec,
    budget: { monthly: 40000.5, alertEmails: ["finops@acme.example", "ml-leads@acme.example"], gcpBillingAccount: "012345-6789AB-CDEF01" },
  });
}

const only = (stack: Json, type: string): Json => {
  const all = Object.values((stack.resource?.[type] ?? {}) as Record<string, Json>);
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe("budgets", () => {
  let aws: Json;
  let gcp: Json;
  let plain: Json[];
  beforeAll(() => {
    const [a, g] = addPlatformStacks(Testing.app(), withBudget());
    aws = JSON.parse(Testing.synth(a!.cloud, true));
    gcp = JSON.parse(Testing.synth(g!.cloud, true));
    const [pa, pg] = addPlatformStacks(Testing.app(), readSpecFile("examples/acme-ml-eu.yaml"));
    plain = [JSON.parse(Testing.synth(pa!.cloud)), JSON.parse(Testing.synth(pg!.cloud))];
  });

  test("no budget resources without spec.budget", () => {
    expect(plain[0]!.resource.aws_budgets_budget).toBeUndefined();
    expect(plain[1]!.resource.google_billing_budget).toBeUndefined();
  });

  describe("AWS Budgets", () => {
    test("a monthly cost budget of budget.monthly, filtered to the platform tag and the target's region", () => {
      const b = only(aws, "aws_budgets_budget");
      expect(b).toMatchObject({ name: "acme-ml-eu-central-1-monthly", budget_type: "COST", time_unit: "MONTHLY", limit_amount: "40000.5", limit_unit: "USD" });
      expect(b.cost_filter).toEqual([
        { name: "TagKeyValue", values: ["user:platform$acme-ml"] },
        { name: "Region", values: ["eu-central-1"] },
      ]);
    });

    test("alerts the emails at 50/80/100% actual and 80/100% forecasted spend (AWS allows five)", () => {
      const n = only(aws, "aws_budgets_budget").notification as Json[];
      expect(n.map((x) => `${x.notification_type}:${x.threshold}`)).toEqual(["ACTUAL:50", "ACTUAL:80", "ACTUAL:100", "FORECASTED:80", "FORECASTED:100"]);
      for (const x of n) {
        expect(x).toMatchObject({ comparison_operator: "GREATER_THAN", threshold_type: "PERCENTAGE" });
        expect(x.subscriber_email_addresses).toEqual(["finops@acme.example", "ml-leads@acme.example"]);
      }
    });
  });

  describe("Cloud Billing budget", () => {
    test("on the billing account, for the platform label in the target's project", () => {
      const b = only(gcp, "google_billing_budget");
      expect(b.billing_account).toBe("012345-6789AB-CDEF01");
      expect(b.display_name).toBe("acme-ml-europe-west4-monthly");
      expect(b.amount).toEqual({ specified_amount: { currency_code: "USD", units: "40000", nanos: 500000000 } });
      expect(b.budget_filter.labels).toEqual({ platform: "acme-ml" });
      const [projectData] = Object.entries(gcp.data.google_project as Record<string, Json>).find(([, d]) => d.project_id === "acme-ml-prod")!;
      expect(b.budget_filter.projects).toEqual([`projects/\${data.google_project.${projectData}.number}`]);
      expect(b.budget_filter.calendar_period).toBe("MONTH");
    });

    test("thresholds 50/80/100% of current and forecasted spend", () => {
      const rules = only(gcp, "google_billing_budget").threshold_rules as Json[];
      expect(rules.map((r) => `${r.spend_basis}:${r.threshold_percent}`)).toEqual([
        "CURRENT_SPEND:0.5",
        "CURRENT_SPEND:0.8",
        "CURRENT_SPEND:1",
        "FORECASTED_SPEND:0.5",
        "FORECASTED_SPEND:0.8",
        "FORECASTED_SPEND:1",
      ]);
    });

    test("alerts go to one email channel per address; the APIs are enabled first", () => {
      const channels = Object.values(gcp.resource.google_monitoring_notification_channel as Record<string, Json>);
      // The budget's two addresses, and the example's monitoring address for the idle-GPU alert.
      expect(channels.map((c) => c.labels.email_address).sort()).toEqual(["finops@acme.example", "gpu-alerts@acme.example", "ml-leads@acme.example"]);
      expect(channels.every((c) => c.type === "email")).toBe(true);
      const b = only(gcp, "google_billing_budget");
      expect(b.all_updates_rule.monitoring_notification_channels).toHaveLength(2);
      const services = Object.entries(gcp.resource.google_project_service as Record<string, Json>);
      const billing = services.find(([, s]) => s.service === "billingbudgets.googleapis.com")!;
      expect(billing[1]).toMatchObject({ project: "acme-ml-prod", disable_on_destroy: false });
      expect(b.depends_on).toEqual([`google_project_service.${billing[0]}`]);
      expect(services.map(([, s]) => s.service)).toContain("monitoring.googleapis.com");
    });
  });
});
