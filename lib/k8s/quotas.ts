import { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { Construct } from "constructs";
import type { TeamSpec } from "../spec/schema";
import { totalGpuQuota } from "../spec/spend";

/** The extended resource the NVIDIA device plugin (EKS) and GKE advertise for GPUs. */
export const GPU_RESOURCE = "nvidia.com/gpu";

/**
 * How a team's quota scales with its GPU quota `G` (every value is `base + perGpu * G`).
 *
 * - CPU and memory: a base for GPU-less work (notebooks, data preparation, serving
 *   front ends) plus what one GPU is usually paired with. Catalog shapes pair a GPU with
 *   4-26 vCPUs and 16-256 GiB (g6.xlarge: 4 vCPU/16 GiB per L4; p5.48xlarge and
 *   a3-highgpu-8g: 24-26 vCPU and ~230-256 GiB per H100); 16 vCPU and 128 GiB per GPU
 *   lets a full 8-GPU job fit without reserving a whole large node per GPU.
 * - Only requests are capped, not limits: see {@link CONTAINER_DEFAULTS} for why there
 *   are no default limits, and without default limits a quota on `limits.*` would reject
 *   every pod that sets none. Requests are what the scheduler reserves, so they are what
 *   teams share; usage above requests is reclaimed by the kubelet under pressure.
 * - Object counts grow with GPUs so that a larger team can run more jobs and pods.
 */
export const QUOTA_FORMULA = {
  cpu: { base: 8, perGpu: 16 },
  memoryGiB: { base: 32, perGpu: 128 },
  pods: { base: 50, perGpu: 20 },
  jobs: { base: 50, perGpu: 25 },
  storageGiB: { base: 500, perGpu: 250 },
} as const;

/** Fixed counts in every team quota. */
export const QUOTA_FIXED = {
  services: 20,
  /** A team cannot expose a public or internal cloud load balancer on its own. */
  "services.loadbalancers": 0,
  /** Nor open ports on every node. */
  "services.nodeports": 0,
  persistentvolumeclaims: 30,
  configmaps: 100,
  secrets: 100,
  "count/cronjobs.batch": 20,
  "count/deployments.apps": 50,
  "count/statefulsets.apps": 20,
} as const;

/**
 * The `hard` limits of a team's ResourceQuota: deterministic from the team spec, the
 * same on every cloud.
 *
 * GPUs are capped by `requests.nvidia.com/gpu` only. Kubernetes does not overcommit
 * extended resources, so a quota may only name them with the `requests.` prefix; a
 * `limits.nvidia.com/gpu` item is not allowed.
 * https://kubernetes.io/docs/concepts/policy/resource-quotas/#resource-quota-for-extended-resources
 *
 * Under time-slicing (EKS device plugin replicas, GKE time-sharing) each request is one
 * slice of a GPU, so the quota counts slices on shared pools and whole GPUs elsewhere.
 *
 * `gpuCeiling` (default: the team's total `gpuQuota`) is the hard cap. With team queues
 * it is the nominal quota plus what the team may borrow (see `teamGpuCeiling`), so that
 * pods of a workload the queue admitted on borrowed GPUs are not rejected here.
 */
export function teamQuotaHard(team: Pick<TeamSpec, "gpuQuota">, gpuCeiling?: number): Record<string, string> {
  const g = gpuCeiling ?? totalGpuQuota(team.gpuQuota);
  const f = QUOTA_FORMULA;
  const cpu = f.cpu.base + f.cpu.perGpu * g;
  const mem = f.memoryGiB.base + f.memoryGiB.perGpu * g;
  const hard: Record<string, string> = {
    [`requests.${GPU_RESOURCE}`]: String(g),
    "requests.cpu": String(cpu),
    "requests.memory": `${mem}Gi`,
    "requests.storage": `${f.storageGiB.base + f.storageGiB.perGpu * g}Gi`,
    pods: String(f.pods.base + f.pods.perGpu * g),
    "count/jobs.batch": String(f.jobs.base + f.jobs.perGpu * g),
  };
  for (const [k, v] of Object.entries(QUOTA_FIXED)) hard[k] = String(v);
  return hard;
}

/**
 * Default requests for containers that set none. A quota on `requests.cpu` and
 * `requests.memory` rejects pods whose containers do not set them; the defaults fill them
 * in, so such pods are admitted and counted against the quota.
 *
 * No default limits: a default limit applies to every container that sets a request but
 * no limit, and a request above that default makes the pod invalid ("must be less than or
 * equal to cpu limit"), which would reject exactly the large GPU jobs that ask for many
 * CPUs without a limit. No GPU default either: a container gets a GPU only by asking.
 * https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export const CONTAINER_DEFAULTS = {
  defaultRequest: { cpu: "250m", memory: "512Mi" },
} as const;

/** Props of {@link TeamQuota}. */
export interface TeamQuotaProps {
  /** The team's namespace (a name or a reference to the namespace resource's name). */
  readonly namespace: string;
  readonly team: TeamSpec;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Hard cap on GPU requests in the namespace (and the base of the CPU, memory and
   * object counts).
   * @default - the team's total gpuQuota
   */
  readonly gpuCeiling?: number;
}

/** A team's ResourceQuota (`team-quota`) and LimitRange (`team-defaults`). */
export class TeamQuota extends Construct {
  /** The `kubernetes_resource_quota_v1`. */
  public readonly resource: ResourceQuotaV1;
  /** The `kubernetes_limit_range_v1`. */
  public readonly limitRange: LimitRangeV1;
  /** The quota's hard limits. */
  public readonly hard: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: TeamQuotaProps) {
    super(scope, id);
    this.hard = teamQuotaHard(props.team, props.gpuCeiling);
    this.resource = new ResourceQuotaV1(this, "Resource", {
      metadata: { name: "team-quota", namespace: props.namespace, labels: { ...props.labels } },
      spec: { hard: { ...this.hard } },
    });
    this.limitRange = new LimitRangeV1(this, "LimitRange", {
      metadata: { name: "team-defaults", namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        limit: [
          {
            type: "Container",
            defaultRequest: { ...CONTAINER_DEFAULTS.defaultRequest },
          },
        ],
      },
    });
  }
}
