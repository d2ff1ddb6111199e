/**
 * Names derived from the spec. Construct ids and Terraform addresses derive from the
 * spec's names only (never from list positions), so adding or reordering teams, pools or
 * zones never moves an existing resource.
 */
import { createHash } from "node:crypto";
import type { PlatformSpec, Target } from "./schema";

/** `<name>-<cloud>-<region>`: the stack with the cloud resources. */
export function cloudStackName(spec: Pick<PlatformSpec, "name">, target: Pick<Target, "cloud" | "region">): string {
  return `${spec.name}-${target.cloud}-${target.region}`;
}

/** `<name>-<cloud>-<region>-k8s`: the stack with the in-cluster resources. */
export function k8sStackName(spec: Pick<PlatformSpec, "name">, target: Pick<Target, "cloud" | "region">): string {
  return `${cloudStackName(spec, target)}-k8s`;
}

/** `<name>-guardrails`: the organization-level residency guardrails (only when the spec has `guardrails`). */
export function guardrailsStackName(spec: Pick<PlatformSpec, "name">): string {
  return `${spec.name}-guardrails`;
}

/**
 * `<name>-<cloud>-<region>-k8s-custom`: objects of CRDs the `-k8s` stack installs (team
 * queues), planned and deployed after it.
 */
export function k8sCustomStackName(spec: Pick<PlatformSpec, "name">, target: Pick<Target, "cloud" | "region">): string {
  return `${k8sStackName(spec, target)}-custom`;
}

/** A short, stable hex digest of the parts, for globally unique names that must not change between runs. */
export function stableSuffix(length: number, ...parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, length);
}

/** The label (tag) keys the platform puts on every resource; a spec's own labels may not use them. */
export const PLATFORM_LABEL_KEYS = ["platform", "residency", "managed-by"] as const;

/** Labels (GCP) or tags (AWS) put on every resource of a platform. */
export function platformLabels(spec: Pick<PlatformSpec, "name" | "labels" | "residency">): Record<string, string> {
  return { ...spec.labels, platform: spec.name, residency: spec.residency, "managed-by": "ai-platform" };
}
