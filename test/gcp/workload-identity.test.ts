import { GKE_SERVICE_ACCOUNT_ANNOTATION, TEAM_SERVICE_ACCOUNT, teamServiceAccountId } from "../../lib/gcp";
import type { GcpTarget } from "../../lib/spec/schema";
import { blockNamed, blocksOf, gcpSpec, refTo, synthPlatform, type TfJson } from "./helpers";
import type { GcpPlatform } from "../../lib/gcp";

describe("GcpWorkloadIdentity", () => {
  let json: TfJson;
  let platform: GcpPlatform;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json, platform } = synthPlatform(spec, target));
  });

  test("GIVEN two teams WHEN synthesized THEN each has a Google service account with a valid, stable id", () => {
    for (const team of ["research", "serving"]) {
      const sa = blockNamed(json, "google_service_account", `Platform_Team-${team}_`);
      expect(sa["account_id"]).toBe(teamServiceAccountId(spec, target, team));
      expect(sa["account_id"]).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    }
  });

  test("THEN only the team's Kubernetes service account may impersonate it", () => {
    const bindings = blocksOf(json, "google_service_account_iam_member").map((b) => [b["service_account_id"], b["role"], b["member"]]).sort();
    expect(bindings).toEqual(
      [
        [refTo(json, "google_service_account", "Platform_Team-research_", "name"), "roles/iam.workloadIdentityUser", "serviceAccount:acme-ml-prod.svc.id.goog[research/workload]"],
        [refTo(json, "google_service_account", "Platform_Team-serving_", "name"), "roles/iam.workloadIdentityUser", "serviceAccount:acme-ml-prod.svc.id.goog[serving/workload]"],
      ].sort(),
    );
  });

  test("THEN the identity exposes the GSA email, the namespace, the KSA name and its annotation", () => {
    const identity = platform.teamIdentities.get("research")!;
    expect(identity.namespace).toBe("research");
    expect(identity.serviceAccountName).toBe(TEAM_SERVICE_ACCOUNT);
    expect(TEAM_SERVICE_ACCOUNT).toBe("workload");
    expect(identity.serviceAccountAnnotations).toEqual({ [GKE_SERVICE_ACCOUNT_ANNOTATION]: identity.principal });
  });

  test("GIVEN the longest names THEN the id stays within 30 characters and differs per team", () => {
    const t: GcpTarget = { cloud: "gcp", region: "europe-west4", project: "acme-ml-prod" };
    const long = { name: "a-platform-name-of20" };
    const a = teamServiceAccountId(long, t, "team-name-of-twenty1");
    const b = teamServiceAccountId(long, t, "team-name-of-twenty2");
    expect(a.length).toBeLessThanOrEqual(30);
    expect(a).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    expect(a).not.toBe(b);
    expect(teamServiceAccountId(long, t, "team-name-of-twenty1")).toBe(a);
  });
});
