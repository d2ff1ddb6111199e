/**
 * Shared helpers of the rules: verdict constructors and the links between split
 * resources (an S3 bucket and its configurations, a namespace and its quotas).
 */
import { GPU_ACCELERATOR_LABEL } from "../../spec/contracts";
import { at, block, blocks, compare, isObject, strings, tagsOf } from "../json";
import { effectiveTags } from "../load";
import type { Resource, RuleVerdict, StackIndex } from "../model";

const memos = new WeakMap<StackIndex, Map<string, unknown>>();

/** Computes a per-stack value once (rules run per resource; this keeps them linear in the stack). */
export function memo<T>(index: StackIndex, key: string, compute: () => T): T {
  let map = memos.get(index);
  if (map === undefined) {
    map = new Map();
    memos.set(index, map);
  }
  if (!map.has(key)) map.set(key, compute());
  return map.get(key) as T;
}

/** A compliant verdict. */
export function pass(message?: string): RuleVerdict {
  return message === undefined ? { status: "compliant" } : { status: "compliant", message };
}

/** A non-compliant verdict naming what was found. */
export function fail(message: string): RuleVerdict {
  return { status: "non-compliant", message };
}

/** A not-applicable verdict. */
export function skip(message?: string): RuleVerdict {
  return message === undefined ? { status: "not-applicable" } : { status: "not-applicable", message };
}

/** Quotes a value for a message. */
export function show(value: unknown): string {
  return value === undefined ? "(not set)" : JSON.stringify(value);
}

/**
 * Blocks of `types` that configure `target` through `attribute`: either a
 * reference to it (`${aws_s3_bucket.x.id}`) or its literal name
 * (the target's `nameAttribute`, e.g. the bucket name).
 */
export function configuring(target: Resource, index: StackIndex, types: readonly string[], attribute: string, nameAttribute: string): Resource[] {
  const byRef = index.referrers(target, types, attribute);
  const name = target.attributes[nameAttribute];
  const byName =
    typeof name === "string" && !name.includes("${") ? types.flatMap((t) => index.withAttribute(t, attribute, name)) : [];
  return [...new Set([...byRef, ...byName])].sort((a, b) => compare(a.address, b.address));
}

/** The S3 configuration resources of a bucket, e.g. `aws_s3_bucket_versioning`. */
export function s3Configs(bucket: Resource, index: StackIndex, type: string): Resource[] {
  return configuring(bucket, index, [type], "bucket", "bucket");
}

/** True when a bucket is the model registry: a tag/label, its name or its construct path says "registry". */
export function isRegistryBucket(bucket: Resource, index: StackIndex): boolean {
  const tags = { ...effectiveTags(bucket, index), ...tagsOf(bucket.attributes) };
  delete tags["residency"];
  const texts = [
    ...Object.entries(tags).filter(([k]) => !["platform", "managed-by", "cost-center"].includes(k)).flat(),
    String(bucket.attributes["bucket"] ?? bucket.attributes["name"] ?? ""),
    bucket.constructPath ?? "",
  ];
  return texts.some((t) => /registry/i.test(t));
}

/** AWS instance families with NVIDIA GPUs (g4dn, g5, g6, g6e, gr6, p3, p4d, p4de, p5, p5e, p5en, p6…). */
const AWS_GPU_FAMILY = /^(g4dn|g5|g6|g6e|gr6|g7e?|p2|p3|p3dn|p4d|p4de|p5|p5e|p5en|p6[a-z0-9-]*)\./;

/** True when an AWS instance type has NVIDIA GPUs. */
export function isAwsGpuInstance(instanceType: string): boolean {
  return AWS_GPU_FAMILY.test(instanceType);
}

/** GCP machine families that always carry GPUs (a2, a3, a4, g2, g4). */
const GCP_GPU_FAMILY = /^(a2|a3|a4|a4x|g2|g4)-/;

/** True when a GCP machine type always has GPUs attached. */
export function isGcpGpuMachine(machineType: string): boolean {
  return GCP_GPU_FAMILY.test(machineType);
}

/** True when node labels name an accelerator (the platform's label, or GKE's). */
export function hasAcceleratorLabel(labels: unknown): boolean {
  return isObject(labels) && (labels[GPU_ACCELERATOR_LABEL] !== undefined || labels["cloud.google.com/gke-accelerator"] !== undefined);
}

/** Kubernetes resource types, with and without the `_v1` suffix. */
export function k8sTypes(...bases: string[]): string[] {
  return bases.flatMap((b) => [`kubernetes_${b}`, `kubernetes_${b}_v1`]);
}

/** The name of a Kubernetes namespace resource (`metadata.name`), or undefined when it is an expression. */
export function namespaceName(ns: Resource): string | undefined {
  const name = at(ns.attributes, "metadata.name");
  return typeof name === "string" ? name : undefined;
}

/**
 * The `metadata.namespace` of a namespaced Kubernetes resource, or of a
 * `kubernetes_manifest` (`manifest.metadata.namespace`).
 */
export function namespaceOf(resource: Resource): unknown {
  if (resource.type === "kubernetes_manifest") {
    const manifest = resource.attributes["manifest"];
    return isObject(manifest) ? at(manifest, "metadata.namespace") : undefined;
  }
  return at(resource.attributes, "metadata.namespace");
}

/**
 * Namespaced resources of `types` in the namespace `ns`: their
 * `metadata.namespace` equals the namespace's name or references the namespace resource.
 */
export function inNamespace(ns: Resource, index: StackIndex, types: readonly string[]): Resource[] {
  const byNamespace = memo(index, `inNamespace:${types.join(",")}`, () => {
    const map = new Map<string, Resource[]>();
    for (const r of index.ofType(...types)) {
      const value = namespaceOf(r);
      if (typeof value !== "string") continue;
      const key = index.resolve(value)?.address ?? `name:${value}`;
      map.set(key, [...(map.get(key) ?? []), r]);
    }
    return map;
  });
  const name = namespaceName(ns);
  const found = [...(byNamespace.get(ns.address) ?? []), ...(name === undefined ? [] : (byNamespace.get(`name:${name}`) ?? []))];
  return [...new Set(found)].sort((a, b) => compare(a.address, b.address));
}

/** True when the S3 bucket receives server access logs of other buckets (an `aws_s3_bucket_logging.target_bucket` names it). */
export function isS3LogTarget(bucket: Resource, index: StackIndex): boolean {
  if (index.referrers(bucket, ["aws_s3_bucket_logging"], "target_bucket").length > 0) return true;
  const name = bucket.attributes["bucket"];
  if (typeof name !== "string" || name.includes("${")) return false;
  const inline = memo(index, "s3InlineLogTargets", () => new Set(index.ofType("aws_s3_bucket").map((b) => at(b.attributes, "logging.target_bucket")).filter((v) => typeof v === "string")));
  return index.withAttribute("aws_s3_bucket_logging", "target_bucket", name).length > 0 || inline.has(name) || index.referrers(bucket, ["aws_s3_bucket"], "logging").length > 0;
}

/** The kind of a `kubernetes_manifest` (`manifest.kind`). */
export function manifestKind(resource: Resource): string | undefined {
  const manifest = resource.attributes["manifest"];
  const kind = isObject(manifest) ? manifest["kind"] : undefined;
  return typeof kind === "string" ? kind : undefined;
}

/** Namespaces the platform does not own (`kube-*`). */
export function isSystemNamespace(name: string | undefined): boolean {
  return name !== undefined && name.startsWith("kube-");
}

/** Every string in a list attribute or a list of blocks' attribute. */
export function listOf(value: unknown, key?: string): string[] {
  if (key === undefined) return strings(value);
  return blocks(value).flatMap((b) => strings(b[key]));
}

/** The first instance of a nested block at a path, or undefined. */
export function nested(resource: Resource, path: string): ReturnType<typeof block> {
  return block(at(resource.attributes, path) ?? undefined);
}
