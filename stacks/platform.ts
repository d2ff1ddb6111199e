/**
 * Composes a spec into stacks: for each target a cloud stack (`<name>-<cloud>-<region>`)
 * and an in-cluster stack (`<name>-<cloud>-<region>-k8s`). Both are pinned to the
 * spec's residency: synth fails if any resource would leave the jurisdiction.
 */
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsPlatform } from "../lib/aws";
import { createAwsProvider } from "../lib/aws/provider";
import { GcpPlatform } from "../lib/gcp";
import { createGoogleProvider } from "../lib/gcp/provider";
import { pinResidency } from "../lib/residency/aspect";
import { PLATFORM_OUTPUT_NAMES, SENSITIVE_OUTPUTS, type ICloudPlatform } from "../lib/spec/contracts";
import { cloudStackName, k8sStackName } from "../lib/spec/naming";
import type { PlatformSpec, Target } from "../lib/spec/schema";
import { configureBackend } from "./backend";

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
      this.platform = new AwsPlatform(this, "Platform", { spec: props.spec, target: props.target });
    } else {
      createGoogleProvider(this, props.spec, props.target);
      this.platform = new GcpPlatform(this, "Platform", {
        spec: props.spec,
        target: props.target,
        options: { securityGroup: props.target.securityGroup },
      });
    }
    this.declareOutputs(this.platform);
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

/** In-cluster resources of one target, configured from the cloud stack's cluster outputs. */
export class PlatformK8sStack extends TerraformStack {
  public readonly spec: PlatformSpec;
  public readonly target: Target;

  constructor(scope: Construct, id: string, props: TargetStackProps & { readonly cloudStack: PlatformCloudStack }) {
    super(scope, id);
    this.spec = props.spec;
    this.target = props.target;
    configureBackend(this, props.spec, id);
    this.addDependency(props.cloudStack);
    pinResidency(this, props.spec.residency);
  }
}

/** The two stacks of one target. */
export interface TargetStacks {
  readonly target: Target;
  readonly cloud: PlatformCloudStack;
  readonly k8s: PlatformK8sStack;
}

/** Adds every stack of the spec to the app, in target order. */
export function addPlatformStacks(app: Construct, spec: PlatformSpec): TargetStacks[] {
  return spec.targets.map((target) => {
    const cloud = new PlatformCloudStack(app, cloudStackName(spec, target), { spec, target });
    const k8s = new PlatformK8sStack(app, k8sStackName(spec, target), { spec, target, cloudStack: cloud });
    return { target, cloud, k8s };
  });
}
