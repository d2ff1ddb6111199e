import { ARCHIVE_STORAGE_CLASS } from "../../lib/aws/secure-bucket";
import { asList, exampleSpec, resourceNamed, resourcesOf, statementsOf, synthAws, type TfJson } from "./helpers";

describe("DataLake", () => {
  let json: TfJson;
  beforeAll(() => {
    // GIVEN the example's lake (raw, curated, features; archive 90 d; noncurrent 30 d), WHEN synthesized
    json = synthAws(exampleSpec()).json;
  });
  const forZone = (type: string, zone: string) => resourceNamed(json, type, `DataLake_${zone}_`);

  test("one bucket per zone with a deterministic, region-qualified name of at most 63 characters", () => {
    for (const zone of ["raw", "curated", "features"]) {
      const bucket = forZone("aws_s3_bucket", zone);
      expect(bucket["bucket"]).toMatch(new RegExp(`^acme-ml-lake-${zone}-eu-central-1-[0-9a-f]{8}$`));
      expect(String(bucket["bucket"]).length).toBeLessThanOrEqual(63);
      expect(bucket["force_destroy"]).toBe(false);
      expect(bucket["lifecycle"]).toEqual({ prevent_destroy: true });
    }
  });

  test("SSE-KMS with the zone's own key and an S3 bucket key", () => {
    const enc = forZone("aws_s3_bucket_server_side_encryption_configuration", "curated");
    expect(enc["rule"]).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: expect.stringContaining("aws_kms_key.Platform_DataLake_curated_Key") },
        bucket_key_enabled: true,
      },
    ]);
  });

  test("versioned, public access fully blocked, ACLs disabled", () => {
    expect(forZone("aws_s3_bucket_versioning", "raw")["versioning_configuration"]).toEqual({ status: "Enabled" });
    expect(forZone("aws_s3_bucket_public_access_block", "raw")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(forZone("aws_s3_bucket_ownership_controls", "raw")["rule"]).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("the bucket policy denies plain HTTP, TLS below 1.2 and uploads with another key", () => {
    const statements = statementsOf(forZone("aws_s3_bucket_policy", "features")["policy"]);
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid["DenyInsecureTransport"]).toMatchObject({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(bySid["DenyTlsBelow12"]).toMatchObject({ Effect: "Deny", Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } });
    expect(bySid["DenyOtherKmsKeys"]?.Effect).toBe("Deny");
    expect(statements.filter((s) => s.Effect === "Allow")).toEqual([]);
  });

  test("access logs go to the dedicated log bucket under the bucket's own prefix", () => {
    const logging = forZone("aws_s3_bucket_logging", "raw");
    expect(String(logging["target_bucket"])).toContain("aws_s3_bucket.Platform_AccessLogs");
    expect(logging["target_prefix"]).toMatch(/^acme-ml-lake-raw-eu-central-1-[0-9a-f]{8}\/$/);
  });

  test("lifecycle: archive after 90 days, noncurrent versions after 30, abort uploads after 7", () => {
    const rules = forZone("aws_s3_bucket_lifecycle_configuration", "raw")["rule"] as Record<string, unknown>[];
    const byId = Object.fromEntries(rules.map((r) => [r["id"], r]));
    expect(byId["archive"]?.["transition"]).toEqual([{ days: 90, storage_class: ARCHIVE_STORAGE_CLASS }]);
    expect(byId["expire-noncurrent-versions"]?.["noncurrent_version_expiration"]).toEqual([{ noncurrent_days: 30 }]);
    expect(byId["abort-incomplete-uploads"]?.["abort_incomplete_multipart_upload"]).toEqual([{ days_after_initiation: 7 }]);
  });

  test("every lifecycle rule names its filter explicitly (prefix \"\"), never an empty filter block", () => {
    const all = Object.values(resourcesOf(json, "aws_s3_bucket_lifecycle_configuration")).flatMap((c) => c["rule"] as Record<string, unknown>[]);
    expect(all.length).toBeGreaterThan(3);
    for (const rule of all) expect(rule["filter"]).toEqual([{ prefix: "" }]);
  });

  test("a Glue database per zone, named with underscores", () => {
    const names = Object.values(resourcesOf(json, "aws_glue_catalog_database")).map((d) => d["name"]).sort();
    expect(names).toEqual(["acme_ml_curated", "acme_ml_features", "acme_ml_raw"]);
  });

  test("the access-log bucket: SSE-S3, versioned, blocked, TLS-only, writable by S3 logging of this account only", () => {
    const enc = resourceNamed(json, "aws_s3_bucket_server_side_encryption_configuration", "AccessLogs");
    expect(enc["rule"]).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(resourceNamed(json, "aws_s3_bucket_versioning", "AccessLogs")["versioning_configuration"]).toEqual({ status: "Enabled" });
    expect(resourceNamed(json, "aws_s3_bucket_public_access_block", "AccessLogs")["restrict_public_buckets"]).toBe(true);
    expect(resourceNamed(json, "aws_s3_bucket_ownership_controls", "AccessLogs")["rule"]).toEqual({ object_ownership: "BucketOwnerEnforced" });
    const statements = statementsOf(resourceNamed(json, "aws_s3_bucket_policy", "AccessLogs")["policy"]);
    const delivery = statements.find((s) => s.Sid === "S3ServerAccessLogDelivery");
    expect(delivery).toMatchObject({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject" });
    expect(Object.keys(delivery?.Condition ?? {}).sort()).toEqual(["ArnLike", "StringEquals"]);
    expect(statements.map((s) => s.Sid)).toContain("DenyInsecureTransport");
  });

  test("grants: a reader gets Get/List and Decrypt on its zone only; a writer adds Put/Delete/Abort and GenerateDataKey", () => {
    const research = statementsOf(resourceNamed(json, "aws_iam_role_policy", "Team-research")["policy"]);
    const onRaw = research.filter((s) => asList(s.Resource).some((r) => r.includes("DataLake_raw_Bucket")));
    expect(onRaw.flatMap((s) => asList(s.Action)).sort()).toEqual(["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"]);
    const rawKey = research.find((s) => asList(s.Resource).some((r) => r.includes("DataLake_raw_Key")));
    expect(rawKey?.Action).toEqual(["kms:Decrypt"]);
    const onCurated = research.filter((s) => asList(s.Resource).some((r) => r.includes("DataLake_curated_Bucket")));
    expect(onCurated.flatMap((s) => asList(s.Action)).sort()).toEqual(
      ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:PutObject"].sort(),
    );
    const curatedKey = research.find((s) => asList(s.Resource).some((r) => r.includes("DataLake_curated_Key")));
    expect(curatedKey?.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"]);
    // serving reads features only: nothing on raw or curated
    const serving = JSON.stringify(statementsOf(resourceNamed(json, "aws_iam_role_policy", "Team-serving")["policy"]));
    expect(serving).toContain("DataLake_features_Bucket");
    expect(serving).not.toContain("DataLake_raw_");
    expect(serving).not.toContain("DataLake_curated_");
  });

  test("the Glue Data Catalog is encrypted with its own customer-managed key, before any database is created", () => {
    const settings = Object.values(resourcesOf(json, "aws_glue_data_catalog_encryption_settings"));
    expect(settings).toHaveLength(1);
    const catalogKeyRef = expect.stringMatching(/^\$\{aws_kms_key\.Platform_DataLake_CatalogKey_[0-9A-F]+\.arn\}$/);
    expect(settings[0]?.["data_catalog_encryption_settings"]).toEqual({
      encryption_at_rest: { catalog_encryption_mode: "SSE-KMS", sse_aws_kms_key_id: catalogKeyRef },
      connection_password_encryption: { return_connection_password_encrypted: true, aws_kms_key_id: catalogKeyRef },
    });
    const key = resourceNamed(json, "aws_kms_key", "DataLake_CatalogKey");
    expect(key).toMatchObject({ enable_key_rotation: true });
    for (const db of Object.values(resourcesOf(json, "aws_glue_catalog_database"))) {
      expect(db["depends_on"]).toEqual([expect.stringContaining("aws_glue_data_catalog_encryption_settings.Platform_DataLake_CatalogEncryption")]);
    }
  });

  test("every team with lake access may use the catalog key (Glue asks for Decrypt, Encrypt and GenerateDataKey, readers too)", () => {
    for (const team of ["research", "serving"]) {
      const statements = statementsOf(resourceNamed(json, "aws_iam_role_policy", `Team-${team}`)["policy"]);
      const catalogKey = statements.find((st) => asList(st.Resource).some((r) => r.includes("DataLake_CatalogKey")));
      expect(catalogKey?.Action).toEqual(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]);
    }
  });

  test("fails when a team names a zone the lake does not have", () => {
    const spec = exampleSpec();
    const teams = spec.teams.map((t) => (t.name === "serving" ? { ...t, data: { gold: "read" as const } } : t));
    expect(() => synthAws({ ...spec, teams })).toThrow(/teams\[1\]\.data\.gold: "gold" is not a data-lake zone \(zones: raw, curated, features\)/);
  });
});
