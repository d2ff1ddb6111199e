import type { Rule } from "../../model";
import { fail, pass } from "../util";
import { nodeConfigAt } from "./node-pool-common";

/** Node boot disks encrypted with a customer-managed key. */
export const GkeNodeBootDiskCmek: Rule = {
  id: "AIP-GKE-017",
  title: "GKE node boot disks use a customer-managed key",
  severity: "medium",
  rationale: "Boot disks cache images, model weights and scratch data; a customer-managed key keeps them under the same key control (and residency) as the data lake.",
  fix: "Set node_config.boot_disk_kms_key to a Cloud KMS crypto key in the cluster's region.",
  appliesTo: ["google_container_node_pool"],
  references: [{ source: "cis", id: "CIS GKE 5.9.1", verified: false }],
  evaluate(pool) {
    const key = nodeConfigAt(pool, "boot_disk_kms_key");
    return typeof key === "string" && key !== "" ? pass() : fail("node_config.boot_disk_kms_key is not set");
  },
};
