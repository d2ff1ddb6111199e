/** The accelerator table of the README, generated from the catalog. */
import { ACCELERATOR_IDS, ACCELERATORS, type CloudAccelerator } from "./accelerators";

function offers(cloud: CloudAccelerator | undefined): string {
  if (!cloud || cloud.offers.length === 0) return "not offered";
  return cloud.offers.map((o) => `${o.gpusPerNode}: \`${o.instanceType}\``).join(", ");
}

/** One row per accelerator: GPU memory, then GPUs per node and the instance or machine type on each cloud. */
export function acceleratorTableMarkdown(): string {
  const lines = ["| id | GPU memory | AWS (GPUs: instance type) | GCP (GPUs: machine type) | MIG |", "|---|---|---|---|---|"];
  for (const id of ACCELERATOR_IDS) {
    const a = ACCELERATORS[id];
    lines.push(`| \`${id}\` | ${a.memoryGiB} GiB | ${offers(a.aws)} | ${offers(a.gcp)} | ${a.mig ? "yes" : "no"} |`);
  }
  return lines.join("\n");
}
