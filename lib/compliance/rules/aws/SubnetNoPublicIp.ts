import { isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Subnets do not give instances public IPs on launch. */
export const SubnetNoPublicIp: Rule = {
  id: "AIP-VPC-002",
  title: "Subnets do not assign public IPs on launch",
  severity: "high",
  rationale: "An instance with a public IP is reachable from the internet as soon as a security group allows it; platform nodes need none (egress goes through NAT).",
  fix: "Set map_public_ip_on_launch = false (the default); give the NAT gateway an explicit Elastic IP.",
  appliesTo: ["aws_subnet"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_AWS_130", verified: true },
    { source: "trivy", id: "AVD-AWS-0164", verified: false },
  ],
  evaluate(subnet) {
    return isTrue(subnet.attributes["map_public_ip_on_launch"]) ? fail("map_public_ip_on_launch = true") : pass();
  },
};
