import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { GPU_POOL_LABEL } from "../spec/contracts";
import { KUBERNETES_VERSIONS } from "../spec/schema";
import { CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "./constants";
import { assertNoWildcards, READ, toProviderRules, type PolicyRule } from "./rbac";

type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/**
 * Cluster autoscaler image per Kubernetes minor: the autoscaler's minor must match the
 * cluster's (https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler#releases).
 * Patch versions as pinned by projects that track the releases
 * (https://github.com/kubernetes/autoscaler/releases):
 * - 1.32.7, 1.33.5, 1.34.4: kubernetes/kops' default image per minor
 *   (`ClusterAutoscalerOptionsBuilder`), and
 *   https://github.com/aws-ia/terraform-aws-eks-blueprints-addons/pull/516 (1.33.5, 1.34.4);
 * - 1.31.3: edgelesssys/constellation's renovate-tracked Kubernetes versions table.
 * Newer patches may exist; check the releases page when bumping.
 */
export const CLUSTER_AUTOSCALER_IMAGES: Readonly<Record<KubernetesVersion, string>> = {
  "1.31": "registry.k8s.io/autoscaling/cluster-autoscaler:v1.31.3",
  "1.32": "registry.k8s.io/autoscaling/cluster-autoscaler:v1.32.7",
  "1.33": "registry.k8s.io/autoscaling/cluster-autoscaler:v1.33.5",
  "1.34": "registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.4",
};

/** The pinned autoscaler image for a Kubernetes minor; throws for a minor without one. */
export function clusterAutoscalerImage(kubernetesVersion: string): string {
  const image = (CLUSTER_AUTOSCALER_IMAGES as Record<string, string>)[kubernetesVersion];
  if (!image) {
    throw new Error(
      `cluster.kubernetesVersion: no cluster autoscaler is pinned for ${kubernetesVersion} (pinned: ${Object.keys(CLUSTER_AUTOSCALER_IMAGES).join(", ")})`,
    );
  }
  return image;
}

const rule = (apiGroups: readonly string[], resources: readonly string[], verbs: readonly string[], resourceNames?: readonly string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
  ...(resourceNames ? { resourceNames } : {}),
});

/**
 * Cluster-wide permissions of the autoscaler, from the upstream chart's ClusterRole
 * (https://github.com/kubernetes/autoscaler/blob/master/charts/cluster-autoscaler/templates/clusterrole.yaml)
 * and AWS example (cluster-autoscaler/cloudprovider/aws/examples/cluster-autoscaler-autodiscover.yaml),
 * plus `volumeattachments`, which the autoscaler lists since 1.32
 * (https://github.com/kubernetes/autoscaler/pull/7674). The `extensions` group of old
 * manifests is gone from every supported Kubernetes and is left out.
 */
export const CLUSTER_AUTOSCALER_CLUSTER_RULES: readonly PolicyRule[] = [
  rule([""], ["events", "endpoints"], ["create", "patch"]),
  rule([""], ["pods/eviction"], ["create"]),
  rule([""], ["pods/status"], ["update"]),
  rule([""], ["endpoints"], ["get", "update"], ["cluster-autoscaler"]),
  rule([""], ["nodes"], [...READ, "update"]),
  rule([""], ["namespaces", "pods", "services", "replicationcontrollers", "persistentvolumeclaims", "persistentvolumes"], READ),
  rule(["batch"], ["jobs", "cronjobs"], READ),
  rule(["batch"], ["jobs"], ["patch"]),
  rule(["policy"], ["poddisruptionbudgets"], ["watch", "list"]),
  rule(["apps"], ["daemonsets", "replicasets", "statefulsets"], READ),
  rule(["storage.k8s.io"], ["storageclasses", "csinodes", "csidrivers", "csistoragecapacities", "volumeattachments"], READ),
  rule(["coordination.k8s.io"], ["leases"], ["create"]),
  rule(["coordination.k8s.io"], ["leases"], ["get", "update"], ["cluster-autoscaler"]),
];

/** Permissions in kube-system: its status and priority-expander ConfigMaps. */
export const CLUSTER_AUTOSCALER_NAMESPACE_RULES: readonly PolicyRule[] = [
  rule([""], ["configmaps"], ["create", "list", "watch"]),
  rule([""], ["configmaps"], ["delete", "get", "update", "watch"], ["cluster-autoscaler-status", "cluster-autoscaler-priority-expander"]),
];

/** Props of {@link ClusterAutoscaler}. */
export interface ClusterAutoscalerProps {
  /** EKS cluster name: the autoscaler discovers node groups tagged for it. */
  readonly clusterName: string;
  readonly region: string;
  /** Kubernetes minor (`spec.cluster.kubernetesVersion`), selecting the image. */
  readonly kubernetesVersion: string;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Expander choosing which node group to grow.
   * @default "least-waste"
   */
  readonly expander?: "least-waste" | "priority" | "random" | "most-pods";
}

/** The arguments of the autoscaler (AWS, auto-discovery by tags). */
export function clusterAutoscalerArgs(clusterName: string, expander = "least-waste"): string[] {
  return [
    "--cloud-provider=aws",
    `--namespace=${CLUSTER_AUTOSCALER_NAMESPACE}`,
    `--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/${clusterName}`,
    "--balance-similar-node-groups",
    "--skip-nodes-with-system-pods=false",
    "--skip-nodes-with-local-storage=false",
    `--expander=${expander}`,
    "--stderrthreshold=info",
    "--v=2",
  ];
}

/**
 * The Kubernetes cluster autoscaler for EKS (GKE has its own), in kube-system, running as
 * service account {@link CLUSTER_AUTOSCALER_SERVICE_ACCOUNT}. Its AWS permissions come
 * from the cloud stack (a Pod Identity association for that service account), none are
 * created here. Construct ids: `ServiceAccount`, `ClusterRole`, `ClusterRoleBinding`,
 * `Role`, `RoleBinding`, `Resource` (the Deployment).
 *
 * The pod runs on system nodes only (never on GPU nodes), as nobody (65534), without
 * privilege escalation or capabilities, with a read-only root filesystem. The image is
 * distroless and carries its own CA certificates, so no host path is mounted.
 */
export class ClusterAutoscaler extends Construct {
  public readonly serviceAccount: ServiceAccountV1;
  public readonly clusterRole: ClusterRoleV1;
  public readonly role: RoleV1;
  /** The `kubernetes_deployment_v1`. */
  public readonly resource: DeploymentV1;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.clusterName) && props.clusterName.trim() === "") {
      throw new Error("clusterAutoscaler.clusterName: is empty; give the EKS cluster name its node groups are tagged with");
    }
    if (!Token.isUnresolved(props.region) && !/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(props.region)) {
      throw new Error(`clusterAutoscaler.region: "${props.region}" is not an AWS region name, e.g. eu-central-1`);
    }
    const image = clusterAutoscalerImage(props.kubernetesVersion);
    const labels = { ...props.labels, "app.kubernetes.io/name": "cluster-autoscaler" };
    const ns = CLUSTER_AUTOSCALER_NAMESPACE;
    const name = CLUSTER_AUTOSCALER_SERVICE_ACCOUNT;
    assertNoWildcards(CLUSTER_AUTOSCALER_CLUSTER_RULES, `${this.node.path}/ClusterRole`);
    assertNoWildcards(CLUSTER_AUTOSCALER_NAMESPACE_RULES, `${this.node.path}/Role`);

    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name, namespace: ns, labels },
      automountServiceAccountToken: true,
    });
    const subject = [{ kind: "ServiceAccount", name: this.serviceAccount.metadata.name, namespace: ns, apiGroup: "" }];
    this.clusterRole = new ClusterRoleV1(this, "ClusterRole", {
      metadata: { name, labels },
      rule: toProviderRules(CLUSTER_AUTOSCALER_CLUSTER_RULES),
    });
    new ClusterRoleBindingV1(this, "ClusterRoleBinding", {
      metadata: { name, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: this.clusterRole.metadata.name },
      subject,
    });
    this.role = new RoleV1(this, "Role", {
      metadata: { name, namespace: ns, labels },
      rule: toProviderRules(CLUSTER_AUTOSCALER_NAMESPACE_RULES),
    });
    new RoleBindingV1(this, "RoleBinding", {
      metadata: { name, namespace: ns, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: this.role.metadata.name },
      subject,
    });

    const selector = { "app.kubernetes.io/name": "cluster-autoscaler" };
    this.resource = new DeploymentV1(this, "Resource", {
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: "1",
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels: { ...labels, ...selector },
            // The autoscaler must not evict itself while scaling down its own node.
            annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
          },
          spec: {
            serviceAccountName: this.serviceAccount.metadata.name,
            automountServiceAccountToken: true,
            priorityClassName: "system-cluster-critical",
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerm: [{ matchExpressions: [{ key: GPU_POOL_LABEL, operator: "DoesNotExist" }] }],
                },
              },
            },
            securityContext: {
              runAsNonRoot: true,
              runAsUser: "65534",
              runAsGroup: "65534",
              fsGroup: "65534",
              seccompProfile: { type: "RuntimeDefault" },
            },
            container: [
              {
                name: "cluster-autoscaler",
                image,
                imagePullPolicy: "IfNotPresent",
                command: ["./cluster-autoscaler"],
                args: clusterAutoscalerArgs(props.clusterName, props.expander),
                env: [{ name: "AWS_REGION", value: props.region }],
                port: [{ name: "metrics", containerPort: 8085, protocol: "TCP" }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  privileged: false,
                  capabilities: { drop: ["ALL"] },
                },
                resources: {
                  requests: { cpu: "100m", memory: "600Mi" },
                  limits: { cpu: "500m", memory: "600Mi" },
                },
              },
            ],
          },
        },
      },
    });
  }
}
