import * as R from "../../lib/compliance/rules";
import type { Json } from "../../lib/compliance/model";
import { describeRuleCases, gcp, statusOf, type RuleCase } from "./helpers";

const cluster = (extra: Json = {}) => ({ google_container_cluster: { c: { name: "c", location: "europe-west4", ...extra } } });
const pool = (nodeConfig: Json, extra: Json = {}) => ({ google_container_node_pool: { p: { cluster: "${google_container_cluster.c.id}", node_config: [nodeConfig], ...extra } } });
const bucket = (extra: Json = {}) => ({ google_storage_bucket: { b: { name: "acme-raw", location: "europe-west4", ...extra } } });
const GPU = { machine_type: "g2-standard-4", guest_accelerator: [{ type: "nvidia-l4", count: 1 }] };

const GCP_CASES: RuleCase[] = [
  {
    rule: R.GkePrivateNodes,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ private_cluster_config: { enable_private_nodes: true } })),
    nonCompliant: gcp(cluster({ private_cluster_config: { enable_private_nodes: false } })),
  },
  {
    rule: R.GkePrivateEndpoint,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: true } })),
    nonCompliant: gcp(cluster({ private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: false } })),
  },
  {
    rule: R.GkeAuthorizedNetworksNotOpen,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ master_authorized_networks_config: { cidr_blocks: [{ cidr_block: "10.20.0.0/16", display_name: "vpc" }] } })),
    nonCompliant: gcp(cluster({ master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: "0.0.0.0/0", display_name: "all" }] }] })),
  },
  {
    rule: R.GkeWorkloadIdentity,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ workload_identity_config: { workload_pool: "p.svc.id.goog" } })),
    nonCompliant: gcp(cluster()),
  },
  {
    rule: R.GkeSecretsEncryption,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ database_encryption: [{ state: "ENCRYPTED", key_name: "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k" }] })),
    nonCompliant: gcp(cluster({ database_encryption: [{ state: "DECRYPTED" }] })),
  },
  { rule: R.GkeShieldedNodes, address: "google_container_cluster.c", compliant: gcp(cluster()), nonCompliant: gcp(cluster({ enable_shielded_nodes: false })) },
  { rule: R.GkeLegacyAbacDisabled, address: "google_container_cluster.c", compliant: gcp(cluster({ enable_legacy_abac: false })), nonCompliant: gcp(cluster({ enable_legacy_abac: true })) },
  {
    rule: R.GkeClientCertificateDisabled,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ master_auth: { client_certificate_config: { issue_client_certificate: false } } })),
    nonCompliant: gcp(cluster({ master_auth: { client_certificate_config: { issue_client_certificate: true } } })),
  },
  {
    rule: R.GkeReleaseChannel,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ release_channel: { channel: "REGULAR" } })),
    nonCompliant: gcp(cluster({ release_channel: { channel: "UNSPECIFIED" } })),
  },
  { rule: R.GkeDeletionProtection, address: "google_container_cluster.c", compliant: gcp(cluster({ deletion_protection: true })), nonCompliant: gcp(cluster({ deletion_protection: false })) },
  {
    rule: R.GkeNetworkPolicy,
    address: "google_container_cluster.c",
    compliant: gcp(cluster({ datapath_provider: "ADVANCED_DATAPATH" })),
    nonCompliant: gcp(cluster({ network_policy: { enabled: false } })),
  },
  {
    rule: R.GkeNodeMetadataServer,
    address: "google_container_node_pool.p",
    compliant: gcp(pool({ workload_metadata_config: { mode: "GKE_METADATA" } })),
    nonCompliant: gcp(pool({ workload_metadata_config: { mode: "GCE_METADATA" } })),
  },
  {
    rule: R.GkeNodeShieldedInstance,
    address: "google_container_node_pool.p",
    compliant: gcp(pool({ shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true } })),
    nonCompliant: gcp(pool({ shielded_instance_config: { enable_secure_boot: false } })),
  },
  {
    rule: R.GkeNodeNotDefaultServiceAccount,
    address: "google_container_node_pool.p",
    compliant: gcp(pool({ service_account: "${google_service_account.nodes.email}" })),
    nonCompliant: gcp(pool({ service_account: "123456-compute@developer.gserviceaccount.com" })),
  },
  {
    rule: R.GkeGpuNodePoolTaint,
    address: "google_container_node_pool.p",
    compliant: gcp(pool({ ...GPU, taint: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }] })),
    nonCompliant: gcp(pool(GPU)),
  },
  {
    rule: R.GkeNodeAutoRepairUpgrade,
    address: "google_container_node_pool.p",
    compliant: gcp(pool({}, { management: { auto_repair: true, auto_upgrade: true } })),
    nonCompliant: gcp(pool({}, { management: { auto_repair: true, auto_upgrade: false } })),
  },
  {
    rule: R.GkeNodeBootDiskCmek,
    address: "google_container_node_pool.p",
    compliant: gcp(pool({ boot_disk_kms_key: "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/nodes" })),
    nonCompliant: gcp(pool({})),
  },
  { rule: R.GcsUniformAccess, address: "google_storage_bucket.b", compliant: gcp(bucket({ uniform_bucket_level_access: true })), nonCompliant: gcp(bucket()) },
  {
    rule: R.GcsPublicAccessPrevention,
    address: "google_storage_bucket.b",
    compliant: gcp(bucket({ public_access_prevention: "enforced" })),
    nonCompliant: gcp(bucket({ public_access_prevention: "inherited" })),
  },
  { rule: R.GcsVersioning, address: "google_storage_bucket.b", compliant: gcp(bucket({ versioning: { enabled: true } })), nonCompliant: gcp(bucket({ versioning: { enabled: false } })) },
  {
    rule: R.GcsCmek,
    address: "google_storage_bucket.b",
    compliant: gcp({ google_kms_crypto_key: { k: { name: "k" } }, ...bucket({ encryption: { default_kms_key_name: "${google_kms_crypto_key.k.id}" } }) }),
    nonCompliant: gcp(bucket()),
  },
  { rule: R.GcsAccessLogging, address: "google_storage_bucket.b", compliant: gcp(bucket({ logging: { log_bucket: "acme-logs" } })), nonCompliant: gcp(bucket()) },
  {
    rule: R.GcsAccessLogging,
    address: "google_storage_bucket.b",
    compliant: gcp({
      ...bucket(),
      google_project_iam_audit_config: { a: { project: "p", service: "storage.googleapis.com", audit_log_config: [{ log_type: "DATA_READ" }, { log_type: "DATA_WRITE" }] } },
    }),
    // admin reads only: who read or wrote objects is still not recorded
    nonCompliant: gcp({ ...bucket(), google_project_iam_audit_config: { a: { project: "p", service: "storage.googleapis.com", audit_log_config: [{ log_type: "ADMIN_READ" }] } } }),
  },
  {
    rule: R.GcsRegistryRetention,
    address: "google_storage_bucket.b",
    compliant: gcp(bucket({ name: "acme-model-registry", retention_policy: { retention_period: 2592000 } })),
    nonCompliant: gcp(bucket({ name: "acme-model-registry" })),
  },
  {
    rule: R.CloudKmsRotation,
    address: "google_kms_crypto_key.k",
    compliant: gcp({ google_kms_crypto_key: { k: { rotation_period: "7776000s" } } }),
    nonCompliant: gcp({ google_kms_crypto_key: { k: { rotation_period: "31536000s" } } }),
  },
  {
    rule: R.CloudKmsPreventDestroy,
    address: "google_kms_crypto_key.k",
    compliant: gcp({ google_kms_crypto_key: { k: { lifecycle: { prevent_destroy: true } } } }),
    nonCompliant: gcp({ google_kms_crypto_key: { k: {} } }),
  },
  {
    rule: R.GcpNetworkNoAutoSubnets,
    address: "google_compute_network.n",
    compliant: gcp({ google_compute_network: { n: { auto_create_subnetworks: false } } }),
    nonCompliant: gcp({ google_compute_network: { n: {} } }),
  },
  {
    rule: R.GcpSubnetPrivateGoogleAccess,
    address: "google_compute_subnetwork.s",
    compliant: gcp({ google_compute_subnetwork: { s: { private_ip_google_access: true } } }),
    nonCompliant: gcp({ google_compute_subnetwork: { s: { private_ip_google_access: false } } }),
  },
  {
    rule: R.GcpSubnetFlowLogs,
    address: "google_compute_subnetwork.s",
    compliant: gcp({ google_compute_subnetwork: { s: { log_config: [{ aggregation_interval: "INTERVAL_5_SEC" }] } } }),
    nonCompliant: gcp({ google_compute_subnetwork: { s: {} } }),
  },
  {
    rule: R.GcpFirewallNoPublicIngress,
    address: "google_compute_firewall.f",
    compliant: gcp({ google_compute_firewall: { f: { network: "n", allow: [{ protocol: "tcp", ports: ["22"] }], source_ranges: ["35.235.240.0/20"] } } }),
    nonCompliant: gcp({ google_compute_firewall: { f: { network: "n", allow: [{ protocol: "tcp", ports: ["22"] }], source_ranges: ["0.0.0.0/0"] } } }),
  },
  {
    rule: R.GcpNoPrimitiveRoles,
    address: "google_project_iam_member.m",
    compliant: gcp({ google_project_iam_member: { m: { project: "p", role: "roles/container.clusterViewer", member: "group:ml@acme.example" } } }),
    nonCompliant: gcp({ google_project_iam_member: { m: { project: "p", role: "roles/editor", member: "group:ml@acme.example" } } }),
  },
  {
    rule: R.GcpNoPublicMembers,
    address: "google_storage_bucket_iam_member.m",
    compliant: gcp({ google_storage_bucket_iam_member: { m: { bucket: "b", role: "roles/storage.objectViewer", member: "serviceAccount:x@p.iam.gserviceaccount.com" } } }),
    nonCompliant: gcp({ google_storage_bucket_iam_member: { m: { bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" } } }),
  },
  {
    rule: R.BigQueryDatasetCmek,
    address: "google_bigquery_dataset.d",
    compliant: gcp({ google_bigquery_dataset: { d: { dataset_id: "raw", default_encryption_configuration: { kms_key_name: "k" } } } }),
    nonCompliant: gcp({ google_bigquery_dataset: { d: { dataset_id: "raw" } } }),
  },
  {
    rule: R.BigQueryDatasetNotPublic,
    address: "google_bigquery_dataset.d",
    compliant: gcp({ google_bigquery_dataset: { d: { dataset_id: "raw", access: [{ role: "READER", group_by_email: "ml@acme.example" }] } } }),
    nonCompliant: gcp({ google_bigquery_dataset: { d: { dataset_id: "raw", access: [{ role: "READER", special_group: "allAuthenticatedUsers" }] } } }),
  },
  {
    rule: R.BudgetAlertsGcp,
    address: "google_billing_budget.b",
    compliant: gcp({
      google_billing_budget: { b: { billing_account: "012345-6789AB-CDEF01", threshold_rules: [{ threshold_percent: 1 }, { threshold_percent: 1, spend_basis: "FORECASTED_SPEND" }] } },
    }),
    nonCompliant: gcp({ google_billing_budget: { b: { billing_account: "012345-6789AB-CDEF01", threshold_rules: [{ threshold_percent: 0.5 }, { threshold_percent: 1 }] } } }),
  },
  {
    rule: R.AlertPolicyNotifies,
    address: "google_monitoring_alert_policy.a",
    compliant: gcp({ google_monitoring_alert_policy: { a: { display_name: "idle", combiner: "OR", notification_channels: ["${google_monitoring_notification_channel.e.id}"] } } }),
    nonCompliant: gcp({ google_monitoring_alert_policy: { a: { display_name: "idle", combiner: "OR" } } }),
  },
];

describe("GCP rules", () => {
  describeRuleCases(GCP_CASES);

  test("every GCP rule has a compliant and a non-compliant case", () => {
    expect([...new Set(GCP_CASES.map((c) => c.rule.id))].sort()).toEqual(R.GCP_RULES.map((r) => r.id).sort());
  });

  test("a public endpoint limited to authorized networks is acceptable", () => {
    const config = gcp(cluster({ master_authorized_networks_config: { cidr_blocks: [{ cidr_block: "203.0.113.0/24" }] } }));
    expect(statusOf(R.GkePrivateEndpoint, config, "google_container_cluster.c")).toBe("compliant");
  });

  test("a public endpoint without authorized networks fails both control plane rules", () => {
    expect(statusOf(R.GkePrivateEndpoint, gcp(cluster()), "google_container_cluster.c")).toBe("non-compliant");
    expect(statusOf(R.GkeAuthorizedNetworksNotOpen, gcp(cluster()), "google_container_cluster.c")).toBe("non-compliant");
  });

  test("a bucket with a retention policy needs no versioning (Cloud Storage forbids both)", () => {
    expect(statusOf(R.GcsVersioning, gcp(bucket({ retention_policy: { retention_period: 2592000 }, versioning: { enabled: false } })), "google_storage_bucket.b")).toBe("not-applicable");
  });

  test("a pool without GPUs needs no taint", () => {
    expect(statusOf(R.GkeGpuNodePoolTaint, gcp(pool({ machine_type: "e2-standard-4" })), "google_container_node_pool.p")).toBe("not-applicable");
  });

  test("firewall egress rules are not ingress", () => {
    const config = gcp({ google_compute_firewall: { f: { direction: "EGRESS", allow: [{ protocol: "all" }], destination_ranges: ["0.0.0.0/0"] } } });
    expect(statusOf(R.GcpFirewallNoPublicIngress, config, "google_compute_firewall.f")).toBe("not-applicable");
  });
});
