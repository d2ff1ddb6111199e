import { dataLakeBucketName } from "../../lib/gcp";
import { stableSuffix } from "../../lib/spec/naming";
import { blockNamed, blocksOf, buildPlatform, gcpSpec, refTo, resourcesOf, synthPlatform, type TfJson } from "./helpers";

describe("GcpDataLake", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  const bucket = (zone: string) => blockNamed(json, "google_storage_bucket", `Platform_DataLake_${zone}_Bucket`);

  test("GIVEN three zones WHEN synthesized THEN each has a bucket with a deterministic, stable name", () => {
    for (const zone of spec.dataLake.zones) {
      const name = `acme-ml-${zone}-${stableSuffix(6, "acme-ml-prod", "europe-west4", zone)}`;
      expect(bucket(zone)["name"]).toBe(name);
      expect(dataLakeBucketName(spec, target, zone)).toBe(name);
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });

  test("THEN every bucket is regional, private, versioned, uniform-access, undeletable by Terraform", () => {
    for (const zone of spec.dataLake.zones) {
      expect(bucket(zone)).toMatchObject({
        location: "europe-west4",
        uniform_bucket_level_access: true,
        public_access_prevention: "enforced",
        versioning: { enabled: true },
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  test("THEN objects tier to Nearline then Coldline, noncurrent versions expire, incomplete uploads are aborted", () => {
    expect(bucket("raw")["lifecycle_rule"]).toEqual([
      { action: { type: "SetStorageClass", storage_class: "NEARLINE" }, condition: { age: 90, matches_storage_class: ["STANDARD"] } },
      { action: { type: "SetStorageClass", storage_class: "COLDLINE" }, condition: { age: 180, matches_storage_class: ["NEARLINE"] } },
      { action: { type: "Delete" }, condition: { days_since_noncurrent_time: 30, with_state: "ARCHIVED" } },
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
    ]);
  });

  test("THEN access is recorded by Data Access audit logs, with no usage-log bucket and no grant to Google's log-delivery group", () => {
    expect(bucket("raw")["logging"]).toBeUndefined();
    expect(Object.keys(resourcesOf(json, "google_storage_bucket")).filter((n) => n.startsWith("Platform_AccessLogs"))).toEqual([]);
    const members = blocksOf(json, "google_storage_bucket_iam_member").map((m) => m["member"]);
    expect(members).not.toContain("group:cloud-storage-analytics@google.com");
    const audit = blocksOf(json, "google_project_iam_audit_config").map((c) => [c["service"], c["audit_log_config"]]);
    expect(audit).toEqual([
      ["bigquery.googleapis.com", [{ log_type: "ADMIN_READ" }, { log_type: "DATA_READ" }, { log_type: "DATA_WRITE" }]],
      ["storage.googleapis.com", [{ log_type: "ADMIN_READ" }, { log_type: "DATA_READ" }, { log_type: "DATA_WRITE" }]],
    ]);
  });

  test("THEN each zone has a BigQuery dataset in the region as its catalog, kept on destroy", () => {
    const datasets = blocksOf(json, "google_bigquery_dataset");
    expect(datasets.map((d) => d["dataset_id"]).sort()).toEqual(["acme_ml_curated", "acme_ml_features", "acme_ml_raw"]);
    for (const d of datasets) expect(d).toMatchObject({ location: "europe-west4", delete_contents_on_destroy: false });
  });

  test("THEN team grants give least privilege on exactly the zone's bucket and dataset", () => {
    const research = refTo(json, "google_service_account", "Platform_Team-research", "email");
    const serving = refTo(json, "google_service_account", "Platform_Team-serving", "email");
    const grantsOn = (zone: string) =>
      blocksOf(json, "google_storage_bucket_iam_member")
        .filter((m) => m["bucket"] === refTo(json, "google_storage_bucket", `Platform_DataLake_${zone}_Bucket`, "name"))
        .map((m) => [m["role"], m["member"]])
        .sort();
    expect(grantsOn("raw")).toEqual([["roles/storage.objectViewer", `serviceAccount:${research}`]]);
    expect(grantsOn("curated")).toEqual([["roles/storage.objectUser", `serviceAccount:${research}`]]);
    expect(grantsOn("features")).toEqual(
      [
        ["roles/storage.objectUser", `serviceAccount:${research}`],
        ["roles/storage.objectViewer", `serviceAccount:${serving}`],
      ].sort(),
    );
    const datasetGrants = blocksOf(json, "google_bigquery_dataset_iam_member").map((m) => [m["dataset_id"], m["role"], m["member"]]).sort();
    const ds = (zone: string) => refTo(json, "google_bigquery_dataset", `Platform_DataLake_${zone}_Catalog`, "dataset_id");
    expect(datasetGrants).toEqual(
      [
        [ds("raw"), "roles/bigquery.dataViewer", `serviceAccount:${research}`],
        [ds("curated"), "roles/bigquery.dataEditor", `serviceAccount:${research}`],
        [ds("features"), "roles/bigquery.dataEditor", `serviceAccount:${research}`],
        [ds("features"), "roles/bigquery.dataViewer", `serviceAccount:${serving}`],
      ].sort(),
    );
  });

  test("fails when a grant names a zone the lake does not have", () => {
    const { platform } = buildPlatform(spec, target);
    const identity = platform.teamIdentities.get("research")!;
    expect(() => platform.dataLake.grantRead(identity, "gold")).toThrow(/data lake has no zone "gold" \(zones: raw, curated, features\)/);
  });
});
