import { blocks } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** VPC flow logs on every subnet. */
export const GcpSubnetFlowLogs: Rule = {
  id: "AIP-GNET-003",
  title: "Subnets have VPC flow logs",
  severity: "medium",
  rationale: "Flow logs are the network record of where data went.",
  fix: "Add log_config { aggregation_interval = \"INTERVAL_5_SEC\", flow_sampling = 0.5, metadata = \"INCLUDE_ALL_METADATA\" }.",
  appliesTo: ["google_compute_subnetwork"],
  references: [
    { source: "checkov", id: "CKV_GCP_26", verified: true },
    { source: "trivy", id: "AVD-GCP-0029", verified: false },
    { source: "cis", id: "CIS GCP Foundations 3.8", verified: false },
  ],
  evaluate(subnet) {
    if (subnet.attributes["purpose"] !== undefined && subnet.attributes["purpose"] !== "PRIVATE") return pass(`purpose ${String(subnet.attributes["purpose"])} has no flow logs`);
    return blocks(subnet.attributes["log_config"]).length > 0 ? pass() : fail("no log_config");
  },
};
