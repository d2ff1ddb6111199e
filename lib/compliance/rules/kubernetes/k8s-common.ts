import { at, block, isObject } from "../../json";
import type { Json, Resource, StackIndex } from "../../model";
import { inNamespace, k8sTypes, manifestKind, namespaceName } from "../util";

/** Namespace resource types. */
export const NAMESPACE_TYPES = k8sTypes("namespace");

/** The manifest of a `kubernetes_manifest`, or undefined. */
export function manifestOf(resource: Resource): Json | undefined {
  const m = resource.attributes["manifest"];
  return isObject(m) ? m : undefined;
}

/** Objects of a kind in a namespace: typed resources and `kubernetes_manifest`s of that kind. */
export function objectsInNamespace(ns: Resource, index: StackIndex, typeBase: string, kind: string): Resource[] {
  return inNamespace(ns, index, [...k8sTypes(typeBase), "kubernetes_manifest"]).filter(
    (r) => r.type !== "kubernetes_manifest" || manifestKind(r) === kind,
  );
}

/** `spec.hard` of a ResourceQuota (typed or manifest). */
export function quotaHard(quota: Resource): Json {
  const hard = quota.type === "kubernetes_manifest" ? at(manifestOf(quota), "spec.hard") : at(quota.attributes, "spec.hard");
  return isObject(hard) ? hard : {};
}

/** Label for messages: `namespace "team-a"`. */
export function nsLabel(ns: Resource): string {
  return `namespace ${JSON.stringify(namespaceName(ns) ?? ns.address)}`;
}

/** The spec block of a typed resource. */
export function specOf(resource: Resource): Json | undefined {
  return resource.type === "kubernetes_manifest" ? block(manifestOf(resource)?.["spec"]) : block(resource.attributes["spec"]);
}
