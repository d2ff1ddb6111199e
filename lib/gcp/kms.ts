import { DataGoogleBigqueryDefaultServiceAccount } from "@cdktf/provider-google/lib/data-google-bigquery-default-service-account";
import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
import { DataGoogleStorageProjectServiceAccount } from "@cdktf/provider-google/lib/data-google-storage-project-service-account";
import { KmsCryptoKey } from "@cdktf/provider-google/lib/kms-crypto-key";
import { KmsCryptoKeyIamMember } from "@cdktf/provider-google/lib/kms-crypto-key-iam-member";
import { KmsKeyRing } from "@cdktf/provider-google/lib/kms-key-ring";
import { Construct } from "constructs";

/** The only role a service agent gets on a key: use it, nothing else. */
export const KMS_ENCRYPTER_DECRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/**
 * Purpose-specific keys. One key per purpose keeps a key's blast radius to one kind of
 * data and lets each be rotated, disabled or audited on its own:
 * - `gkeSecrets`: GKE application-layer Secrets encryption (etcd envelope encryption).
 * - `bootDisks`: node boot disks of every node pool (Compute Engine CMEK).
 * - `dataLake`: data-lake buckets and their BigQuery catalogs.
 * - `modelRegistry`: the model registry bucket (separate so model artefacts can outlive
 *   or be governed apart from the lake).
 */
export type KeyPurpose = "gkeSecrets" | "bootDisks" | "dataLake" | "modelRegistry";

/** Props of {@link GcpKms}. */
export interface GcpKmsProps {
  /** Project the key ring is created in. */
  readonly project: string;
  /** Location of the key ring: the target region, the same location as the cluster and buckets. */
  readonly region: string;
  /** Key ring name. Key rings cannot be deleted in GCP: the name is used forever in the project and region. */
  readonly keyRingName: string;
  /**
   * Automatic rotation period of every key.
   * @default "7776000s" (90 days)
   */
  readonly rotationPeriod?: string;
}

const KEY_NAMES: Readonly<Record<KeyPurpose, string>> = {
  gkeSecrets: "gke-secrets",
  bootDisks: "node-boot-disks",
  dataLake: "data-lake",
  modelRegistry: "model-registry",
};

/**
 * A regional Cloud KMS key ring with one key per purpose, and the service agents that
 * encrypt on the platform's behalf, each granted exactly
 * `roles/cloudkms.cryptoKeyEncrypterDecrypter` on only the key it needs:
 *
 * | service agent                                              | key                        |
 * |------------------------------------------------------------|----------------------------|
 * | GKE: service-<number>@container-engine-robot               | gkeSecrets                 |
 * | Compute Engine: service-<number>@compute-system            | bootDisks                  |
 * | Cloud Storage: data google_storage_project_service_account | dataLake, modelRegistry    |
 * | BigQuery: data google_bigquery_default_service_account     | dataLake                   |
 *
 * Keys carry `prevent_destroy`: destroying a key destroys every object it encrypts.
 */
export class GcpKms extends Construct {
  /** The key ring. */
  public readonly resource: KmsKeyRing;
  /** The keys, by purpose. */
  public readonly keys: Readonly<Record<KeyPurpose, KmsCryptoKey>>;
  /** Grant of the GKE service agent on the Secrets key: the cluster must wait for it. */
  public readonly gkeGrant: KmsCryptoKeyIamMember;
  /** Grant of the Compute Engine service agent on the boot-disk key: node pools must wait for it. */
  public readonly computeGrant: KmsCryptoKeyIamMember;
  /** Grants of the Cloud Storage service agent: buckets must wait for them. */
  public readonly storageGrants: Readonly<Record<"dataLake" | "modelRegistry", KmsCryptoKeyIamMember>>;
  /** Grant of the BigQuery service account on the data-lake key: datasets must wait for it. */
  public readonly bigqueryGrant: KmsCryptoKeyIamMember;

  constructor(scope: Construct, id: string, props: GcpKmsProps) {
    super(scope, id);
    const rotationPeriod = props.rotationPeriod ?? "7776000s";

    this.resource = new KmsKeyRing(this, "Resource", {
      name: props.keyRingName,
      location: props.region,
      project: props.project,
      lifecycle: { preventDestroy: true },
    });

    const keys = {} as Record<KeyPurpose, KmsCryptoKey>;
    for (const purpose of Object.keys(KEY_NAMES) as KeyPurpose[]) {
      keys[purpose] = new KmsCryptoKey(this, KEY_NAMES[purpose], {
        name: KEY_NAMES[purpose],
        keyRing: this.resource.id,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod,
        lifecycle: { preventDestroy: true },
      });
    }
    this.keys = keys;

    const project = new DataGoogleProject(this, "Project", { projectId: props.project });
    const gcsAgent = new DataGoogleStorageProjectServiceAccount(this, "StorageServiceAgent", { project: props.project });
    const bqAgent = new DataGoogleBigqueryDefaultServiceAccount(this, "BigQueryServiceAccount", { project: props.project });

    const grant = (id: string, key: KmsCryptoKey, email: string): KmsCryptoKeyIamMember =>
      new KmsCryptoKeyIamMember(this, id, {
        cryptoKeyId: key.id,
        role: KMS_ENCRYPTER_DECRYPTER,
        member: `serviceAccount:${email}`,
      });

    this.gkeGrant = grant("GkeServiceAgent", keys.gkeSecrets, `service-${project.number}@container-engine-robot.iam.gserviceaccount.com`);
    this.computeGrant = grant("ComputeServiceAgent", keys.bootDisks, `service-${project.number}@compute-system.iam.gserviceaccount.com`);
    this.storageGrants = {
      dataLake: grant("StorageServiceAgentDataLake", keys.dataLake, gcsAgent.emailAddress),
      modelRegistry: grant("StorageServiceAgentModelRegistry", keys.modelRegistry, gcsAgent.emailAddress),
    };
    this.bigqueryGrant = grant("BigQueryServiceAccountDataLake", keys.dataLake, bqAgent.email);
  }
}
