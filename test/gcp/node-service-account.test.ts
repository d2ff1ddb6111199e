import { NODE_SERVICE_ACCOUNT_ROLES } from "../../lib/gcp";
import { blockNamed, blocksOf, gcpSpec, refTo, synthPlatform, type TfJson } from "./helpers";

describe("GcpNodeServiceAccount", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  test("GIVEN the example WHEN synthesized THEN a dedicated node service account exists", () => {
    expect(blockNamed(json, "google_service_account", "Platform_NodeServiceAccount")).toMatchObject({
      account_id: "acme-ml-gke-nodes",
      project: "acme-ml-prod",
    });
  });

  test("THEN it holds exactly the five least-privilege node roles", () => {
    const member = refTo(json, "google_service_account", "Platform_NodeServiceAccount", "member");
    const roles = blocksOf(json, "google_project_iam_member").filter((m) => m["member"] === member).map((m) => m["role"]);
    expect(roles.sort()).toEqual([...NODE_SERVICE_ACCOUNT_ROLES].sort());
  });

  test("THEN every node pool and the cluster's default pool run as it, never as the Compute Engine default account", () => {
    const email = refTo(json, "google_service_account", "Platform_NodeServiceAccount", "email");
    const configs = [...blocksOf(json, "google_container_node_pool"), ...blocksOf(json, "google_container_cluster")].map(
      (b) => b["node_config"] as { service_account?: string; oauth_scopes?: string[] },
    );
    for (const c of configs) {
      expect(c.service_account).toBe(email);
      expect(c.oauth_scopes).toEqual(["https://www.googleapis.com/auth/cloud-platform"]);
    }
    expect(JSON.stringify(json)).not.toMatch(/-compute@developer\.gserviceaccount\.com/);
  });
});
