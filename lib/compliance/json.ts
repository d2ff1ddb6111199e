/**
 * Small helpers over Terraform JSON. Terraform JSON allows a nested block as an
 * object or as an array of objects, and cdktf emits both: every accessor here
 * accepts either.
 */
import type { Json } from "./model";

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A block given as an object or an array of objects, as an array of objects. */
export function blocks(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first instance of a nested block, or undefined. */
export function block(value: unknown): Json | undefined {
  return blocks(value)[0];
}

/**
 * Follows a dotted path of nested blocks (`vpc_config.endpoint_public_access`),
 * taking the first instance of each block on the way.
 */
export function at(obj: Json | undefined, path: string): unknown {
  let current: unknown = obj;
  for (const key of path.split(".")) {
    const b = Array.isArray(current) ? block(current) : isObject(current) ? current : undefined;
    if (b === undefined) return undefined;
    current = b[key];
  }
  return current;
}

/** Every instance of the nested blocks at a dotted path (`rule.noncurrent_version_expiration`). */
export function allAt(obj: Json | undefined, path: string): Json[] {
  let current: Json[] = obj === undefined ? [] : [obj];
  for (const key of path.split(".")) {
    current = current.flatMap((b) => blocks(b[key]));
  }
  return current;
}

/** Terraform booleans may be JSON booleans or the strings "true"/"false". */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** See {@link isTrue}. */
export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** A string or a list of strings, as a list (other values dropped). */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** A number given as a number or a numeric string. */
export function num(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** True when the string holds a Terraform expression. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** CIDRs that mean "anywhere". */
export const OPEN_CIDRS: ReadonlySet<string> = new Set(["0.0.0.0/0", "::/0"]);

/** True when any of the values is an "anywhere" CIDR. */
export function hasOpenCidr(value: unknown): boolean {
  return strings(value).some((c) => OPEN_CIDRS.has(c.trim()));
}

/** The tags (AWS) or labels (GCP) of a resource, as a plain map. */
export function tagsOf(attributes: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["tags", "tags_all", "labels", "resource_labels"]) {
    const value = attributes[key];
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
    }
  }
  return out;
}

/** Locale-independent string order (code points), so reports are the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
