/**
 * Launch template of a managed node group: IMDSv2 only, encrypted gp3 root volume.
 */
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { IKmsKey } from "./imports";

/**
 * Hop limit of the instance metadata service's PUT response.
 *
 * 1 means only processes on the node itself (host network) get an IMDSv2 token; a pod
 * behind the node's network namespace is one hop further and cannot, so pods cannot
 * borrow the node role. Every AWS permission a pod needs comes from EKS Pod Identity
 * (teams, VPC CNI, EBS CSI), and the components that read IMDS (aws-node, kube-proxy,
 * the pod identity agent) run on the host network. 2 would be needed only for pods
 * that read IMDS themselves (e.g. the AWS Load Balancer Controller without
 * `--aws-vpc-id`/`--aws-region`); raise it per node pool in that case.
 * https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html
 */
export const DEFAULT_METADATA_HOP_LIMIT = 1;

/** Root device of the AL2023 EKS AMIs. */
const ROOT_DEVICE = "/dev/xvda";

/** Props of a {@link NodeLaunchTemplate}. */
export interface NodeLaunchTemplateProps {
  /** Launch template name. */
  readonly name: string;
  /** Root volume size in GiB. */
  readonly diskSizeGiB: number;
  /** Key encrypting the root volume. */
  readonly key: IKmsKey;
  /**
   * IMDSv2 PUT response hop limit.
   * @default DEFAULT_METADATA_HOP_LIMIT (1)
   */
  readonly metadataHopLimit?: number;
  /**
   * Tags on the instances and volumes launched (default_tags of the provider do not reach them).
   * @default - none
   */
  readonly instanceTags?: Readonly<Record<string, string>>;
}

/** A launch template for EKS managed nodes (the AMI and user data stay with EKS). */
export class NodeLaunchTemplate extends Construct {
  /** The `aws_launch_template`. */
  public readonly resource: LaunchTemplate;
  /** The latest version, as a string for `launch_template.version`. */
  public readonly latestVersion: string;

  constructor(scope: Construct, id: string, props: NodeLaunchTemplateProps) {
    super(scope, id);
    const hops = props.metadataHopLimit ?? DEFAULT_METADATA_HOP_LIMIT;
    if (!Number.isInteger(hops) || hops < 1 || hops > 64) {
      throw new Error(`${this.node.path}: metadataHopLimit: ${hops} is outside 1-64`);
    }
    const tags = props.instanceTags ?? {};
    this.resource = new LaunchTemplate(this, "Resource", {
      name: props.name,
      description: `EKS managed nodes ${props.name}: IMDSv2 only, encrypted gp3 root volume`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: hops,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          deviceName: ROOT_DEVICE,
          ebs: {
            volumeSize: props.diskSizeGiB,
            volumeType: "gp3",
            encrypted: "true",
            kmsKeyId: props.key.keyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      monitoring: { enabled: true },
      ...(Object.keys(tags).length > 0
        ? {
            tagSpecifications: [
              { resourceType: "instance", tags: { ...tags } },
              { resourceType: "volume", tags: { ...tags } },
            ],
          }
        : {}),
    });
    this.latestVersion = Token.asString(this.resource.latestVersion);
  }
}
