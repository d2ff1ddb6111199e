/**
 * Team GPU queues with Kueue, the same on both clouds.
 *
 * - `KueueInstall` (in the `-k8s` stack): the official Kueue Helm chart, pinned, which
 *   installs the CRDs, the controller and its webhooks in `kueue-system`.
 * - `TeamQueues` (in the `-k8s-custom` stack, planned after the chart is installed, because
 *   `kubernetes_manifest` needs a resource's CRD at plan time):
 *   - a ResourceFlavor per accelerator of the spec's GPU pools, selecting the nodes by the
 *     `ai-platform.io/accelerator` label every GPU pool carries and tolerating the GPU
 *     taint (Kueue adds the flavor's node labels and tolerations to the pods it admits);
 *   - a `default-flavor` for CPU and memory;
 *   - a ClusterQueue `team-<team>` per team whose nominal GPU quota per flavor follows
 *     `teams[].gpuQuota`, all in one cohort so idle GPUs are lent, with
 *     `borrowingLimit` from `teams[].gpuBorrowLimit`; preemption reclaims a team's
 *     nominal share from borrowers (`reclaimWithinCohort: Any`) and orders the team's own
 *     work by priority (`withinClusterQueue: LowerPriority`);
 *   - a LocalQueue `<team>` in each team namespace. A job joins it with the label
 *     `kueue.x-k8s.io/queue-name: <team>`.
 *
 * Sources (checked 2026-12):
 * - Chart and image: kubernetes-sigs/kueue v0.19.2, charts/kueue/Chart.yaml (version
 *   0.19.2) and charts/kueue/README.md (`helm install kueue
 *   oci://registry.k8s.io/kueue/charts/kueue --version="0.19.2" --namespace kueue-system`);
 *   image registry.k8s.io/kueue/kueue.
 * - API kueue.x-k8s.io/v1beta2 field names: apis/kueue/v1beta2/clusterqueue_types.go
 *   (`cohortName`, `resourceGroups[].coveredResources`, `flavors[].resources[].nominalQuota`,
 *   `borrowingLimit`, `namespaceSelector`, `preemption`), resourceflavor_types.go
 *   (`nodeLabels`, `tolerations`), localqueue_types.go (`clusterQueue`).
 * - Semantics: site/content/en/docs/concepts/cluster_queue.md (cohort borrowing, preemption
 *   `reclaimWithinCohort`, `withinClusterQueue`) and resource_flavor.md (tolerations are
 *   added to admitted pods).
 */
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import { ACCELERATOR_IDS, type AcceleratorId } from "../catalog/accelerators";
import { GPU_ACCELERATOR_LABEL, GPU_TAINT } from "../spec/contracts";
import type { PlatformSpec, TeamSpec } from "../spec/schema";
import { gpuQuotaFor, totalGpuQuota } from "../spec/spend";
import { TEAM_LABEL } from "./constants";
import { GPU_RESOURCE, QUOTA_FORMULA } from "./quotas";

/** The pinned Kueue chart. */
export const KUEUE_CHART = {
  repository: "oci://registry.k8s.io/kueue/charts",
  chart: "kueue",
  version: "0.19.2",
} as const;
/** The controller image of that release (set explicitly, not left to the chart's defaults). */
export const KUEUE_IMAGE = { repository: "registry.k8s.io/kueue/kueue", tag: "v0.19.2" } as const;
export const KUEUE_NAMESPACE = "kueue-system";
export const KUEUE_API_VERSION = "kueue.x-k8s.io/v1beta2";
/** The cohort every team's ClusterQueue belongs to. */
export const TEAM_COHORT = "ai-platform-teams";
/** The flavor of CPU and memory (no node selection). */
export const DEFAULT_FLAVOR = "default-flavor";
/** The label a job sets to join a LocalQueue. */
export const QUEUE_NAME_LABEL = "kueue.x-k8s.io/queue-name";

/** Name of a team's ClusterQueue. */
export const clusterQueueName = (team: string): string => `team-${team}`;
/** Name of a team's LocalQueue (in the team's namespace). */
export const localQueueName = (team: string): string => team;

/** The accelerators of the spec's GPU pools, in catalogue order (one flavor each). */
export function poolAccelerators(spec: Pick<PlatformSpec, "gpuPools">): AcceleratorId[] {
  const used = new Set(spec.gpuPools.map((p) => p.accelerator));
  return ACCELERATOR_IDS.filter((a) => used.has(a));
}

/**
 * GPUs (time-slicing slices on shared pools) of one accelerator the spec's pools hold at
 * their maxima: the most any queue can be admitted for.
 */
export function poolCapacity(spec: Pick<PlatformSpec, "gpuPools">, accelerator: AcceleratorId): number {
  return spec.gpuPools
    .filter((p) => p.accelerator === accelerator)
    .reduce((a, p) => a + p.maxNodes * p.gpusPerNode * (p.sharing?.mode === "time-slicing" ? p.sharing.replicas : 1), 0);
}

/**
 * The hard GPU cap of a team's namespace ResourceQuota. Without queues it is the team's
 * total `gpuQuota`. With queues it is what the team's ClusterQueue can hold: per flavor its
 * nominal quota plus what it may borrow (`gpuBorrowLimit`; without one, up to the pools'
 * capacity), so the ResourceQuota never rejects pods of a workload the queue admitted. It
 * depends on the team and the pools only, so adding a team changes no other team's quota.
 */
export function teamGpuCeiling(spec: Pick<PlatformSpec, "gpuPools" | "queues">, team: TeamSpec): number {
  if (!spec.queues.enabled) return totalGpuQuota(team.gpuQuota);
  return poolAccelerators(spec).reduce((sum, acc) => {
    const nominal = gpuQuotaFor(team.gpuQuota, acc);
    const capacity = poolCapacity(spec, acc);
    const reach = team.gpuBorrowLimit === undefined ? capacity : Math.min(capacity, nominal + team.gpuBorrowLimit);
    return sum + Math.max(nominal, reach);
  }, 0);
}

type Obj = Record<string, unknown>;

/** The Kueue objects of the spec, as Kubernetes manifests, in a stable order (the same on every cloud). */
export function teamQueueManifests(spec: PlatformSpec, labels: Readonly<Record<string, string>>): Obj[] {
  const accelerators = poolAccelerators(spec);
  const meta = (name: string, namespace?: string): Obj => ({ name, ...(namespace ? { namespace } : {}), labels: { ...labels } });
  const flavors: Obj[] = [
    { apiVersion: KUEUE_API_VERSION, kind: "ResourceFlavor", metadata: meta(DEFAULT_FLAVOR), spec: {} },
    ...accelerators.map((acc) => ({
      apiVersion: KUEUE_API_VERSION,
      kind: "ResourceFlavor",
      metadata: meta(acc),
      spec: {
        nodeLabels: { [GPU_ACCELERATOR_LABEL]: acc },
        // GKE taints GPU nodes nvidia.com/gpu=present, the platform nvidia.com/gpu=true: Exists covers both.
        tolerations: [{ key: GPU_TAINT.key, operator: "Exists", effect: GPU_TAINT.effect }],
      },
    })),
  ];
  const queues = spec.teams.flatMap((team): Obj[] => {
    const g = totalGpuQuota(team.gpuQuota);
    const resourceGroups: Obj[] = [
      {
        coveredResources: ["cpu", "memory"],
        flavors: [
          {
            name: DEFAULT_FLAVOR,
            resources: [
              { name: "cpu", nominalQuota: String(QUOTA_FORMULA.cpu.base + QUOTA_FORMULA.cpu.perGpu * g) },
              { name: "memory", nominalQuota: `${QUOTA_FORMULA.memoryGiB.base + QUOTA_FORMULA.memoryGiB.perGpu * g}Gi` },
            ],
          },
        ],
      },
    ];
    if (accelerators.length > 0) {
      resourceGroups.push({
        coveredResources: [GPU_RESOURCE],
        flavors: accelerators.map((acc) => ({
          name: acc,
          resources: [
            {
              name: GPU_RESOURCE,
              nominalQuota: String(gpuQuotaFor(team.gpuQuota, acc)),
              ...(team.gpuBorrowLimit === undefined ? {} : { borrowingLimit: String(team.gpuBorrowLimit) }),
            },
          ],
        })),
      });
    }
    return [
      {
        apiVersion: KUEUE_API_VERSION,
        kind: "ClusterQueue",
        metadata: meta(clusterQueueName(team.name)),
        spec: {
          cohortName: TEAM_COHORT,
          namespaceSelector: { matchLabels: { [TEAM_LABEL]: team.name } },
          queueingStrategy: "BestEffortFIFO",
          resourceGroups,
          preemption: { reclaimWithinCohort: "Any", withinClusterQueue: "LowerPriority" },
        },
      },
      {
        apiVersion: KUEUE_API_VERSION,
        kind: "LocalQueue",
        metadata: meta(localQueueName(team.name), team.name),
        spec: { clusterQueue: clusterQueueName(team.name) },
      },
    ];
  });
  return [...flavors, ...queues];
}

/** Props of {@link KueueInstall}. */
export interface KueueInstallProps {
  /** Priority class of the controller (the platform's system-critical class). @default - none */
  readonly priorityClassName?: string;
}

/** The Kueue Helm release (CRDs, controller, webhooks) in `kueue-system`. */
export class KueueInstall extends Construct {
  /** The `helm_release`. */
  public readonly resource: Release;

  constructor(scope: Construct, id: string, props: KueueInstallProps = {}) {
    super(scope, id);
    const values = {
      controllerManager: {
        manager: {
          image: { repository: KUEUE_IMAGE.repository, tag: KUEUE_IMAGE.tag, pullPolicy: "IfNotPresent" },
          ...(props.priorityClassName ? { priorityClassName: props.priorityClassName } : {}),
        },
      },
    };
    this.resource = new Release(this, "Resource", {
      name: "kueue",
      namespace: KUEUE_NAMESPACE,
      createNamespace: true,
      repository: KUEUE_CHART.repository,
      chart: KUEUE_CHART.chart,
      version: KUEUE_CHART.version,
      values: [JSON.stringify(values)],
      // Wait until the controller and its webhooks are ready, so the queue objects of the
      // next stack are admitted.
      wait: true,
      timeout: 600,
    });
  }
}

/** Props of {@link TeamQueues}. */
export interface TeamQueuesProps {
  readonly spec: PlatformSpec;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The Kueue objects as `kubernetes_manifest` resources. Construct ids derive from names:
 * `Flavor-<name>`, `ClusterQueue-<team>`, `LocalQueue-<team>`.
 */
export class TeamQueues extends Construct {
  /** The manifests, in the order of {@link teamQueueManifests}. */
  public readonly manifests: readonly Obj[];

  constructor(scope: Construct, id: string, props: TeamQueuesProps) {
    super(scope, id);
    this.manifests = teamQueueManifests(props.spec, props.labels);
    for (const m of this.manifests) {
      const md = m.metadata as { name: string; namespace?: string };
      const kind = m.kind === "ResourceFlavor" ? "Flavor" : (m.kind as string);
      const name = m.kind === "LocalQueue" ? md.namespace! : m.kind === "ClusterQueue" ? md.name.replace(/^team-/, "") : md.name;
      new Manifest(this, `${kind}-${name}`, { manifest: m });
    }
  }
}
