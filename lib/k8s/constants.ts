/**
 * Names and labels of the in-cluster layer. They are part of the public contract: the
 * cloud stacks bind identities to some of them (the cluster autoscaler's service
 * account), workloads select others (priority classes, team labels), and policies and
 * tests refer to the rest by name.
 */
import type { PlatformSpec } from "../spec/schema";

/** Label on every team namespace: the team's name. */
export const TEAM_LABEL = "ai-platform.io/team";

/** Label on every object of the layer: the platform's name (`spec.name`). */
export const PLATFORM_LABEL = "ai-platform.io/platform";

/** `app.kubernetes.io/part-of` value on every object of the layer. */
export const PART_OF = "ai-platform";

/**
 * Pod Security Admission level enforced in team namespaces.
 *
 * `baseline`, not `restricted`: most GPU images (NGC PyTorch/TensorFlow, Triton, vLLM)
 * run as root and some need extra shared memory or capabilities `restricted` forbids,
 * so `restricted` would reject the workloads the platform exists for. `baseline` still
 * forbids privileged containers, host namespaces, hostPath volumes and host ports.
 * Namespaces also `warn` and `audit` at `restricted`, so teams see what would break.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export const POD_SECURITY_ENFORCE = "baseline";
/** Pod Security Admission level teams are warned and audited at. */
export const POD_SECURITY_WARN = "restricted";

/** The Kubernetes namespace add-ons of the layer run in (device plugin, cluster autoscaler). */
export const SYSTEM_NAMESPACE = "kube-system";

/**
 * Namespace of the cluster autoscaler's service account. The cloud stack binds the
 * autoscaler's cloud identity (EKS Pod Identity association) to
 * `CLUSTER_AUTOSCALER_NAMESPACE/CLUSTER_AUTOSCALER_SERVICE_ACCOUNT`.
 */
export { CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "../spec/contracts";

/** Namespace and service account of the NVIDIA device plugin (EKS only). */
export const DEVICE_PLUGIN_NAMESPACE = SYSTEM_NAMESPACE;
export const DEVICE_PLUGIN_SERVICE_ACCOUNT = "nvidia-device-plugin";
/** ConfigMap holding one device-plugin config per GPU pool, keyed by pool name. */
export const DEVICE_PLUGIN_CONFIG_MAP = "nvidia-device-plugin-config";

/** Priority class of latency-sensitive serving workloads. */
export const INFERENCE_PRIORITY_CLASS = "ai-platform-inference";
/** Priority class of batch and training workloads; preempted by inference. */
export const BATCH_PRIORITY_CLASS = "ai-platform-batch";

/** The network policy names of every team namespace. */
export const NETWORK_POLICY_NAMES = {
  defaultDeny: "default-deny-all",
  sameNamespace: "allow-same-namespace",
  dns: "allow-dns",
  httpsEgress: "allow-https-egress",
  /**
   * The only policy that differs per cloud: egress to the node-local identity endpoint
   * (EKS Pod Identity agent, GKE metadata server). Parity checks exclude it by this name.
   */
  cloudIdentity: "allow-cloud-identity",
} as const;

/**
 * Names of the team personas' ClusterRoles (defined once) and of the RoleBindings that
 * grant them inside each team namespace. A RoleBinding to a ClusterRole grants its rules
 * in that namespace only, as with the built-in `edit` and `view` roles.
 */
export const TEAM_ROLE_NAMES = {
  admins: "ai-platform:team-admins",
  developers: "ai-platform:team-developers",
  viewers: "ai-platform:team-viewers",
} as const;

/** ClusterRole and ClusterRoleBinding of the auditors. */
export const AUDITOR_CLUSTER_ROLE = "ai-platform:auditor";
/** ClusterRoleBinding of the platform admins to the built-in `cluster-admin`. */
export const ADMIN_CLUSTER_ROLE_BINDING = "ai-platform:platform-admins";

/** Labels every object of the layer carries. */
export function commonLabels(spec: PlatformSpec): Record<string, string> {
  return { [PLATFORM_LABEL]: spec.name, "app.kubernetes.io/part-of": PART_OF, "app.kubernetes.io/managed-by": "terraform" };
}

/** `v1.33` from `1.33`: the Pod Security Admission version label value. */
export function podSecurityVersion(spec: PlatformSpec): string {
  return `v${spec.cluster.kubernetesVersion}`;
}
