import { KMS_ENCRYPTER_DECRYPTER } from "../../lib/gcp";
import { blockNamed, blocksOf, dataRefTo, gcpSpec, refTo, resourcesOf, synthPlatform, type TfJson } from "./helpers";

describe("GcpKms", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  test("GIVEN the example WHEN synthesized THEN one key ring sits in the target region and cannot be destroyed", () => {
    const rings = blocksOf(json, "google_kms_key_ring");
    expect(rings).toEqual([
      {
        name: "acme-ml",
        location: "europe-west4",
        project: "acme-ml-prod",
        lifecycle: { prevent_destroy: true },
        depends_on: [expect.stringMatching(/^google_project_service\.Platform_Services_cloudkms_[0-9A-F]+$/)],
      },
    ]);
  });

  test("THEN there is one key per purpose, each rotated every 90 days and protected from destroy", () => {
    const keys = blocksOf(json, "google_kms_crypto_key");
    expect(keys.map((k) => k["name"]).sort()).toEqual(["data-lake", "gke-secrets", "model-registry", "node-boot-disks"]);
    for (const key of keys) {
      expect(key).toMatchObject({ purpose: "ENCRYPT_DECRYPT", rotation_period: "7776000s", lifecycle: { prevent_destroy: true } });
    }
  });

  test("THEN each service agent gets exactly encrypterDecrypter on exactly the key it uses", () => {
    const grants = resourcesOf(json, "google_kms_crypto_key_iam_member");
    const key = (name: string) => refTo(json, "google_kms_crypto_key", `Platform_Kms_${name}_`, "id");
    const project = dataRefTo(json, "google_project", "Platform_Kms_Project", "number");
    const gcs = dataRefTo(json, "google_storage_project_service_account", "Platform_Kms", "email_address");
    const bq = dataRefTo(json, "google_bigquery_default_service_account", "Platform_Kms", "email");
    const summary = Object.values(grants).map((g) => [g["crypto_key_id"], g["member"]]).sort();
    expect(summary).toEqual(
      [
        [key("gke-secrets"), `serviceAccount:service-${project}@container-engine-robot.iam.gserviceaccount.com`],
        [key("node-boot-disks"), `serviceAccount:service-${project}@compute-system.iam.gserviceaccount.com`],
        [key("data-lake"), `serviceAccount:${gcs}`],
        [key("model-registry"), `serviceAccount:${gcs}`],
        [key("data-lake"), `serviceAccount:${bq}`],
      ].sort(),
    );
    expect(new Set(Object.values(grants).map((g) => g["role"]))).toEqual(new Set([KMS_ENCRYPTER_DECRYPTER]));
  });

  test("THEN every bucket and dataset is encrypted with a platform key", () => {
    const keyIds = Object.keys(resourcesOf(json, "google_kms_crypto_key")).map((n) => `\${google_kms_crypto_key.${n}.id}`);
    const buckets = blocksOf(json, "google_storage_bucket");
    // one per data-lake zone and the model registry
    expect(buckets.length).toBe(spec.dataLake.zones.length + 1);
    for (const b of buckets) expect(keyIds).toContain((b["encryption"] as { default_kms_key_name: string }).default_kms_key_name);
    for (const d of blocksOf(json, "google_bigquery_dataset")) {
      expect((d["default_encryption_configuration"] as { kms_key_name: string }).kms_key_name).toBe(
        refTo(json, "google_kms_crypto_key", "Platform_Kms_data-lake_", "id"),
      );
    }
  });

  test("THEN Kubernetes Secrets and every node boot disk use their own keys", () => {
    const cluster = blocksOf(json, "google_container_cluster")[0]!;
    expect(cluster["database_encryption"]).toEqual({ state: "ENCRYPTED", key_name: refTo(json, "google_kms_crypto_key", "Platform_Kms_gke-secrets_", "id") });
    const bootKey = refTo(json, "google_kms_crypto_key", "Platform_Kms_node-boot-disks_", "id");
    const pools = blocksOf(json, "google_container_node_pool");
    expect(pools.length).toBe(1 + spec.gpuPools.length);
    for (const p of [...pools, cluster]) expect((p["node_config"] as { boot_disk_kms_key: string }).boot_disk_kms_key).toBe(bootKey);
  });

  test("THEN encrypted resources wait for their service agent's grant", () => {
    const cluster = blocksOf(json, "google_container_cluster")[0]!;
    expect((cluster["depends_on"] as string[]).some((d) => d.includes("GkeServiceAgent"))).toBe(true);
    const bucket = blockNamed(json, "google_storage_bucket", "Platform_DataLake_raw_Bucket");
    expect((bucket["depends_on"] as string[]).some((d) => d.includes("StorageServiceAgentDataLake"))).toBe(true);
    const dataset = blockNamed(json, "google_bigquery_dataset", "Platform_DataLake_raw_Catalog");
    expect((dataset["depends_on"] as string[]).some((d) => d.includes("BigQueryServiceAccountDataLake"))).toBe(true);
  });
});
