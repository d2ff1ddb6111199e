/**
 * What the in-cluster stack of an AWS target needs from AWS: the default StorageClass
 * (encrypted gp3 EBS with the platform's nodes key) and the interface endpoints' subnets
 * that team network policies allow. Computed from the spec and read at plan time, so the
 * in-cluster stack needs no extra output of the cloud stack.
 */
import { DataAwsKmsAlias } from "@cdktf/provider-aws/lib/data-aws-kms-alias";
import type { Construct } from "constructs";
import type { DefaultStorageClassOptions } from "../k8s/storage";
import type { AwsTarget, PlatformSpec } from "../spec/schema";
import { keyAlias } from "./names";
import { endpointSubnetCidrs } from "./network";

/** Name of the platform's default StorageClass on EKS. */
export const EBS_DEFAULT_STORAGE_CLASS = "gp3-encrypted";

/** The AWS parts of the in-cluster layer's props. */
export interface AwsKubernetesOptions {
  readonly defaultStorageClass: DefaultStorageClassOptions;
  readonly cloudEndpointCidrs: readonly string[];
}

/**
 * - Default StorageClass: provisioner `ebs.csi.aws.com`, `type: gp3`, `encrypted: "true"`,
 *   `kmsKeyId` = the full ARN of the nodes key, read through its alias at plan time
 *   (the driver wants the key ARN: https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md).
 *   The EBS CSI role may use that key (cloud stack). EKS 1.30 and later no longer mark
 *   `gp2` as the default class (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html, 1.30).
 * - Endpoint CIDRs: the endpoint subnets of the platform's VPC; none with an existing
 *   network, whose endpoints this library does not place.
 */
export function awsKubernetesOptions(scope: Construct, spec: PlatformSpec, target: AwsTarget): AwsKubernetesOptions {
  const key = new DataAwsKmsAlias(scope, "VolumeKey", { name: keyAlias(spec, "nodes") });
  return {
    defaultStorageClass: {
      name: EBS_DEFAULT_STORAGE_CLASS,
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: key.targetKeyArn },
    },
    cloudEndpointCidrs: target.existingNetwork ? [] : endpointSubnetCidrs(spec.network.cidr, spec.network.zones),
  };
}
