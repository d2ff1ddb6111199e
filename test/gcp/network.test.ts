import { blocksOf, gcpSpec, synthPlatform, type TfJson } from "./helpers";

describe("GcpNetwork", () => {
  let json: TfJson;
  const { spec, target } = gcpSpec();

  beforeAll(() => {
    ({ json } = synthPlatform(spec, target));
  });

  test("GIVEN the example WHEN synthesized THEN the VPC is custom-mode with regional routing", () => {
    const [network, ...rest] = blocksOf(json, "google_compute_network");
    expect(rest).toHaveLength(0);
    expect(network).toMatchObject({ name: "acme-ml", auto_create_subnetworks: false, routing_mode: "REGIONAL" });
  });

  test("THEN the one subnet is in the target region with the spec's ranges and private Google access", () => {
    const [subnet, ...rest] = blocksOf(json, "google_compute_subnetwork");
    expect(rest).toHaveLength(0);
    expect(subnet).toMatchObject({
      region: "europe-west4",
      ip_cidr_range: spec.network.cidr,
      private_ip_google_access: true,
      secondary_ip_range: [
        { range_name: "pods", ip_cidr_range: spec.network.podsCidr },
        { range_name: "services", ip_cidr_range: spec.network.servicesCidr },
      ],
    });
  });

  test("THEN the subnet has VPC flow logs with interval, sampling and metadata", () => {
    const [subnet] = blocksOf(json, "google_compute_subnetwork");
    expect(subnet!["log_config"]).toEqual({ aggregation_interval: "INTERVAL_5_SEC", flow_sampling: 0.5, metadata: "INCLUDE_ALL_METADATA" });
  });

  test("THEN egress goes through Cloud NAT on a Cloud Router, with auto addresses and error logging", () => {
    const [router] = blocksOf(json, "google_compute_router");
    expect(router).toMatchObject({ region: "europe-west4" });
    const [nat, ...rest] = blocksOf(json, "google_compute_router_nat");
    expect(rest).toHaveLength(0);
    expect(nat).toMatchObject({
      region: "europe-west4",
      nat_ip_allocate_option: "AUTO_ONLY",
      source_subnetwork_ip_ranges_to_nat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
      log_config: { enable: true, filter: "ERRORS_ONLY" },
    });
    expect(String(nat!["router"])).toMatch(/^\$\{google_compute_router\.[^.]+\.name\}$/);
  });

  test("THEN no firewall rule allows ingress from 0.0.0.0/0", () => {
    const openAllows = blocksOf(json, "google_compute_firewall").filter(
      (rule) =>
        (rule["direction"] ?? "INGRESS") === "INGRESS" &&
        rule["allow"] !== undefined &&
        ((rule["source_ranges"] as string[] | undefined) ?? []).some((r) => r === "0.0.0.0/0" || r === "::/0"),
    );
    expect(openAllows).toEqual([]);
  });

  test("THEN an explicit, logged deny-all ingress rule sits at low priority", () => {
    const denies = blocksOf(json, "google_compute_firewall").filter((r) => r["deny"] !== undefined);
    expect(denies).toHaveLength(1);
    expect(denies[0]).toMatchObject({
      direction: "INGRESS",
      priority: 65534,
      source_ranges: ["0.0.0.0/0"],
      deny: [{ protocol: "all" }],
      log_config: { metadata: "INCLUDE_ALL_METADATA" },
    });
  });
});
