import { Testing, TerraformStack } from "cdktf";
import { GcpModelRegistry } from "../../lib/gcp";
import { blockNamed, blocksOf, exampleInput, gcpSpec, refTo, synthPlatform, type TfJson } from "./helpers";

describe("GcpModelRegistry", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  const registry = () => blockNamed(json, "google_storage_bucket", "Platform_ModelRegistry_Bucket");

  test("GIVEN 30 days and no lock WHEN synthesized THEN a 30-day retention policy applies, unlocked", () => {
    expect(registry()["retention_policy"]).toEqual({ retention_period: 30 * 86400, is_locked: false });
  });

  test("GIVEN lock: true THEN the retention policy is locked", () => {
    const { spec: locked, target: t } = gcpSpec({ ...exampleInput(), modelRegistry: { retentionDays: 30, lock: true } });
    const { json: lockedJson } = synthPlatform(locked, t);
    expect(blockNamed(lockedJson, "google_storage_bucket", "Platform_ModelRegistry_Bucket")["retention_policy"]).toEqual({ retention_period: 30 * 86400, is_locked: true });
  });

  test("THEN versioning is off, since Cloud Storage refuses it beside a retention policy", () => {
    expect(registry()["versioning"]).toEqual({ enabled: false });
  });

  test("THEN the bucket has the platform's bucket properties", () => {
    expect(registry()).toMatchObject({
      location: "europe-west4",
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      encryption: { default_kms_key_name: refTo(json, "google_kms_crypto_key", "Platform_Kms_model-registry_", "id") },
    });
    expect(registry()["logging"]).toBeUndefined();
  });

  test("THEN publishers may create and read, consumers only read; nobody may delete", () => {
    const research = `serviceAccount:${refTo(json, "google_service_account", "Platform_Team-research", "email")}`;
    const serving = `serviceAccount:${refTo(json, "google_service_account", "Platform_Team-serving", "email")}`;
    const grants = blocksOf(json, "google_storage_bucket_iam_member")
      .filter((m) => m["bucket"] === refTo(json, "google_storage_bucket", "Platform_ModelRegistry_Bucket", "name"))
      .map((m) => [m["role"], m["member"]])
      .sort();
    expect(grants).toEqual(
      [
        ["roles/storage.objectCreator", research],
        ["roles/storage.objectViewer", research],
        ["roles/storage.objectViewer", serving],
      ].sort(),
    );
  });

  test("GIVEN governance mode THEN the retention policy is not locked", () => {
    const stack = new TerraformStack(Testing.app(), "registry");
    new GcpModelRegistry(stack, "Registry", {
      project: "proj-123456", region: "europe-west4", bucketName: "b-model-registry-000000", kmsKeyName: "k", logBucket: "logs",
      retentionDays: 7, mode: "governance",
    });
    const out = JSON.parse(Testing.synth(stack)) as TfJson;
    expect(blocksOf(out, "google_storage_bucket")[0]!["retention_policy"]).toEqual({ retention_period: 7 * 86400, is_locked: false });
  });
});
