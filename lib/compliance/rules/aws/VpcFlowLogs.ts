import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Every VPC has an `aws_flow_log` attached (`vpc_id` references it). */
export const VpcFlowLogs: Rule = {
  id: "AIP-VPC-001",
  title: "VPCs have flow logs",
  severity: "medium",
  rationale: "Flow logs are the network record of where data went: without them an exfiltration through NAT cannot be traced.",
  fix: "Add an aws_flow_log with vpc_id = the VPC and traffic_type = \"ALL\".",
  appliesTo: ["aws_vpc"],
  references: [
    { source: "checkov", id: "CKV2_AWS_11", verified: false },
    { source: "trivy", id: "AVD-AWS-0178", verified: false },
    { source: "cis", id: "CIS AWS Foundations 3.9", verified: false },
  ],
  evaluate(vpc, index) {
    const logs = index.referrers(vpc, ["aws_flow_log"], "vpc_id");
    return logs.length > 0 ? pass(`flow log ${logs.map((l) => l.address).join(", ")}`) : fail("no aws_flow_log references this VPC");
  },
};
