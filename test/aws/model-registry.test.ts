import { asList, exampleSpec, resourceNamed, statementsOf, synthAws, variantSpec, type TfJson } from "./helpers";

describe("ModelRegistry", () => {
  let json: TfJson;
  beforeAll(() => {
    // GIVEN the example (retention 30 days, not locked), WHEN synthesized
    json = synthAws(exampleSpec()).json;
  });

  test("object lock is enabled at creation with a GOVERNANCE default retention of 30 days (unlocked unless the spec locks it)", () => {
    const bucket = resourceNamed(json, "aws_s3_bucket", "ModelRegistry");
    expect(bucket).toMatchObject({ object_lock_enabled: true, force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(bucket["bucket"]).toMatch(/^acme-ml-models-eu-central-1-[0-9a-f]{8}$/);
    const lock = resourceNamed(json, "aws_s3_bucket_object_lock_configuration", "ModelRegistry");
    expect(lock["rule"]).toEqual({ default_retention: { mode: "GOVERNANCE", days: 30 } });
  });

  test("GIVEN modelRegistry.lock: true THEN the default retention is COMPLIANCE", () => {
    const locked = synthAws(variantSpec((input) => (input["modelRegistry"] = { retentionDays: 30, lock: true }))).json;
    expect(resourceNamed(locked, "aws_s3_bucket_object_lock_configuration", "ModelRegistry")["rule"]).toEqual({
      default_retention: { mode: "COMPLIANCE", days: 30 },
    });
  });

  test("same baseline as the lake: SSE-KMS with its key, versioned, blocked, TLS-only, logged", () => {
    const enc = resourceNamed(json, "aws_s3_bucket_server_side_encryption_configuration", "ModelRegistry");
    expect(JSON.stringify(enc["rule"])).toContain("aws_kms_key.Platform_ModelRegistry_Key");
    expect(resourceNamed(json, "aws_s3_bucket_versioning", "ModelRegistry")["versioning_configuration"]).toEqual({ status: "Enabled" });
    expect(resourceNamed(json, "aws_s3_bucket_public_access_block", "ModelRegistry")["block_public_policy"]).toBe(true);
    expect(statementsOf(resourceNamed(json, "aws_s3_bucket_policy", "ModelRegistry")["policy"]).map((s) => s.Sid)).toContain("DenyInsecureTransport");
    expect(resourceNamed(json, "aws_s3_bucket_logging", "ModelRegistry")["target_prefix"]).toMatch(/^acme-ml-models-/);
  });

  test("publish = read + put; never delete, bypass governance or change retention", () => {
    const research = statementsOf(resourceNamed(json, "aws_iam_role_policy", "Team-research")["policy"]);
    const models = research.filter((s) => asList(s.Resource).some((r) => r.includes("ModelRegistry_Bucket")));
    const actions = models.flatMap((s) => asList(s.Action));
    expect(actions).toEqual(expect.arrayContaining(["s3:GetObject", "s3:PutObject", "s3:ListBucket"]));
    for (const forbidden of ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention", "s3:PutObjectRetention"]) {
      expect(actions).not.toContain(forbidden);
    }
  });

  test("consume = read only", () => {
    const serving = statementsOf(resourceNamed(json, "aws_iam_role_policy", "Team-serving")["policy"]);
    const models = serving.filter((s) => asList(s.Resource).some((r) => r.includes("ModelRegistry")));
    expect(models.flatMap((s) => asList(s.Action)).sort()).toEqual(["kms:Decrypt", "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"]);
  });

  test("governance mode maps to S3 GOVERNANCE", () => {
    // GIVEN a spec with governance retention of 7 days, WHEN synthesized
    const spec = variantSpec((s) => {
      s["modelRegistry"] = { retentionDays: 7, mode: "governance" };
    });
    const lock = resourceNamed(synthAws(spec).json, "aws_s3_bucket_object_lock_configuration", "ModelRegistry");
    // THEN
    expect(lock["rule"]).toEqual({ default_retention: { mode: "GOVERNANCE", days: 7 } });
  });
});
