/**
 * Worst-case GPU spend of a spec: every GPU pool at its `maxNodes`, around the clock, on
 * each target, priced from the table in prices.ts. Pure: no network, no cloud calls.
 */
import type { Cloud } from "../spec/clouds";
import type { GpuPoolSpec, PlatformSpec, TeamSpec } from "../spec/schema";
import { gpuQuotaFor, totalGpuQuota } from "../spec/spend";
import type { AcceleratorId } from "./accelerators";
import { HOURS_PER_MONTH, instancePrice, PRICE_SOURCES, type InstancePrice } from "./prices";
import { resolveAccelerator } from "./resolve";

/** USD on demand and as spot. */
export interface OnDemandAndSpot {
  readonly onDemand: number;
  readonly spot: number;
}

/** One pool's worst case on one target. */
export interface PoolSpend {
  readonly pool: string;
  readonly accelerator: AcceleratorId;
  /** Instance or machine type; undefined when the accelerator is not offered (validation reports it). */
  readonly instanceType?: string;
  readonly maxNodes: number;
  /** GPUs at maxNodes. */
  readonly gpus: number;
  /** The capacity the pool asks for. */
  readonly capacity: "on-demand" | "spot";
  /** Price of one node; undefined when the table has no verified price. */
  readonly nodePrice?: InstancePrice;
  /** All nodes, per hour and per month; undefined when unpriced. */
  readonly hourly?: OnDemandAndSpot;
  readonly monthly?: OnDemandAndSpot;
  /** Per month at the pool's own capacity (spot pools at spot prices). */
  readonly worstMonthly?: number;
}

/** One team's nominal quota, each accelerator priced at its dearest pool. */
export interface TeamSpend {
  readonly team: string;
  /** Nominal GPUs (teams[].gpuQuota summed over accelerators; a number counts once per accelerator of the pools). */
  readonly gpus: number;
  readonly hourly?: OnDemandAndSpot;
  readonly monthly?: OnDemandAndSpot;
  /** True when some of its GPUs could not be priced. */
  readonly partial: boolean;
}

/** The estimate for one target. */
export interface TargetSpend {
  readonly cloud: Cloud;
  readonly region: string;
  readonly pools: readonly PoolSpend[];
  readonly teams: readonly TeamSpend[];
  /** Sums over the priced pools. */
  readonly hourly: OnDemandAndSpot;
  readonly monthly: OnDemandAndSpot;
  /** Per month with each pool at its own capacity. */
  readonly worstMonthly: number;
  /** Pools without a verified price (the sums leave them out). */
  readonly unpriced: readonly string[];
  readonly priceSource: string;
  readonly priceDate: string;
}

/** The whole estimate. */
export interface SpendEstimate {
  readonly currency: "USD";
  readonly hoursPerMonth: number;
  readonly targets: readonly TargetSpend[];
  readonly budget?: { readonly monthly: number; readonly currency: string };
  /** Budget and coverage warnings (also printed by `validate`). */
  readonly warnings: readonly string[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const times = (p: OnDemandAndSpot, k: number): OnDemandAndSpot => ({ onDemand: round2(p.onDemand * k), spot: round2(p.spot * k) });

function poolSpend(cloud: Cloud, region: string, pool: GpuPoolSpec): PoolSpend {
  const base = {
    pool: pool.name,
    accelerator: pool.accelerator,
    maxNodes: pool.maxNodes,
    gpus: pool.maxNodes * pool.gpusPerNode,
    capacity: pool.spot ? ("spot" as const) : ("on-demand" as const),
  };
  const resolved = resolveAccelerator(cloud, pool.accelerator, pool.gpusPerNode);
  if (!resolved.ok) return base;
  const instanceType = resolved.offer.instanceType;
  const nodePrice = instancePrice(cloud, instanceType, region);
  if (!nodePrice) return { ...base, instanceType };
  const hourly = times(nodePrice, pool.maxNodes);
  const monthly = times(nodePrice, pool.maxNodes * HOURS_PER_MONTH);
  return { ...base, instanceType, nodePrice, hourly, monthly, worstMonthly: pool.spot ? monthly.spot : monthly.onDemand };
}

/** The most expensive per-GPU price (on demand; its spot price beside it) among the priced pools of the accelerators given. */
function dearestGpu(pools: readonly PoolSpend[], accelerators: ReadonlySet<AcceleratorId>): OnDemandAndSpot | undefined {
  let best: OnDemandAndSpot | undefined;
  for (const p of pools) {
    if (!p.nodePrice || !accelerators.has(p.accelerator)) continue;
    const perGpu = { onDemand: p.nodePrice.onDemand / (p.gpus / p.maxNodes), spot: p.nodePrice.spot / (p.gpus / p.maxNodes) };
    if (!best || perGpu.onDemand > best.onDemand) best = perGpu;
  }
  return best;
}

function teamSpend(team: TeamSpec, pools: readonly PoolSpend[]): TeamSpend {
  // A number is that many GPUs of each accelerator of the pools (the queue's nominal quota per flavor).
  const accelerators = [...new Set(pools.map((p) => p.accelerator))];
  const gpus = typeof team.gpuQuota === "number" ? team.gpuQuota * accelerators.length : totalGpuQuota(team.gpuQuota);
  if (gpus === 0) return { team: team.name, gpus, hourly: { onDemand: 0, spot: 0 }, monthly: { onDemand: 0, spot: 0 }, partial: false };
  let hourly: OnDemandAndSpot = { onDemand: 0, spot: 0 };
  let partial = false;
  const quota = team.gpuQuota;
  {
    const wanted = typeof quota === "number" ? accelerators : (Object.keys(quota) as AcceleratorId[]);
    for (const accelerator of wanted) {
      const n = gpuQuotaFor(quota, accelerator);
      if (n === 0) continue;
      const price = dearestGpu(pools, new Set([accelerator]));
      if (!price) {
        partial = true;
        continue;
      }
      hourly = { onDemand: hourly.onDemand + price.onDemand * n, spot: hourly.spot + price.spot * n };
    }
  }
  if (partial && hourly.onDemand === 0) return { team: team.name, gpus, partial };
  return { team: team.name, gpus, hourly: times(hourly, 1), monthly: times(hourly, HOURS_PER_MONTH), partial };
}

/** The worst-case GPU spend of every target of the spec. */
export function estimateSpend(spec: PlatformSpec): SpendEstimate {
  const targets = spec.targets.map((t): TargetSpend => {
    const pools = spec.gpuPools.map((p) => poolSpend(t.cloud, t.region, p));
    const priced = pools.filter((p) => p.hourly && p.monthly);
    const sum = (pick: (p: PoolSpend) => OnDemandAndSpot | undefined): OnDemandAndSpot =>
      times(
        priced.reduce((a, p) => ({ onDemand: a.onDemand + pick(p)!.onDemand, spot: a.spot + pick(p)!.spot }), { onDemand: 0, spot: 0 }),
        1,
      );
    return {
      cloud: t.cloud,
      region: t.region,
      pools,
      teams: spec.teams.map((team) => teamSpend(team, pools)),
      hourly: sum((p) => p.hourly),
      monthly: sum((p) => p.monthly),
      worstMonthly: round2(priced.reduce((a, p) => a + (p.worstMonthly ?? 0), 0)),
      unpriced: pools.filter((p) => !p.hourly).map((p) => p.pool),
      priceSource: PRICE_SOURCES[t.cloud].source,
      priceDate: PRICE_SOURCES[t.cloud].date,
    };
  });
  return {
    currency: "USD",
    hoursPerMonth: HOURS_PER_MONTH,
    targets,
    ...(spec.budget ? { budget: { monthly: spec.budget.monthly, currency: spec.budget.currency } } : {}),
    warnings: spendWarnings(spec, targets),
  };
}

const usd = (n: number): string => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function spendWarnings(spec: PlatformSpec, targets: readonly TargetSpend[]): string[] {
  const warnings: string[] = [];
  for (const t of targets) {
    const where = `${t.cloud} ${t.region}`;
    if (t.unpriced.length > 0) {
      const pools = t.unpriced.map((name) => {
        const p = t.pools.find((x) => x.pool === name)!;
        return `${name} (${p.instanceType ?? p.accelerator})`;
      });
      warnings.push(`${where}: no verified price for ${pools.join(", ")}; the totals leave ${t.unpriced.length === 1 ? "it" : "them"} out and are a lower bound`);
    }
    if (!spec.budget) continue;
    if (spec.budget.currency !== "USD") {
      warnings.push(`${where}: budget.currency is ${spec.budget.currency}; the estimate is in USD and is not compared with budget.monthly`);
    } else if (t.worstMonthly > spec.budget.monthly) {
      warnings.push(
        `${where}: worst-case GPU spend ${usd(t.worstMonthly)} USD/month (every pool at maxNodes) exceeds budget.monthly ${usd(spec.budget.monthly)} USD; lower gpuPools[].maxNodes or raise the budget`,
      );
    }
  }
  return warnings;
}

/** The warnings `validate` prints for a valid spec (exit code stays 0). */
export function budgetWarnings(spec: PlatformSpec): string[] {
  return estimateSpend(spec).warnings.filter((w) => w.includes("exceeds budget.monthly"));
}

/** A plain-text report: one table per target, then the warnings. */
export function formatSpendTable(estimate: SpendEstimate): string {
  const out: string[] = [];
  for (const t of estimate.targets) {
    out.push(`${t.cloud} ${t.region}: worst case, every GPU pool at maxNodes, 24h a day (USD; ${estimate.hoursPerMonth} h/month)`);
    const rows: string[][] = [["pool", "instance", "nodes", "GPUs", "capacity", "on-demand/h", "spot/h", "on-demand/month", "spot/month"]];
    for (const p of t.pools) {
      rows.push([
        p.pool,
        p.instanceType ?? "(not offered)",
        String(p.maxNodes),
        String(p.gpus),
        p.capacity,
        p.hourly ? usd(p.hourly.onDemand) : "no verified price",
        p.hourly ? usd(p.hourly.spot) : "-",
        p.monthly ? usd(p.monthly.onDemand) : "-",
        p.monthly ? usd(p.monthly.spot) : "-",
      ]);
    }
    rows.push(["total", "", "", "", "", usd(t.hourly.onDemand), usd(t.hourly.spot), usd(t.monthly.onDemand), usd(t.monthly.spot)]);
    out.push(...table(rows), `  at each pool's own capacity: ${usd(t.worstMonthly)} USD/month`);
    if (t.teams.length > 0) {
      const teamRows: string[][] = [["team quota", "GPUs", "on-demand/month", "spot/month"]];
      for (const team of t.teams) {
        teamRows.push([
          team.team + (team.partial ? " (partly unpriced)" : ""),
          String(team.gpus),
          team.monthly ? usd(team.monthly.onDemand) : "no verified price",
          team.monthly ? usd(team.monthly.spot) : "-",
        ]);
      }
      out.push(...table(teamRows));
    }
    out.push(`  prices: ${t.priceSource}, read ${t.priceDate}`, "");
  }
  if (estimate.budget) out.push(`budget.monthly: ${usd(estimate.budget.monthly)} ${estimate.budget.currency} per target`);
  for (const w of estimate.warnings) out.push(`warning: ${w}`);
  return out.join("\n").replace(/\n+$/, "");
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => "  " + r.map((cell, c) => (c < 2 || c === 4 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
}
