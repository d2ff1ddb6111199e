/**
 * The cluster's default StorageClass: a PersistentVolumeClaim without a class gets a
 * volume from it instead of staying Pending. Cloud specifics (provisioner, parameters
 * such as the encryption key) come from the cloud stack.
 */
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Construct } from "constructs";

/** The annotation that makes a StorageClass the default (https://kubernetes.io/docs/tasks/administer-cluster/change-default-storage-class/). */
export const DEFAULT_STORAGE_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

/** What the cloud provides for the default StorageClass. */
export interface DefaultStorageClassOptions {
  /** StorageClass name. */
  readonly name: string;
  /** CSI provisioner, e.g. `ebs.csi.aws.com`. */
  readonly provisioner: string;
  /** Provisioner parameters (volume type, encryption, key). */
  readonly parameters: Readonly<Record<string, string>>;
}

/** Props of {@link DefaultStorageClass}. */
export interface DefaultStorageClassProps extends DefaultStorageClassOptions {
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The default StorageClass (id `Resource`): volumes are created when a pod is scheduled
 * (`WaitForFirstConsumer`, so a zonal volume lands in the pod's zone), can grow, and are
 * deleted with their claim.
 */
export class DefaultStorageClass extends Construct {
  public readonly resource: StorageClassV1;

  constructor(scope: Construct, id: string, props: DefaultStorageClassProps) {
    super(scope, id);
    this.resource = new StorageClassV1(this, "Resource", {
      metadata: { name: props.name, labels: { ...props.labels }, annotations: { [DEFAULT_STORAGE_CLASS_ANNOTATION]: "true" } },
      storageProvisioner: props.provisioner,
      parameters: { ...props.parameters },
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: "Delete",
    });
  }
}
