import { blockNamed, gcpSpec, refTo, synthPlatform, type TfJson } from "./helpers";

describe("GcpSystemNodePool", () => {
  let pool: Record<string, unknown>;
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
    pool = blockNamed(json, "google_container_node_pool", "Platform_SystemPool");
  });

  test("GIVEN size medium WHEN synthesized THEN the pool uses the catalog's GCP machine for it", () => {
    expect(pool["name"]).toBe("system");
    expect((pool["node_config"] as { machine_type: string }).machine_type).toBe("n2-standard-4");
    expect(pool["cluster"]).toBe(refTo(json, "google_container_cluster", "Platform_Cluster", "id"));
  });

  test("THEN autoscaling bounds are totals across zones, from the spec", () => {
    expect(pool["autoscaling"]).toEqual({
      total_min_node_count: spec.cluster.system.minNodes,
      total_max_node_count: spec.cluster.system.maxNodes,
      location_policy: "BALANCED",
    });
  });

  test("THEN nodes are hardened: GKE metadata server, shielded VM, pd-balanced, auto repair and upgrade", () => {
    expect(pool["node_config"]).toMatchObject({
      workload_metadata_config: { mode: "GKE_METADATA" },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      disk_type: "pd-balanced",
      metadata: { "disable-legacy-endpoints": "true" },
    });
    expect(pool["management"]).toEqual({ auto_repair: true, auto_upgrade: true });
  });
});
