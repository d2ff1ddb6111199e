/** The specs the benchmark synthesizes besides the default example. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { readSpecFile } from "../lib/spec/load";
import type { PlatformSpecInput } from "../lib/spec/schema";

/** A spec on the example's targets, with `teams` teams and `pools` GPU pools. */
export function scaledSpec(example: string, teams: number, pools: number): PlatformSpecInput {
  const base = readSpecFile(example);
  return {
    name: "bench",
    residency: base.residency,
    targets: base.targets,
    deployers: base.deployers,
    network: { cidr: base.network.cidr },
    gpuPools: Array.from({ length: pools }, (_, i) => ({ name: `pool-${i + 1}`, accelerator: "nvidia-l4" as const, gpusPerNode: 1, maxNodes: 4, spot: i % 2 === 0 })),
    dataLake: { zones: base.dataLake.zones },
    teams: Array.from({ length: teams }, (_, i) => ({
      name: `team-${i + 1}`,
      gpuQuota: 4,
      data: { [base.dataLake.zones[0]!]: "read" as const, [base.dataLake.zones[1]!]: "write" as const },
      models: i % 2 ? ("consume" as const) : ("publish" as const),
      members: { admins: { aws: [`arn:aws:iam::111122223333:role/team-${i + 1}-lead`], gcp: [`group:team-${i + 1}@acme.example`] } },
    })),
  };
}

/** The example with its AWS targets only. */
export function awsOnlySpec(example: string): PlatformSpecInput {
  const input = parse(readFileSync(example, "utf8")) as PlatformSpecInput;
  const targets = input.targets.filter((t) => t.cloud === "aws");
  if (targets.length === 0) throw new Error(`${example} has no AWS target`);
  return { ...input, targets };
}
