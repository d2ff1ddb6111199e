import { blockNamed, blocksOf, exampleInput, gcpSpec, resourcesOf, synthPlatform, type TfJson } from "./helpers";
import { validateSpec } from "../../lib/spec/validate";

/** The example with options on its gcp target. */
function withGcpOptions(gcp: Record<string, unknown>) {
  const input = exampleInput();
  const targets = (input.targets as Record<string, unknown>[]).map((t) => (t["cloud"] === "gcp" ? { ...t, gcp } : t));
  return { ...input, targets };
}

describe("GKE cluster options from the spec", () => {
  let json: TfJson;
  let cluster: Record<string, unknown>;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
    cluster = blockNamed(json, "google_container_cluster", "Platform_Cluster");
  });

  test("GIVEN the example WHEN synthesized THEN the plan fails unless GKE offers the minor in the channel", () => {
    const versions = Object.entries(json.data?.["google_container_engine_versions"] ?? {});
    expect(versions).toHaveLength(1);
    const [name, data] = versions[0]!;
    expect(data).toMatchObject({ project: "acme-ml-prod", location: "europe-west4", version_prefix: "1.33." });
    const lifecycle = cluster["lifecycle"] as { precondition: { condition: string; error_message: string }[] };
    expect(lifecycle.precondition).toEqual([
      {
        condition: `\${contains(keys(data.google_container_engine_versions.${name}.release_channel_latest_version), "REGULAR")}`,
        error_message: expect.stringContaining("GKE offers no 1.33 version in the REGULAR channel in europe-west4"),
      },
    ]);
  });

  test("THEN maintenance runs only in the default weekend window", () => {
    expect(cluster["maintenance_policy"]).toEqual({
      recurring_window: { start_time: "2026-01-03T00:00:00Z", end_time: "2026-01-03T12:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" },
    });
  });

  test("THEN Binary Authorization is off and its API is not enabled", () => {
    expect(cluster["binary_authorization"]).toBeUndefined();
    expect(blocksOf(json, "google_project_service").map((s) => s["service"])).not.toContain("binaryauthorization.googleapis.com");
  });

  test("THEN the node service account has the GKE default node role and Artifact Registry read, nothing else", () => {
    const node = Object.entries(resourcesOf(json, "google_project_iam_member"))
      .filter(([n]) => n.startsWith("Platform_NodeServiceAccount"))
      .map(([, m]) => m["role"])
      .sort();
    expect(node).toEqual(["roles/artifactregistry.reader", "roles/container.defaultNodeServiceAccount"]);
  });
});

describe("GKE cluster options set on the target", () => {
  let json: TfJson;
  let cluster: Record<string, unknown>;

  beforeAll(() => {
    const { spec, target } = gcpSpec(
      withGcpOptions({
        releaseChannel: "STABLE",
        binaryAuthorization: true,
        maintenance: {
          window: { start: "2026-01-05T22:00:00Z", end: "2026-01-06T04:00:00Z", recurrence: "FREQ=DAILY" },
          exclusions: [{ name: "quarter-end training", start: "2026-03-25T00:00:00Z", end: "2026-04-02T00:00:00Z", scope: "no-minor-or-node-upgrades" }],
        },
      }),
    );
    ({ json } = synthPlatform(spec, target));
    cluster = blockNamed(json, "google_container_cluster", "Platform_Cluster");
  });

  test("GIVEN binaryAuthorization WHEN synthesized THEN the project policy is enforced and its API enabled first", () => {
    expect(cluster["binary_authorization"]).toEqual({ evaluation_mode: "PROJECT_SINGLETON_POLICY_ENFORCE" });
    expect(blocksOf(json, "google_project_service").map((s) => s["service"])).toContain("binaryauthorization.googleapis.com");
  });

  test("GIVEN the STABLE channel THEN the cluster and its version check use it", () => {
    expect(cluster["release_channel"]).toEqual({ channel: "STABLE" });
    const lifecycle = cluster["lifecycle"] as { precondition: { condition: string }[] };
    expect(lifecycle.precondition[0]!.condition).toContain('"STABLE")}');
  });

  test("GIVEN a window and an exclusion THEN both are the cluster's maintenance policy", () => {
    expect(cluster["maintenance_policy"]).toEqual({
      recurring_window: { start_time: "2026-01-05T22:00:00Z", end_time: "2026-01-06T04:00:00Z", recurrence: "FREQ=DAILY" },
      maintenance_exclusion: [
        {
          exclusion_name: "quarter-end training",
          start_time: "2026-03-25T00:00:00Z",
          end_time: "2026-04-02T00:00:00Z",
          exclusion_options: { scope: "NO_MINOR_OR_NODE_UPGRADES" },
        },
      ],
    });
  });

  test("fails when an exclusion ends before it starts", () => {
    const result = validateSpec(
      withGcpOptions({ maintenance: { exclusions: [{ name: "x", start: "2026-03-25T00:00:00Z", end: "2026-03-24T00:00:00Z" }] } }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain("targets[1].gcp.maintenance.exclusions[0].end");
  });

  test("fails when lock is true and mode says governance", () => {
    const result = validateSpec({ ...exampleInput(), modelRegistry: { retentionDays: 30, lock: true, mode: "governance" } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain("modelRegistry.mode");
  });
});
