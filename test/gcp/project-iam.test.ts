import { Testing, TerraformStack } from "cdktf";
import { HUMAN_CLUSTER_ROLE, ProjectIamGrants } from "../../lib/gcp";
import { blocksOf, gcpSpec, synthPlatform, type TfJson } from "./helpers";

const IAM_TYPES = [
  "google_project_iam_member",
  "google_storage_bucket_iam_member",
  "google_bigquery_dataset_iam_member",
  "google_kms_crypto_key_iam_member",
  "google_service_account_iam_member",
];

describe("IAM across the GCP platform", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  test("GIVEN the example WHEN synthesized THEN no primitive role and no public member is granted anywhere", () => {
    const members = IAM_TYPES.flatMap((t) => blocksOf(json, t));
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) {
      expect(["roles/owner", "roles/editor", "roles/viewer"]).not.toContain(m["role"]);
      expect(["allUsers", "allAuthenticatedUsers"]).not.toContain(m["member"]);
    }
    expect(JSON.stringify(json)).not.toMatch(/allUsers|allAuthenticatedUsers/);
    expect(blocksOf(json, "google_project_iam_binding")).toEqual([]);
    expect(blocksOf(json, "google_project_iam_policy")).toEqual([]);
  });

  test("THEN every person (team members, admins, auditors) gets cluster viewer once, and nothing else on the project", () => {
    const people = [
      "group:auditors@acme.example",
      "group:platform-admins@acme.example",
      "group:research-devs@acme.example",
      "group:research-leads@acme.example",
      "group:research-viewers@acme.example",
      "group:serving-leads@acme.example",
    ];
    const viewers = blocksOf(json, "google_project_iam_member").filter((m) => m["role"] === HUMAN_CLUSTER_ROLE);
    expect(viewers.map((m) => m["member"]).sort()).toEqual(people);
    const humanRoles = blocksOf(json, "google_project_iam_member").filter((m) => people.includes(m["member"] as string)).map((m) => m["role"]);
    expect(new Set(humanRoles)).toEqual(new Set([HUMAN_CLUSTER_ROLE]));
  });

  test("THEN a member's IAM address is a digest of the member, independent of its position", () => {
    const names = Object.keys(json.resource["google_project_iam_member"] ?? {}).filter((n) => n.includes("clusterViewer"));
    expect(names.every((n) => /^Platform_HumanAccess_container-clusterViewer-[0-9a-f]{10}_[0-9A-F]{8}$/.test(n))).toBe(true);
  });
});

describe("ProjectIamGrants", () => {
  const grants = () => new ProjectIamGrants(new TerraformStack(Testing.app(), "iam"), "Iam", { project: "proj-123456" });

  test("GIVEN the same member twice THEN one IAM member is created", () => {
    const g = grants();
    expect(g.grant("roles/container.clusterViewer", "user:a@example.com")).toBe(g.grant("roles/container.clusterViewer", "user:a@example.com"));
    expect(g.grants).toHaveLength(1);
  });

  test("fails when asked for a primitive role", () => {
    expect(() => grants().grant("roles/editor", "user:a@example.com")).toThrow(/roles\/editor is a primitive role/);
  });

  test("fails when asked to grant allUsers", () => {
    expect(() => grants().grant("roles/container.clusterViewer", "allUsers")).toThrow(/allUsers may not be granted/);
  });
});
