import { allAt, hasOpenCidr, isTrue, strings } from "../../json";
import type { Resource, Rule, StackIndex } from "../../model";
import { fail, pass, skip } from "../util";

/** True when a route table sends 0.0.0.0/0 to an internet gateway. */
function routesToInternet(table: Resource, index: StackIndex): boolean {
  const inline = allAt(table.attributes, "route").filter((r) => hasOpenCidr(r["cidr_block"]) || hasOpenCidr(r["ipv6_cidr_block"]));
  const separate = index.referrers(table, ["aws_route"], "route_table_id").map((r) => r.attributes).filter((r) => hasOpenCidr(r["destination_cidr_block"]));
  return [...inline, ...separate].some((r) => index.resolve(r["gateway_id"])?.type === "aws_internet_gateway");
}

/** Why a subnet is public, or undefined. */
export function publicSubnetReason(subnet: Resource, index: StackIndex): string | undefined {
  if (isTrue(subnet.attributes["map_public_ip_on_launch"])) return `${subnet.address} maps public IPs on launch`;
  const tables = index
    .referrers(subnet, ["aws_route_table_association"], "subnet_id")
    .flatMap((a) => index.resolveAll(a.attributes["route_table_id"]))
    .filter((t) => t.type === "aws_route_table");
  const open = tables.find((t) => routesToInternet(t, index));
  return open === undefined ? undefined : `${subnet.address} routes 0.0.0.0/0 to an internet gateway (${open.address})`;
}

/** Node groups run in private subnets (when the subnets are defined in the stack). */
export const EksNodeGroupPrivateSubnets: Rule = {
  id: "AIP-EKS-006",
  title: "EKS node groups run in private subnets",
  severity: "high",
  rationale: "Nodes in a public subnet get a route from the internet; a single permissive security group then exposes kubelets and workloads directly.",
  fix: "Pass only private subnets (no internet gateway route, no public IP on launch) as subnet_ids; egress goes through NAT.",
  appliesTo: ["aws_eks_node_group"],
  references: [],
  evaluate(group, index) {
    const subnets = index.resolveAll(group.attributes["subnet_ids"]).filter((s) => s.type === "aws_subnet");
    if (subnets.length === 0)
      return skip(strings(group.attributes["subnet_ids"]).length === 0 ? "no subnet_ids" : "subnets are not defined in this stack");
    const reasons = subnets.map((s) => publicSubnetReason(s, index)).filter((r): r is string => r !== undefined);
    return reasons.length === 0 ? pass() : fail(reasons.join("; "));
  },
};
