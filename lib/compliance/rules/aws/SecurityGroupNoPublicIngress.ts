import { allAt, hasOpenCidr, strings } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, skip } from "../util";

function describe(rule: Record<string, unknown>): string {
  const from = rule["from_port"] ?? rule["port"];
  const to = rule["to_port"];
  return `${String(rule["protocol"] ?? rule["ip_protocol"] ?? "?")} ${String(from ?? "*")}${to !== undefined && to !== from ? `-${String(to)}` : ""}`;
}

/** No ingress from 0.0.0.0/0 or ::/0, in inline rules or separate rule resources. */
export const SecurityGroupNoPublicIngress: Rule = {
  id: "AIP-VPC-003",
  title: "Security groups allow no ingress from 0.0.0.0/0 or ::/0",
  severity: "high",
  rationale: "Ingress from anywhere exposes whatever listens on the port (SSH, the kubelet, a model server) to the whole internet.",
  fix: "Allow ingress only from the VPC CIDR or from other security groups.",
  appliesTo: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_AWS_24", verified: false, note: "port 22 only; CKV_AWS_25 port 3389, CKV_AWS_260 port 80" },
    { source: "trivy", id: "AVD-AWS-0107", verified: false },
    { source: "cis", id: "CIS AWS Foundations 5.2", verified: false },
  ],
  evaluate(r) {
    if (r.type === "aws_security_group_rule" && r.attributes["type"] !== "ingress") return skip("egress rule");
    const rules =
      r.type === "aws_security_group"
        ? allAt(r.attributes, "ingress")
        : [r.attributes];
    const open = rules.filter(
      (x) => hasOpenCidr(x["cidr_blocks"]) || hasOpenCidr(x["ipv6_cidr_blocks"]) || hasOpenCidr(x["cidr_ipv4"]) || hasOpenCidr(x["cidr_ipv6"]),
    );
    if (open.length === 0) return pass();
    return fail(
      `ingress from ${[...new Set(open.flatMap((x) => [...strings(x["cidr_blocks"]), ...strings(x["ipv6_cidr_blocks"]), ...strings(x["cidr_ipv4"]), ...strings(x["cidr_ipv6"])]))].join(", ")} on ${open.map(describe).join(", ")}`,
    );
  },
};
