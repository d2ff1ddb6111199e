/**
 * What a first apply in a fresh project needs: APIs enabled before the resources that call
 * them, the Workload Identity pool before team bindings, and every log kept in the region.
 */
import { PLATFORM_APIS, systemPoolInitialNodeCount } from "../../lib/gcp";
import { checkResidency } from "../../lib/residency/pinning";
import { blockNamed, blocksOf, gcpSpec, refTo, resourcesOf, synthPlatform, type TfJson } from "./helpers";

function dependsOn(block: Record<string, unknown>): string[] {
  return (block["depends_on"] as string[] | undefined) ?? [];
}

describe("GcpPlatform on a fresh project", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();
  /** The `depends_on` address of a resource: `type.name`. */
  const address = (type: string, prefix: string) => refTo(json, type, prefix, "id").replace(/^\$\{(.*)\.id\}$/, "$1");
  const serviceRef = (api: string) => address("google_project_service", `Platform_Services_${api}_`);

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  test("GIVEN the example WHEN synthesized THEN every API the stack uses is enabled and never disabled on destroy", () => {
    const services = blocksOf(json, "google_project_service");
    expect(services.map((s) => s["service"]).sort()).toEqual([
      "bigquery.googleapis.com",
      "cloudkms.googleapis.com",
      "cloudresourcemanager.googleapis.com",
      "compute.googleapis.com",
      "container.googleapis.com",
      "iam.googleapis.com",
      "logging.googleapis.com",
      "monitoring.googleapis.com",
      "storage.googleapis.com",
    ]);
    for (const s of services) expect(s).toMatchObject({ project: "acme-ml-prod", disable_on_destroy: false, disable_dependent_services: false });
    expect(PLATFORM_APIS).not.toContain("binaryauthorization.googleapis.com");
  });

  test("THEN resources wait for the APIs they call", () => {
    expect(dependsOn(blockNamed(json, "google_container_cluster", "Platform_Cluster"))).toEqual(
      expect.arrayContaining([serviceRef("container"), serviceRef("compute"), serviceRef("logging"), serviceRef("monitoring")]),
    );
    expect(dependsOn(blockNamed(json, "google_compute_network", "Platform_Network"))).toContain(serviceRef("compute"));
    for (const b of blocksOf(json, "google_storage_bucket")) expect(dependsOn(b)).toContain(serviceRef("storage"));
    for (const d of blocksOf(json, "google_bigquery_dataset")) expect(dependsOn(d)).toContain(serviceRef("bigquery"));
    for (const sa of blocksOf(json, "google_service_account")) expect(dependsOn(sa)).toContain(serviceRef("iam"));
    for (const m of blocksOf(json, "google_project_iam_member")) expect(dependsOn(m)).toContain(serviceRef("cloudresourcemanager"));
    for (const k of blocksOf(json, "google_kms_crypto_key")) expect(dependsOn(k)).toContain(serviceRef("cloudkms"));
    // the service agents are read (and created) only once their API is on
    const data = json.data ?? {};
    expect(dependsOn(Object.values(data["google_storage_project_service_account"] ?? {})[0]!)).toContain(serviceRef("storage"));
    expect(dependsOn(Object.values(data["google_bigquery_default_service_account"] ?? {})[0]!)).toContain(serviceRef("bigquery"));
  });

  test("THEN the GKE and Compute Engine agents' key grants wait for the APIs that create those agents", () => {
    const grants = resourcesOf(json, "google_kms_crypto_key_iam_member");
    const gke = Object.entries(grants).find(([n]) => n.startsWith("Platform_Kms_GkeServiceAgent"))![1];
    const compute = Object.entries(grants).find(([n]) => n.startsWith("Platform_Kms_ComputeServiceAgent"))![1];
    expect(gke["member"]).toMatch(/^serviceAccount:service-\$\{data\.google_project\.[^}]+\.number\}@container-engine-robot\.iam\.gserviceaccount\.com$/);
    expect(dependsOn(gke)).toContain(serviceRef("container"));
    expect(dependsOn(compute)).toContain(serviceRef("compute"));
  });

  test("THEN each team's Workload Identity binding waits for the cluster (its identity pool)", () => {
    const cluster = address("google_container_cluster", "Platform_Cluster");
    const bindings = blocksOf(json, "google_service_account_iam_member").filter((m) => String(m["member"]).includes(".svc.id.goog["));
    expect(bindings.length).toBe(spec.teams.length);
    for (const b of bindings) expect(dependsOn(b)).toContain(cluster);
  });

  test("THEN the project's logs go to a log bucket in the region through the _Default sink", () => {
    const bucket = blockNamed(json, "google_logging_project_bucket_config", "Platform_Logs_Bucket");
    expect(bucket).toMatchObject({ project: "acme-ml-prod", location: "europe-west4", bucket_id: "platform-logs", retention_days: 365 });
    const sink = blockNamed(json, "google_logging_project_sink", "Platform_Logs_DefaultSink");
    expect(sink).toMatchObject({
      name: "_Default",
      destination: `logging.googleapis.com/${refTo(json, "google_logging_project_bucket_config", "Platform_Logs_Bucket", "id")}`,
      unique_writer_identity: true,
    });
    expect(sink["filter"]).toBe(
      'NOT LOG_ID("cloudaudit.googleapis.com/activity") AND NOT LOG_ID("externalaudit.googleapis.com/activity") AND ' +
        'NOT LOG_ID("cloudaudit.googleapis.com/system_event") AND NOT LOG_ID("externalaudit.googleapis.com/system_event") AND ' +
        'NOT LOG_ID("cloudaudit.googleapis.com/access_transparency") AND NOT LOG_ID("externalaudit.googleapis.com/access_transparency")',
    );
    // flow, NAT, firewall and cluster logs are written only once the sink points at the region
    const sinkRef = address("google_logging_project_sink", "Platform_Logs_DefaultSink");
    expect(dependsOn(blockNamed(json, "google_compute_subnetwork", "Platform_Network_Subnet"))).toContain(sinkRef);
    expect(dependsOn(blockNamed(json, "google_compute_router_nat", "Platform_Network_Nat"))).toContain(sinkRef);
    expect(dependsOn(blockNamed(json, "google_container_cluster", "Platform_Cluster"))).toContain(sinkRef);
  });

  test("fails the residency check when a log bucket is global", () => {
    const copy = JSON.parse(JSON.stringify(json)) as TfJson;
    const name = Object.keys(resourcesOf(copy, "google_logging_project_bucket_config"))[0]!;
    copy.resource["google_logging_project_bucket_config"]![name]!["location"] = "global";
    const violations = checkResidency("test", copy as unknown as Record<string, unknown>, "eu");
    expect(violations.map((v) => `${v.address}.${v.attribute}`)).toEqual([`google_logging_project_bucket_config.${name}.location`]);
  });

  test("THEN the system pool spans network.zones zones and starts with at most maxNodes nodes", () => {
    const pool = blockNamed(json, "google_container_node_pool", "Platform_SystemPool");
    const zones = Object.keys(json.data?.["google_compute_zones"] ?? {});
    expect(zones.length).toBe(1);
    expect(json.data!["google_compute_zones"]![zones[0]!]).toMatchObject({ region: "europe-west4", status: "UP" });
    expect(pool["node_locations"]).toBe(`\${slice(data.google_compute_zones.${zones[0]}.names, 0, ${spec.network.zones})}`);
    const initial = pool["initial_node_count"] as number;
    expect(initial * spec.network.zones).toBeGreaterThanOrEqual(spec.cluster.system.minNodes);
    expect(initial * spec.network.zones).toBeLessThanOrEqual(spec.cluster.system.maxNodes);
  });
});

describe("system pool start-up arithmetic", () => {
  test("GIVEN min 2, max 4 over 3 zones THEN one node per zone (3 in all)", () => {
    expect(systemPoolInitialNodeCount(2, 4, 3)).toBe(1);
  });
  test("GIVEN min 6, max 9 over 3 zones THEN two per zone (6 in all)", () => {
    expect(systemPoolInitialNodeCount(6, 9, 3)).toBe(2);
  });
  test("GIVEN min 5, max 6 over 2 zones THEN three per zone (6 in all)", () => {
    expect(systemPoolInitialNodeCount(5, 6, 2)).toBe(3);
  });
  test("fails when max 2 cannot hold one node in each of 3 zones", () => {
    expect(systemPoolInitialNodeCount(1, 2, 3)).toEqual({ error: expect.stringContaining("set maxNodes >= 3 or network.zones to a smaller number") });
  });
  test("fails at synth when the spec's system pool cannot start inside its bounds", () => {
    // validation reports it too; the construct must not rely on that
    const { spec: valid, target } = gcpSpec();
    const spec = { ...valid, cluster: { ...valid.cluster, system: { size: "medium" as const, minNodes: 1, maxNodes: 2 } } };
    expect(() => synthPlatform(spec, target)).toThrow(/cluster\.system\.maxNodes: 2 is less than the 3 nodes/);
  });
});
