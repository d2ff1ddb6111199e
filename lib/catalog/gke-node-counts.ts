/**
 * Node-count arithmetic of GKE regional node pools, shared by spec validation and the
 * GCP constructs (pure: no provider classes).
 */

/**
 * The per-zone node count a regional pool starts with so that the whole pool starts
 * between `minNodes` and `maxNodes`: `initial_node_count` is per zone (the pool starts
 * with `zones × initial_node_count` nodes), so it is `ceil(minNodes / zones)`, at least 1.
 * Returns an error message when no per-zone count fits (`zones × 1 > maxNodes`).
 * https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool#initial_node_count
 */
export function systemPoolInitialNodeCount(minNodes: number, maxNodes: number, zones: number): number | { readonly error: string } {
  const perZone = Math.max(1, Math.ceil(minNodes / zones));
  if (perZone * zones > maxNodes) {
    return {
      error:
        `${maxNodes} is less than the ${perZone * zones} nodes a regional GKE pool over ${zones} zones starts with ` +
        `(${perZone} per zone); set maxNodes >= ${perZone * zones} or network.zones to a smaller number`,
    };
  }
  return perZone;
}
