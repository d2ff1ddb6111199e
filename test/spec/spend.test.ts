import { validateSpec } from "../../lib/spec/validate";
import { gpuQuotaFor, totalGpuQuota } from "../../lib/spec/spend";
import { withChange } from "./fixtures";

function problems(input: unknown): { path: string; message: string }[] {
  const r = validateSpec(input);
  return r.ok ? [] : r.problems.map((p) => ({ path: p.path, message: p.message }));
}

describe("spend fields of the spec", () => {
  test("default: no budget", () => {
    const r = validateSpec(withChange(() => {}));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.spec.budget).toBeUndefined();
  });

  test("accepts a per-accelerator gpuQuota", () => {
    const r = validateSpec(
      withChange((s) => {
        s.teams[0].gpuQuota = { "nvidia-l4": 4, "nvidia-h100-80gb": 8 };
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(totalGpuQuota(r.spec.teams[0]!.gpuQuota)).toBe(12);
    expect(gpuQuotaFor(r.spec.teams[0]!.gpuQuota, "nvidia-h100-80gb")).toBe(8);
    expect(gpuQuotaFor(8, "nvidia-l4")).toBe(8);
  });

  test("fails when a gpuQuota accelerator has no pool, naming the pools' accelerators", () => {
    expect(problems(withChange((s) => (s.teams[0].gpuQuota = { "nvidia-a100-80gb": 4 })))).toContainEqual({
      path: "teams[0].gpuQuota.nvidia-a100-80gb",
      message: "no GPU pool has accelerator nvidia-a100-80gb (pools offer: nvidia-l4, nvidia-h100-80gb); quota a pool's accelerator or add a pool",
    });
  });

  test("fails when a gpuQuota entry is negative or the accelerator is unknown", () => {
    expect(problems(withChange((s) => (s.teams[0].gpuQuota = { "nvidia-l4": -1 }))).map((p) => p.path).join(" ")).toContain("teams[0].gpuQuota");
    expect(problems(withChange((s) => (s.teams[0].gpuQuota = { "nvidia-x": 1 }))).map((p) => p.path).join(" ")).toContain("teams[0].gpuQuota");
  });

  test("fails when a budget with gcp targets has no billing account", () => {
    expect(problems(withChange((s) => (s.budget = { monthly: 1000, alertEmails: ["finops@acme.example"] })))).toContainEqual({
      path: "budget.gcpBillingAccount",
      message: "is required with gcp targets: the budget is created on the billing account that pays for the projects (e.g. 012345-6789AB-CDEF01)",
    });
  });

  test("fails when a budget has no alert emails, more than five, or a bad billing account", () => {
    const paths = (b: unknown) => problems(withChange((s) => (s.budget = b))).map((p) => p.path);
    expect(paths({ monthly: 1000, alertEmails: [], gcpBillingAccount: "012345-6789AB-CDEF01" })).toContain("budget.alertEmails");
    expect(paths({ monthly: 1000, alertEmails: ["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io", "f@x.io"], gcpBillingAccount: "012345-6789AB-CDEF01" })).toContain(
      "budget.alertEmails",
    );
    expect(paths({ monthly: 1000, alertEmails: ["a@x.io"], gcpBillingAccount: "billing-1" })).toContain("budget.gcpBillingAccount");
    expect(paths({ monthly: 0, alertEmails: ["a@x.io"], gcpBillingAccount: "012345-6789AB-CDEF01" })).toContain("budget.monthly");
  });
});
