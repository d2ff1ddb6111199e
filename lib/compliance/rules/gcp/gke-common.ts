import { allAt, at, hasOpenCidr, isTrue, strings } from "../../json";
import type { Resource } from "../../model";

/** The CIDRs of master_authorized_networks_config, or undefined when the block is absent. */
export function authorizedCidrs(cluster: Resource): string[] | undefined {
  const config = allAt(cluster.attributes, "master_authorized_networks_config");
  if (config.length === 0) return undefined;
  return config.flatMap((c) => allAt(c, "cidr_blocks")).flatMap((b) => strings(b["cidr_block"]));
}

/** True when the control plane has no public endpoint. */
export function hasPrivateEndpoint(cluster: Resource): boolean {
  return isTrue(at(cluster.attributes, "private_cluster_config.enable_private_endpoint"));
}

/** True when authorized networks include 0.0.0.0/0 or Google Cloud public IPs are let in. */
export function authorizedNetworksOpen(cluster: Resource): boolean {
  const cidrs = authorizedCidrs(cluster);
  return (cidrs !== undefined && hasOpenCidr(cidrs)) || isTrue(at(cluster.attributes, "master_authorized_networks_config.gcp_public_cidrs_access_enabled"));
}
