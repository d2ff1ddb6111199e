/**
 * Hourly list prices (USD, Linux, no discounts) of the catalogue's GPU node shapes, per
 * cloud and region, for the worst-case spend estimate (`ai-platform cost`).
 *
 * Only the rows below were read at their source; every other shape or region has no
 * price here, and the estimate says so instead of guessing. Prices change: when a row
 * is updated, update its source and date with it.
 *
 * AWS (on-demand and spot, USD per instance-hour). Source: the EC2 price list and spot
 * price history as captured in SkyPilot's catalogue, `catalogs/v7/aws/vms.csv`
 * (skypilot-org/skypilot-catalog, commit 001367d22a0033fac286a8c71aeac7109e431bcb),
 * read 2026-12. Spot is the highest zone price of the region in that snapshot (spot
 * prices move; an AWS spot instance never costs more than the on-demand price, which
 * is the default maximum price). p5.48xlarge had no eu-central-1 row in that snapshot.
 *   https://github.com/skypilot-org/skypilot-catalog/blob/master/catalogs/v7/aws/vms.csv
 *   https://aws.amazon.com/ec2/pricing/on-demand/  (the price list it is generated from)
 *
 * GCP (on-demand and spot, USD per VM-hour, machine and its attached GPUs together).
 * Source: the Cloud Billing Catalog API prices as compiled in
 * Cyclenerd/google-cloud-pricing-cost-calculator `pricing.yml` (commit
 * 0166a59ebba7c36f2cc8c931d9f258dcebc44776, generated 2025-03-06), read 2026-12.
 * Spot VM prices are dynamic and may change up to once every 30 days.
 *   https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator/blob/master/pricing.yml
 *   https://cloud.google.com/compute/gpus-pricing  (the prices it is generated from)
 *
 * A month is 730 hours, as in both clouds' pricing calculators.
 */
import type { Cloud } from "../spec/clouds";

/** Hours in a month for monthly estimates (the clouds' calculators use 730). */
export const HOURS_PER_MONTH = 730;

/** One price row. */
export interface InstancePrice {
  /** USD per instance-hour on demand. */
  readonly onDemand: number;
  /** USD per instance-hour as spot (snapshot). */
  readonly spot: number;
}

/** Where the prices of a cloud come from, shown beside every estimate. */
export const PRICE_SOURCES: Readonly<Record<Cloud, { readonly source: string; readonly date: string }>> = {
  aws: {
    source:
      "EC2 price list and spot price history via skypilot-org/skypilot-catalog catalogs/v7/aws/vms.csv @001367d2 (spot: highest zone price in the region)",
    date: "2026-12",
  },
  gcp: {
    source: "Cloud Billing Catalog API via Cyclenerd/google-cloud-pricing-cost-calculator pricing.yml @0166a59e (generated 2025-03-06)",
    date: "2026-12",
  },
};

type Table = Readonly<Record<string, Readonly<Record<string, InstancePrice>>>>;

const p = (onDemand: number, spot: number): InstancePrice => ({ onDemand, spot });

/** AWS: instance type -> region -> price. */
const AWS_PRICES: Table = {
  "g5.xlarge": { "eu-central-1": p(1.258, 0.5144) },
  "g6.xlarge": { "eu-central-1": p(1.0064, 0.3708), "us-east-1": p(0.8048, 0.4173) },
  "g6e.12xlarge": { "eu-central-1": p(13.12002, 5.778), "us-east-1": p(10.49264, 6.0265) },
  "g6e.48xlarge": { "eu-central-1": p(37.67612, 10.2901), "us-east-1": p(30.13118, 10.8041) },
  "p4d.24xlarge": { "eu-central-1": p(40.94475, 18.213), "us-east-1": p(32.7726, 9.6107) },
  "p4de.24xlarge": { "us-east-1": p(40.96575, 7.8074) },
  "p5.48xlarge": { "us-east-1": p(98.32, 30.326) },
};

/** GCP: machine type -> region -> price (GPUs included). */
const GCP_PRICES: Table = {
  "g2-standard-4": { "europe-west4": p(0.742916046, 0.253236), "us-central1": p(0.706832255, 0.279932) },
  "g2-standard-48": { "europe-west4": p(4.205950264, 1.506832), "us-central1": p(4.001665148, 1.574384) },
  "a2-highgpu-1g": { "europe-west4": p(3.747972, 1.44587), "us-central1": p(3.673385, 1.293355) },
  "a2-highgpu-2g": { "europe-west4": p(7.495944, 2.89174), "us-central1": p(7.34677, 2.58671) },
  "a3-highgpu-4g": { "europe-west4": p(56.2702395876164, 15.8796025205479), "us-central1": p(44.2449999512877, 17.6978748493151) },
  "a3-highgpu-8g": { "europe-west4": p(112.540479175233, 31.7592050410959), "us-central1": p(88.4899999025753, 35.3957496986301) },
};

/** The price of an instance type in a region, or undefined when the table has no verified row. */
export function instancePrice(cloud: Cloud, instanceType: string, region: string): InstancePrice | undefined {
  const table = cloud === "aws" ? AWS_PRICES : GCP_PRICES;
  return table[instanceType]?.[region];
}
