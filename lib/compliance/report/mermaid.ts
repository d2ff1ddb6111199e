/**
 * A Mermaid flowchart of one stack: network, cluster, node pools, buckets and
 * catalogs, keys, namespaces, and which identities reach which data (and at
 * what level). Built from the index and the access matrix; sorted, so stable.
 */
import type { StackInventory } from "../inventory";
import { at } from "../json";
import type { Resource, StackIndex } from "../model";

const GROUPS: readonly { readonly title: string; readonly types: readonly string[] }[] = [
  { title: "network", types: ["aws_vpc", "aws_subnet", "aws_nat_gateway", "aws_internet_gateway", "google_compute_network", "google_compute_subnetwork", "google_compute_router_nat"] },
  { title: "cluster", types: ["aws_eks_cluster", "google_container_cluster"] },
  { title: "node pools", types: ["aws_eks_node_group", "google_container_node_pool"] },
  { title: "data", types: ["aws_s3_bucket", "google_storage_bucket", "aws_glue_catalog_database", "google_bigquery_dataset"] },
  { title: "keys", types: ["aws_kms_key", "google_kms_crypto_key"] },
  { title: "namespaces", types: ["kubernetes_namespace", "kubernetes_namespace_v1"] },
];

/** A Mermaid-safe node id for any string. */
export function nodeId(value: string): string {
  return `n_${value.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A Mermaid-safe quoted label. */
export function label(value: string): string {
  return `"${value.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"))}"`;
}

function nodeLabel(r: Resource): string {
  const name = r.attributes["name"] ?? r.attributes["bucket"] ?? r.attributes["cidr_block"] ?? r.attributes["ip_cidr_range"];
  const shown = typeof name === "string" && !name.includes("${") ? `<br/>${name}` : "";
  return label(`${r.address}${shown}`).replace(/#lt;br\/#gt;/g, "<br/>");
}

/** The flowchart (without the code fence) of one stack. */
export function mermaidFlowchart(index: StackIndex, inventory: StackInventory): string {
  const lines = ["flowchart LR", `  %% stack: ${index.stack}`];
  const shown = new Map<string, Resource>();
  for (const group of GROUPS) {
    const members = index.ofType(...group.types).filter((r) => r.kind === "resource");
    if (members.length === 0) continue;
    lines.push(`  subgraph ${nodeId(`${index.stack}_${group.title}`)}[${label(group.title)}]`);
    for (const r of members) {
      lines.push(`    ${nodeId(r.address)}[${nodeLabel(r)}]`);
      shown.set(r.address, r);
    }
    lines.push("  end");
  }
  const edges = new Set<string>();
  const isType = (r: Resource, ...types: string[]) => types.includes(r.type);
  for (const r of shown.values()) {
    for (const ref of index.referencesFrom(r)) {
      const target = shown.get(ref.target);
      if (target === undefined || target.address === r.address) continue;
      if (isType(r, "aws_eks_node_group", "google_container_node_pool") && isType(target, "aws_eks_cluster", "google_container_cluster"))
        edges.add(`  ${nodeId(r.address)} -->|runs in| ${nodeId(target.address)}`);
      else if (isType(r, "aws_eks_cluster", "google_container_cluster") && isType(target, "aws_subnet", "google_compute_subnetwork", "google_compute_network", "aws_vpc"))
        edges.add(`  ${nodeId(r.address)} -->|in| ${nodeId(target.address)}`);
      else if (isType(r, "aws_subnet", "google_compute_subnetwork") && isType(target, "aws_vpc", "google_compute_network"))
        edges.add(`  ${nodeId(r.address)} --- ${nodeId(target.address)}`);
    }
  }
  for (const key of inventory.keys) {
    for (const thing of key.encrypts) {
      if (shown.has(thing) && shown.has(key.address)) edges.add(`  ${nodeId(thing)} -.->|encrypted by| ${nodeId(key.address)}`);
    }
  }
  const identities = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const r of shown.values()) {
    const name = r.type.startsWith("kubernetes_namespace") ? at(r.attributes, "metadata.name") : undefined;
    if (typeof name === "string") namespaces.set(name, r.address);
  }
  for (const row of inventory.accessMatrix) {
    const plain = row.resource.replace(/ \(objects\)$/, "");
    const ns = /^namespace (.+)$/.exec(plain)?.[1];
    const target = ns === undefined ? plain : (namespaces.get(ns) ?? ns);
    if (!shown.has(target) || row.level === "assume") continue;
    const id = nodeId(`id_${row.identity}`);
    identities.set(id, row.identity);
    edges.add(`  ${id} -->|${row.level}| ${nodeId(target)}`);
  }
  if (identities.size > 0) {
    lines.push(`  subgraph ${nodeId(`${index.stack}_identities`)}[${label("identities")}]`);
    for (const [id, name] of [...identities.entries()].sort()) lines.push(`    ${id}([${label(name)}])`);
    lines.push("  end");
  }
  if (shown.size === 0 && identities.size === 0) lines.push(`  ${nodeId(index.stack)}[${label(`${index.stack}: no network, cluster, data or key resources`)}]`);
  lines.push(...[...edges].sort());
  return lines.join("\n");
}
