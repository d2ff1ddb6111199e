/**
 * The in-cluster layer, identical on both clouds: team namespaces with quotas, limit
 * ranges, network policies, RBAC and workload service accounts; auditors and admins;
 * priority classes; and, on EKS only, the NVIDIA device plugin and the cluster
 * autoscaler.
 *
 * Cloud-neutral: nothing here imports `lib/aws`, `lib/gcp` or a cloud provider package.
 * Cloud specifics arrive as props. The kubernetes provider is created by the stack.
 */
import { Construct } from "constructs";
import type { Cloud } from "../spec/clouds";
import type { PlatformSubjects } from "../spec/contracts";
import type { PlatformSpec } from "../spec/schema";
import { PlatformAdmins, PlatformAuditors } from "./auditors";
import { ClusterAutoscaler } from "./cluster-autoscaler";
import { commonLabels } from "./constants";
import { NvidiaDevicePlugin } from "./gpu-runtime";
import { DcgmExporter } from "./gpu-metrics";
import { KueueInstall, teamGpuCeiling } from "./kueue";
import { PriorityClasses } from "./priority-classes";
import { DefaultStorageClass, type DefaultStorageClassOptions } from "./storage";
import { TeamRoles } from "./rbac";
import { TeamNamespace } from "./team-namespace";

export * from "./constants";
export * from "./auditors";
export * from "./cluster-autoscaler";
export * from "./gpu-metrics";
export * from "./gpu-runtime";
export * from "./kueue";
export * from "./network-policies";
export * from "./priority-classes";
export * from "./quotas";
export { READ, TEAM_ROLE_RULES, TeamRbac, TeamRoles, WRITE, type PolicyRule, type TeamRbacProps, type TeamRolesProps } from "./rbac";
export { DEFAULT_STORAGE_CLASS_ANNOTATION, DefaultStorageClass, type DefaultStorageClassOptions, type DefaultStorageClassProps } from "./storage";
export * from "./team-namespace";

/** How GPUs are exposed to pods. */
export type GpuRuntime =
  /** EKS: deploy the NVIDIA device plugin (pinned image) with per-pool time-slicing config. */
  | { readonly kind: "nvidia-device-plugin"; /** @default NVIDIA_DEVICE_PLUGIN_IMAGE */ readonly image?: string }
  /** GKE: drivers and device plugin are managed by GKE, sharing is set on the node pool; nothing is deployed. */
  | { readonly kind: "gke-managed" };

/** Props of {@link KubernetesPlatform}. */
export interface KubernetesPlatformProps {
  readonly spec: PlatformSpec;
  readonly cloud: Cloud;
  /** RBAC subjects per team persona, auditors, admins. */
  readonly subjects: PlatformSubjects;
  /** Annotations for each team's Kubernetes service account (GKE: iam.gke.io/gcp-service-account; EKS Pod Identity: none). */
  readonly teamServiceAccountAnnotations: (team: string) => Readonly<Record<string, string>>;
  /** EKS: deploy the NVIDIA device plugin with time-slicing config; GKE: deploy nothing. */
  readonly gpuRuntime: GpuRuntime;
  /**
   * EKS only: deploy the cluster autoscaler (pinned to the Kubernetes minor) as service
   * account `kube-system/cluster-autoscaler` ({@link CLUSTER_AUTOSCALER_NAMESPACE},
   * {@link CLUSTER_AUTOSCALER_SERVICE_ACCOUNT}); its cloud identity is bound by the cloud stack.
   * @default - none (GKE's built-in autoscaler)
   */
  readonly clusterAutoscaler?: { readonly clusterName: string; readonly region: string };
  /**
   * The cluster's default StorageClass (EKS 1.30+ has none; the cloud stack says how to
   * encrypt its volumes).
   * @default - none (GKE's own default class)
   */
  readonly defaultStorageClass?: DefaultStorageClassOptions;
  /**
   * CIDRs of the cloud's private API endpoints that team pods may reach on 443 (see
   * {@link TeamNetworkPoliciesProps.cloudEndpointCidrs}).
   * @default []
   */
  readonly cloudEndpointCidrs?: readonly string[];
}

/** The GPU runtime each cloud supports. */
const RUNTIME_FOR: Readonly<Record<Cloud, GpuRuntime["kind"]>> = { aws: "nvidia-device-plugin", gcp: "gke-managed" };

/** Every problem with the props, at once. */
export function kubernetesPlatformProblems(props: KubernetesPlatformProps): string[] {
  const problems: string[] = [];
  if (props.gpuRuntime.kind !== RUNTIME_FOR[props.cloud]) {
    problems.push(
      `gpuRuntime.kind: "${props.gpuRuntime.kind}" does not fit cloud "${props.cloud}" (use "${RUNTIME_FOR[props.cloud]}": ` +
        (props.cloud === "gcp" ? "GKE installs drivers and the device plugin itself)" : "EKS nodes need the NVIDIA device plugin)"),
    );
  }
  if (props.clusterAutoscaler && props.cloud !== "aws") {
    problems.push(`clusterAutoscaler: is only for aws; ${props.cloud} scales node pools with its built-in autoscaler (leave it undefined)`);
  }
  const seen = new Set<string>();
  props.spec.teams.forEach((t, i) => {
    if (seen.has(t.name)) problems.push(`teams[${i}].name: "${t.name}" is used by another team; team names must be unique`);
    seen.add(t.name);
  });
  return problems;
}

/**
 * The in-cluster layer of the platform. Construct ids derive from names only, so adding
 * a team or a pool never moves an existing resource:
 *
 * - `PriorityClasses`, `Auditors`, `Admins`, `TeamRoles`;
 * - `Team-<team>` per team ({@link TeamNamespace});
 * - `GpuRuntime` (nvidia-device-plugin only, when the spec has GPU pools);
 * - `ClusterAutoscaler` (when `clusterAutoscaler` is set);
 * - `DefaultStorageClass` (when `defaultStorageClass` is set).
 */
export class KubernetesPlatform extends Construct {
  public readonly teams: ReadonlyMap<string, TeamNamespace>;
  public readonly priorityClasses: PriorityClasses;
  public readonly auditors: PlatformAuditors;
  public readonly admins: PlatformAdmins;
  /** The persona ClusterRoles every team namespace binds. */
  public readonly teamRoles: TeamRoles;
  public readonly devicePlugin?: NvidiaDevicePlugin;
  public readonly clusterAutoscaler?: ClusterAutoscaler;
  public readonly defaultStorageClass?: DefaultStorageClass;
  /** The Kueue chart (when `queues.enabled`); its queue objects are in the `-k8s-custom` stack. */
  public readonly kueue?: KueueInstall;
  /** EKS: the DCGM exporter and the managed collector's access (when `monitoring.gpuMetrics` and GPU pools). */
  public readonly gpuMetrics?: DcgmExporter;

  constructor(scope: Construct, id: string, props: KubernetesPlatformProps) {
    super(scope, id);
    const problems = kubernetesPlatformProblems(props);
    if (problems.length > 0) {
      throw new Error(`${this.node.path}: invalid props:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
    const { spec } = props;
    const labels = commonLabels(spec);

    this.priorityClasses = new PriorityClasses(this, "PriorityClasses", { labels });
    this.auditors = new PlatformAuditors(this, "Auditors", { auditors: props.subjects.auditors, labels });
    this.admins = new PlatformAdmins(this, "Admins", { admins: props.subjects.admins, labels });
    this.teamRoles = new TeamRoles(this, "TeamRoles", { labels });

    const teams = new Map<string, TeamNamespace>();
    for (const team of spec.teams) {
      teams.set(
        team.name,
        new TeamNamespace(this, `Team-${team.name}`, {
          spec,
          team,
          cloud: props.cloud,
          subjects: props.subjects,
          serviceAccountAnnotations: props.teamServiceAccountAnnotations(team.name),
          roles: this.teamRoles,
          ...(props.cloudEndpointCidrs ? { cloudEndpointCidrs: props.cloudEndpointCidrs } : {}),
          gpuCeiling: teamGpuCeiling(spec, team),
        }),
      );
    }
    this.teams = teams;
    if (spec.queues.enabled) this.kueue = new KueueInstall(this, "Kueue");

    // Where the platform runs the GPU stack itself (EKS) it runs the exporter too; GKE's managed DCGM does it there.
    if (props.gpuRuntime.kind === "nvidia-device-plugin" && spec.gpuPools.length > 0 && spec.monitoring.gpuMetrics) {
      this.gpuMetrics = new DcgmExporter(this, "GpuMetrics", { labels });
    }
    if (props.gpuRuntime.kind === "nvidia-device-plugin" && spec.gpuPools.length > 0) {
      this.devicePlugin = new NvidiaDevicePlugin(this, "GpuRuntime", {
        pools: spec.gpuPools,
        labels,
        ...(props.gpuRuntime.image ? { image: props.gpuRuntime.image } : {}),
      });
    }
    if (props.clusterAutoscaler) {
      this.clusterAutoscaler = new ClusterAutoscaler(this, "ClusterAutoscaler", {
        clusterName: props.clusterAutoscaler.clusterName,
        region: props.clusterAutoscaler.region,
        kubernetesVersion: spec.cluster.kubernetesVersion,
        labels,
      });
    }
    if (props.defaultStorageClass) {
      this.defaultStorageClass = new DefaultStorageClass(this, "DefaultStorageClass", { ...props.defaultStorageClass, labels });
    }
  }
}
