import type { GcpTarget } from "../../lib/spec/schema";
import { PLATFORM_OUTPUT_NAMES } from "../../lib/spec/contracts";
import { addresses, exampleInput, gcpSpec, refTo, synthPlatform, type TfJson } from "./helpers";
import type { GcpPlatform } from "../../lib/gcp";

/** Addresses whose stability matters most: data, keys, the cluster and its pools. */
const STATEFUL = /^google_(storage_bucket|kms_key_ring|kms_crypto_key|container_cluster|container_node_pool|bigquery_dataset|service_account|compute_network)\./;

describe("GcpPlatform", () => {
  let base: TfJson;
  let grown: TfJson;
  let platform: GcpPlatform;

  beforeAll(() => {
    const { spec, target } = gcpSpec();
    ({ json: base, platform } = synthPlatform(spec, target, true));

    const input = exampleInput();
    const more = gcpSpec({
      ...input,
      teams: [{ name: "alpha", data: { raw: "read" }, models: "consume" }, ...input.teams],
      gpuPools: [{ name: "batch", accelerator: "nvidia-l4", gpusPerNode: 2, maxNodes: 3 }, ...input.gpuPools],
    });
    ({ json: grown } = synthPlatform(more.spec, more.target));
  });

  test("GIVEN a team and a GPU pool added first in the lists THEN every existing bucket, key, cluster, pool and account keeps its address", () => {
    const before = addresses(base).filter((a) => STATEFUL.test(a));
    const after = new Set(addresses(grown));
    expect(before.length).toBeGreaterThan(15);
    expect(before.filter((a) => !after.has(a))).toEqual([]);
  });

  test("THEN nothing existing moves at all: the grown configuration only adds addresses", () => {
    const after = new Set(addresses(grown));
    expect(addresses(base).filter((a) => !after.has(a))).toEqual([]);
    const added = addresses(grown).filter((a) => !addresses(base).includes(a));
    expect(added.some((a) => a.startsWith("google_container_node_pool.Platform_GpuPool-batch_"))).toBe(true);
    expect(added.some((a) => a.startsWith("google_service_account.Platform_Team-alpha_"))).toBe(true);
  });

  test("THEN outputs carry every contract name with GCP values", () => {
    const out = platform.outputs();
    expect(Object.keys(out).sort()).toEqual([...PLATFORM_OUTPUT_NAMES].sort());
    expect(out).toMatchObject({
      cloud: "gcp",
      region: "europe-west4",
      data_catalogs: { raw: "acme_ml_raw", curated: "acme_ml_curated", features: "acme_ml_features" },
      gpu_pools: { inference: "g2-standard-4", training: "a3-highgpu-8g" },
    });
    expect(Object.keys(out.data_lake_buckets)).toEqual(["raw", "curated", "features"]);
    expect(out.model_registry_bucket).toMatch(/^acme-ml-model-registry-[0-9a-f]{6}$/);
    expect(Object.keys(out.team_identities).sort()).toEqual(["research", "serving"]);
  });

  test("THEN the declared outputs reference the private endpoint over HTTPS, the cluster CA (sensitive) and the VPC", () => {
    const cluster = (attr: string) => refTo(base, "google_container_cluster", "Platform_Cluster", attr).replace(/\}$/, "");
    const output = base.output ?? {};
    expect(output["cluster_endpoint"]?.value).toBe(`https://${cluster("private_cluster_config")}[0].private_endpoint}`);
    expect(output["cluster_ca_certificate"]).toEqual({ value: `${cluster("master_auth")}[0].cluster_ca_certificate}`, sensitive: true });
    expect(output["cluster_name"]?.value).toBe(`${cluster("name")}}`);
    expect(output["network_id"]?.value).toBe(refTo(base, "google_compute_network", "Platform_Network", "self_link"));
    expect(output["team_identities"]?.value).toEqual({
      research: refTo(base, "google_service_account", "Platform_Team-research_", "email"),
      serving: refTo(base, "google_service_account", "Platform_Team-serving_", "email"),
    });
  });

  test("fails when two GCP targets of the spec share a project (a spec built without validation)", () => {
    // Validation reports this first (test/spec/validate.test.ts); the construct refuses it too.
    const { spec, target } = gcpSpec();
    const second: GcpTarget = { ...target, region: "europe-west1" };
    const both = { ...spec, targets: [target, second] };
    expect(() => synthPlatform(both, target)).toThrow(/gcp project "acme-ml-prod" is used by more than one region \(europe-west4, europe-west1\)/);
  });
});
