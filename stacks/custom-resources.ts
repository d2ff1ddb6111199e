/**
 * The third stack of a target, `<name>-<cloud>-<region>-k8s-custom`: objects whose kinds
 * are CRDs that the `-k8s` stack installs (Kueue's queues today). `kubernetes_manifest`
 * reads a resource's CRD at plan time, so these objects cannot be planned in the stack
 * that installs the chart; this stack depends on the `-k8s` stack and is deployed after
 * it: cloud stack, then `-k8s`, then `-k8s-custom`.
 *
 * It connects to the cluster exactly as the `-k8s` stack does: endpoint and CA from the
 * cloud stack's outputs, a short-lived token issued at plan time.
 */
import { DataAwsEksClusterAuth } from "@cdktf/provider-aws/lib/data-aws-eks-cluster-auth";
import { DataGoogleClientConfig } from "@cdktf/provider-google/lib/data-google-client-config";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { createAwsProvider } from "../lib/aws/provider";
import { createGoogleProvider } from "../lib/gcp/provider";
import { commonLabels } from "../lib/k8s/constants";
import { TeamQueues } from "../lib/k8s/kueue";
import { pinResidency } from "../lib/residency/aspect";
import type { PlatformSpec, Target } from "../lib/spec/schema";
import { configureBackend, remoteStateOf } from "./backend";

/** How a stack reaches the cluster of its target. */
export interface ClusterConnection {
  readonly host: string;
  readonly clusterCaCertificate?: string;
  readonly token: string;
  readonly clusterName: string;
}

/**
 * Configures the cloud provider and a kubernetes provider for the cluster of `target`,
 * reading the cloud stack's outputs; returns the connection for other providers (helm).
 */
export function connectToCluster(stack: TerraformStack, spec: PlatformSpec, target: Target, cloudStackName: string): ClusterConnection {
  const cloud = remoteStateOf(stack, "CloudStack", spec, cloudStackName);
  const clusterName = cloud.getString("cluster_name");
  let token: string;
  if (target.cloud === "aws") {
    createAwsProvider(stack, spec, target);
    token = new DataAwsEksClusterAuth(stack, "ClusterAuth", { name: clusterName }).token;
  } else {
    createGoogleProvider(stack, spec, target);
    token = new DataGoogleClientConfig(stack, "ClientConfig", {}).accessToken;
  }
  // GKE's DNS-based endpoint presents a publicly trusted certificate, not the cluster CA.
  const viaDnsEndpoint = target.cloud === "gcp" && spec.network.apiDnsEndpoint;
  const connection = {
    host: cloud.getString("cluster_endpoint"),
    ...(viaDnsEndpoint ? {} : { clusterCaCertificate: Fn.base64decode(cloud.getString("cluster_ca_certificate")) }),
    token,
  };
  new KubernetesProvider(stack, "kubernetes", connection);
  return { ...connection, clusterName };
}

/** Props of {@link PlatformCustomResourcesStack}. */
export interface CustomResourcesStackProps {
  readonly spec: PlatformSpec;
  readonly target: Target;
  /** The target's cloud stack (outputs) and `-k8s` stack (installs the CRDs). */
  readonly cloudStack: TerraformStack;
  readonly k8sStack: TerraformStack;
}

/** Custom resources of one target, planned once their CRDs exist. */
export class PlatformCustomResourcesStack extends TerraformStack {
  public readonly spec: PlatformSpec;
  public readonly target: Target;
  /** The team queues (when `queues.enabled`). */
  public readonly queues?: TeamQueues;

  constructor(scope: Construct, id: string, props: CustomResourcesStackProps) {
    super(scope, id);
    const { spec, target } = props;
    this.spec = spec;
    this.target = target;
    configureBackend(this, spec, id);
    this.addDependency(props.k8sStack);
    connectToCluster(this, spec, target, props.cloudStack.node.id);
    if (spec.queues.enabled) this.queues = new TeamQueues(this, "Queues", { spec, labels: commonLabels(spec) });
    pinResidency(this, spec.residency);
  }
}
