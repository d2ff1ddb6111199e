/**
 * Composes a spec into stacks: for each target a cloud stack (`<name>-<cloud>-<region>`)
 * and an in-cluster stack (`<name>-<cloud>-<region>-k8s`). Both are pinned to the
 * spec's residency: synth fails if any resource would leave the jurisdiction.
 */
import { DataAwsEksClusterAuth } from "@cdktf/provider-aws/lib/data-aws-eks-cluster-auth";
import { DataGoogleClientConfig } from "@cdktf/provider-google/lib/data-google-client-config";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type * as Aws from "../lib/aws";
import { createAwsProvider } from "../lib/aws/provider";
import type * as Gcp from "../lib/gcp";
import { createGoogleProvider } from "../lib/gcp/provider";
import { KubernetesPlatform } from "../lib/k8s";
import { pinResidency } from "../lib/residency/aspect";
import { PLATFORM_OUTPUT_NAMES, SENSITIVE_OUTPUTS, type ICloudPlatform } from "../lib/spec/contracts";
import { cloudStackName, k8sCustomStackName, k8sStackName } from "../lib/spec/naming";
import type { PlatformSpec, Target } from "../lib/spec/schema";
import { configureBackend, remoteStateOf } from "./backend";
import { PlatformCustomResourcesStack } from "./custom-resources";
import { addSpendControls } from "./spend";
import { platformSubjects } from "./subjects";

// A cloud's classes are loaded only when a spec targets that cloud: loading provider
// classes is most of a synth's start-up time.
const loadAws = (): typeof Aws => require("../lib/aws") as typeof Aws;
const loadGcp = (): typeof Gcp => require("../lib/gcp") as typeof Gcp;

/** Props of the stacks of one target. */
export interface TargetStackProps {
  readonly spec: PlatformSpec;
  readonly target: Target;
}

/** Cloud resources of one target: network, cluster, node pools, buckets, keys, IAM. */
export class PlatformCloudStack extends TerraformStack {
  public readonly spec: PlatformSpec;
  public readonly target: Target;
  /** The cloud implementation's components. */
  public readonly platform: ICloudPlatform;

  constructor(scope: Construct, id: string, props: TargetStackProps) {
    super(scope, id);
    this.spec = props.spec;
    this.target = props.target;
    configureBackend(this, props.spec, id);
    if (props.target.cloud === "aws") {
      createAwsProvider(this, props.spec, props.target);
      const options = props.target.aws ?? {};
      this.platform = new (loadAws().AwsPlatform)(this, "Platform", {
        spec: props.spec,
        target: props.target,
        ...(options.metadataHopLimit === undefined ? {} : { metadataHopLimit: options.metadataHopLimit }),
      });
    } else {
      createGoogleProvider(this, props.spec, props.target);
      this.platform = new (loadGcp().GcpPlatform)(this, "Platform", {
        spec: props.spec,
        target: props.target,
        options: { securityGroup: props.target.securityGroup },
      });
    }
    this.declareOutputs(this.platform);
    addSpendControls(this, props.spec, props.target, this.platform);
    pinResidency(this, props.spec.residency);
  }

  /** Declares the contract's outputs, under the same names on every cloud. */
  protected declareOutputs(platform: ICloudPlatform): void {
    const values = platform.outputs();
    for (const name of PLATFORM_OUTPUT_NAMES) {
      new TerraformOutput(this, name, { value: values[name], sensitive: SENSITIVE_OUTPUTS.has(name) });
    }
  }
}

/**
 * In-cluster resources of one target. The kubernetes provider reads the cluster's
 * endpoint and CA from the cloud stack's contract outputs (a cross-stack reference
 * through that stack's state, the same on both clouds) and authenticates with a
 * short-lived token the cloud issues at plan time (`aws_eks_cluster_auth` /
 * `google_client_config`): no kubeconfig or static token is written into the JSON.
 */
export class PlatformK8sStack extends TerraformStack {
  public readonly spec: PlatformSpec;
  public readonly target: Target;
  public readonly kubernetes: KubernetesPlatform;

  constructor(scope: Construct, id: string, props: TargetStackProps & { readonly cloudStack: PlatformCloudStack }) {
    super(scope, id);
    const { spec, target } = props;
    this.spec = spec;
    this.target = target;
    configureBackend(this, spec, id);
    this.addDependency(props.cloudStack);

    const cloud = remoteStateOf(this, "CloudStack", spec, props.cloudStack.node.id);
    const clusterName = cloud.getString("cluster_name");
    let token: string;
    if (target.cloud === "aws") {
      createAwsProvider(this, spec, target);
      token = new DataAwsEksClusterAuth(this, "ClusterAuth", { name: clusterName }).token;
    } else {
      createGoogleProvider(this, spec, target);
      token = new DataGoogleClientConfig(this, "ClientConfig", {}).accessToken;
    }
    // GKE's DNS-based endpoint presents a publicly trusted certificate, not the cluster CA.
    const viaDnsEndpoint = target.cloud === "gcp" && spec.network.apiDnsEndpoint;
    const connection = {
      host: cloud.getString("cluster_endpoint"),
      ...(viaDnsEndpoint ? {} : { clusterCaCertificate: Fn.base64decode(cloud.getString("cluster_ca_certificate")) }),
      token,
    };
    new KubernetesProvider(this, "kubernetes", connection);
    // The helm provider installs the charts of the layer (Kueue, the DCGM exporter) with the same short-lived credentials.
    new HelmProvider(this, "helm", { kubernetes: connection });

    const teamIdentities = cloud.get("team_identities");
    this.kubernetes = new KubernetesPlatform(this, "Kubernetes", {
      spec,
      cloud: target.cloud,
      subjects: platformSubjects(spec, target.cloud),
      // EKS Pod Identity needs no annotation; GKE Workload Identity names the team's Google service account.
      teamServiceAccountAnnotations: (team): Record<string, string> =>
        target.cloud === "gcp" ? { [loadGcp().GKE_SERVICE_ACCOUNT_ANNOTATION]: Fn.lookup(teamIdentities, team) as string } : {},
      gpuRuntime: target.cloud === "aws" ? { kind: "nvidia-device-plugin" } : { kind: "gke-managed" },
      ...(target.cloud === "aws" ? { clusterAutoscaler: { clusterName, region: target.region }, ...loadAws().awsKubernetesOptions(this, spec, target) } : {}),
    });
    pinResidency(this, spec.residency);
  }
}

/** The stacks of one target. */
export interface TargetStacks {
  readonly target: Target;
  readonly cloud: PlatformCloudStack;
  readonly k8s: PlatformK8sStack;
  /** Objects of the CRDs the `-k8s` stack installs (team queues); present when `queues.enabled`. */
  readonly custom?: PlatformCustomResourcesStack;
}

/** Adds every stack of the spec to the app, in target order. */
export function addPlatformStacks(app: Construct, spec: PlatformSpec): TargetStacks[] {
  return spec.targets.map((target) => {
    const cloud = new PlatformCloudStack(app, cloudStackName(spec, target), { spec, target });
    const k8s = new PlatformK8sStack(app, k8sStackName(spec, target), { spec, target, cloudStack: cloud });
    if (!spec.queues.enabled) return { target, cloud, k8s };
    const custom = new PlatformCustomResourcesStack(app, k8sCustomStackName(spec, target), { spec, target, cloudStack: cloud, k8sStack: k8s });
    return { target, cloud, k8s, custom };
  });
}
