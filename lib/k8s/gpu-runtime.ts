import { createHash } from "node:crypto";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { DaemonSetV1 } from "@cdktf/provider-kubernetes/lib/daemon-set-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Construct } from "constructs";
import { stringify } from "yaml";
import { GPU_POOL_LABEL, GPU_TAINT } from "../spec/contracts";
import type { GpuPoolSpec } from "../spec/schema";
import { DEVICE_PLUGIN_CONFIG_MAP, DEVICE_PLUGIN_NAMESPACE, DEVICE_PLUGIN_SERVICE_ACCOUNT } from "./constants";
import { GPU_RESOURCE } from "./quotas";

/**
 * The NVIDIA device plugin image, pinned.
 * v0.17.4: the v0.17 line's latest patch known here; NVIDIA's GPU operator moved to it
 * (https://github.com/NVIDIA/gpu-operator/pull/1671). The project's static manifest at
 * v0.17.1 is the reference for the pod shape:
 * https://github.com/NVIDIA/k8s-device-plugin/blob/main/deployments/static/nvidia-device-plugin.yml
 */
export const NVIDIA_DEVICE_PLUGIN_IMAGE = "nvcr.io/nvidia/k8s-device-plugin:v0.17.4";

/** Where the pool's config file is mounted in the plugin container. */
export const DEVICE_PLUGIN_CONFIG_PATH = "/etc/nvidia-device-plugin/config.yaml";

/** Pod annotation holding the SHA-256 of the pool's config: a config change rolls the DaemonSet. */
export const CONFIG_HASH_ANNOTATION = "ai-platform.io/device-plugin-config-sha256";

/**
 * The device-plugin config file of one pool (format `version: v1`).
 * https://github.com/NVIDIA/k8s-device-plugin#configuration-option-details
 *
 * Time-slicing pools advertise each GPU `replicas` times under the unrenamed resource
 * `nvidia.com/gpu`, as GKE time-sharing does, so workloads and quotas are the same on
 * both clouds. `failRequestsGreaterThanOne` rejects a container asking for more than one
 * slice (more slices give no more compute, only a false promise).
 */
export function devicePluginConfig(pool: GpuPoolSpec): Record<string, unknown> {
  const config: Record<string, unknown> = {
    version: "v1",
    flags: { migStrategy: "none", failOnInitError: true },
  };
  if (pool.sharing?.mode === "time-slicing") {
    config.sharing = {
      timeSlicing: {
        renameByDefault: false,
        failRequestsGreaterThanOne: true,
        resources: [{ name: GPU_RESOURCE, replicas: pool.sharing.replicas }],
      },
    };
  }
  return config;
}

/** Props of {@link NvidiaDevicePlugin}. */
export interface NvidiaDevicePluginProps {
  readonly pools: readonly GpuPoolSpec[];
  readonly labels: Readonly<Record<string, string>>;
  /** @default NVIDIA_DEVICE_PLUGIN_IMAGE */
  readonly image?: string;
}

/**
 * The NVIDIA device plugin for EKS GPU nodes, in kube-system:
 *
 * - a service account without a token (`ServiceAccount`): the plugin talks to the kubelet
 *   over its device-plugin socket, never to the API server;
 * - one ConfigMap (`Config`) with one config per pool, keyed by pool name;
 * - one DaemonSet per pool (`DaemonSet-<pool>`), on the nodes labelled
 *   `ai-platform.io/pool=<pool>` (labels every GPU node group already carries), mounting
 *   that pool's config. Per-pool DaemonSets select the config without NVIDIA's
 *   config-manager sidecar (which needs API access to read node labels) and without any
 *   extra node label.
 *
 * Security: the plugin must write its socket into the kubelet's root-owned
 * `/var/lib/kubelet/device-plugins` (hostPath), so it runs as root; it is not privileged
 * (that is only needed for MIG or CPU-manager compatibility), cannot escalate, drops every
 * capability and has a read-only root filesystem. kube-system has no Pod Security
 * enforcement, which the hostPath volume needs.
 */
export class NvidiaDevicePlugin extends Construct {
  public readonly serviceAccount: ServiceAccountV1;
  /** The ConfigMap of per-pool configs. */
  public readonly resource: ConfigMapV1;
  /** DaemonSets by pool name. */
  public readonly daemonSets: ReadonlyMap<string, DaemonSetV1>;

  constructor(scope: Construct, id: string, props: NvidiaDevicePluginProps) {
    super(scope, id);
    props.pools.forEach((pool, i) => {
      if (pool.sharing?.mode === "mig") {
        throw new Error(
          `gpuPools[${i}].sharing.mode: "mig" is not supported by the nvidia-device-plugin runtime (it needs NVIDIA's MIG manager); use time-slicing or no sharing`,
        );
      }
    });
    const image = props.image ?? NVIDIA_DEVICE_PLUGIN_IMAGE;
    const labels = { ...props.labels, "app.kubernetes.io/name": "nvidia-device-plugin" };

    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name: DEVICE_PLUGIN_SERVICE_ACCOUNT, namespace: DEVICE_PLUGIN_NAMESPACE, labels },
      automountServiceAccountToken: false,
    });

    const files = new Map(props.pools.map((p) => [p.name, stringify(devicePluginConfig(p))]));
    this.resource = new ConfigMapV1(this, "Config", {
      metadata: { name: DEVICE_PLUGIN_CONFIG_MAP, namespace: DEVICE_PLUGIN_NAMESPACE, labels },
      data: Object.fromEntries(files),
    });

    const daemonSets = new Map<string, DaemonSetV1>();
    for (const pool of props.pools) {
      const file = files.get(pool.name) as string;
      const selector = { "app.kubernetes.io/name": "nvidia-device-plugin", [GPU_POOL_LABEL]: pool.name };
      daemonSets.set(
        pool.name,
        new DaemonSetV1(this, `DaemonSet-${pool.name}`, {
          metadata: { name: `nvidia-device-plugin-${pool.name}`, namespace: DEVICE_PLUGIN_NAMESPACE, labels: { ...labels, ...selector } },
          spec: {
            selector: { matchLabels: selector },
            strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "1" } },
            template: {
              metadata: {
                labels: { ...labels, ...selector },
                annotations: { [CONFIG_HASH_ANNOTATION]: createHash("sha256").update(file).digest("hex") },
              },
              spec: {
                serviceAccountName: this.serviceAccount.metadata.name,
                automountServiceAccountToken: false,
                // Mark the plugin as a critical add-on: without it no GPU is schedulable.
                priorityClassName: "system-node-critical",
                toleration: [{ key: GPU_TAINT.key, operator: "Exists", effect: GPU_TAINT.effect }],
                affinity: {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerm: [{ matchExpressions: [{ key: GPU_POOL_LABEL, operator: "In", values: [pool.name] }] }],
                    },
                  },
                },
                securityContext: { seccompProfile: { type: "RuntimeDefault" } },
                container: [
                  {
                    name: "nvidia-device-plugin",
                    image,
                    imagePullPolicy: "IfNotPresent",
                    env: [{ name: "CONFIG_FILE", value: DEVICE_PLUGIN_CONFIG_PATH }],
                    securityContext: {
                      privileged: false,
                      allowPrivilegeEscalation: false,
                      readOnlyRootFilesystem: true,
                      capabilities: { drop: ["ALL"] },
                    },
                    resources: {
                      requests: { cpu: "50m", memory: "64Mi" },
                      limits: { cpu: "200m", memory: "256Mi" },
                    },
                    volumeMount: [
                      { name: "device-plugins", mountPath: "/var/lib/kubelet/device-plugins" },
                      { name: "config", mountPath: "/etc/nvidia-device-plugin", readOnly: true },
                    ],
                  },
                ],
                volume: [
                  { name: "device-plugins", hostPath: { path: "/var/lib/kubelet/device-plugins", type: "Directory" } },
                  {
                    name: "config",
                    configMap: { name: this.resource.metadata.name, items: [{ key: pool.name, path: "config.yaml" }] },
                  },
                ],
              },
            },
          },
        }),
      );
    }
    this.daemonSets = daemonSets;
  }
}
