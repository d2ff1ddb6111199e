import { isFalse } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Custom-mode VPC: auto_create_subnetworks = false (provider default true). */
export const GcpNetworkNoAutoSubnets: Rule = {
  id: "AIP-GNET-001",
  title: "VPC networks do not auto-create subnets",
  severity: "medium",
  rationale: "Auto mode creates a subnet in every region of the world: resources can then be placed outside the jurisdiction, and CIDRs overlap with peered networks.",
  fix: "Set auto_create_subnetworks = false and declare the subnets.",
  appliesTo: ["google_compute_network"],
  references: [],
  evaluate(network) {
    return isFalse(network.attributes["auto_create_subnetworks"]) ? pass() : fail("auto_create_subnetworks is not false (default true)");
  },
};
