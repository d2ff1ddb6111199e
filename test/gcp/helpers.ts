/**
 * Shared fixtures of the GCP tests: the EU example spec (its gcp target), variants of it,
 * and one synthesis of the whole GCP platform into Terraform JSON.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { GcpPlatform } from "../../lib/gcp";
import { createGoogleProvider } from "../../lib/gcp/provider";
import { PLATFORM_OUTPUT_NAMES, SENSITIVE_OUTPUTS } from "../../lib/spec/contracts";
import type { GcpTarget, PlatformSpec } from "../../lib/spec/schema";
import { parseSpec } from "../../lib/spec/validate";

/** The synthesized configuration, as Terraform JSON. */
export interface TfJson {
  readonly provider?: Record<string, unknown[]>;
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { readonly value: unknown; readonly sensitive?: boolean }>;
}

/** The raw (unvalidated) EU example, to derive variants from. */
export function exampleInput(): Record<string, unknown> & { gpuPools: unknown[]; teams: unknown[]; targets: unknown[] } {
  return parse(readFileSync(join(__dirname, "..", "..", "examples", "acme-ml-eu.yaml"), "utf8"));
}

/** A validated spec from an input, with only its gcp target kept (so the AWS catalog never matters). */
export function gcpSpec(input: Record<string, unknown> = exampleInput()): { spec: PlatformSpec; target: GcpTarget } {
  const targets = (input["targets"] as { cloud: string }[]).filter((t) => t.cloud === "gcp");
  const spec = parseSpec({ ...input, targets });
  const target = spec.targets.find((t): t is GcpTarget => t.cloud === "gcp");
  if (target === undefined) throw new Error("fixture has no gcp target");
  return { spec, target };
}

/** Builds the GCP platform of a spec in a fresh stack, without synthesizing. */
export function buildPlatform(spec: PlatformSpec, target: GcpTarget): { stack: TerraformStack; platform: GcpPlatform } {
  const stack = new TerraformStack(Testing.app(), "test");
  createGoogleProvider(stack, spec, target);
  return { stack, platform: new GcpPlatform(stack, "Platform", { spec, target }) };
}

/**
 * Synthesizes the GCP platform of a spec in a fresh stack. With `outputs`, declares the
 * contract's outputs the way the cloud stack does.
 */
export function synthPlatform(spec: PlatformSpec, target: GcpTarget, outputs = false): { json: TfJson; platform: GcpPlatform } {
  const { stack, platform } = buildPlatform(spec, target);
  if (outputs) {
    const values = platform.outputs();
    for (const name of PLATFORM_OUTPUT_NAMES) {
      new TerraformOutput(stack, name, { value: values[name], sensitive: SENSITIVE_OUTPUTS.has(name) });
    }
  }
  const json = JSON.parse(Testing.synth(stack)) as TfJson;
  return { json, platform };
}

/** Every resource block of a type, keyed by Terraform name. */
export function resourcesOf(json: TfJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource[type] ?? {};
}

/** The blocks of a type as a list. */
export function blocksOf(json: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(resourcesOf(json, type));
}

/** Every `type.name` address of the configuration. */
export function addresses(json: TfJson): string[] {
  return Object.entries(json.resource).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${type}.${name}`));
}

/** The single block whose Terraform name starts with `prefix`. */
export function blockNamed(json: TfJson, type: string, prefix: string): Record<string, unknown> {
  const found = Object.entries(resourcesOf(json, type)).filter(([name]) => name.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.map(([n]) => n).join(", ") || "none"}`);
  return found[0]![1];
}

/** `${type.name.attr}` reference to the block whose name starts with `prefix`. */
export function refTo(json: TfJson, type: string, prefix: string, attr: string): string {
  const name = Object.keys(resourcesOf(json, type)).find((n) => n.startsWith(prefix));
  if (name === undefined) throw new Error(`no ${type} named ${prefix}*`);
  return `\${${type}.${name}.${attr}}`;
}

/** `${data.type.name.attr}` reference to the data source whose name starts with `prefix`. */
export function dataRefTo(json: TfJson, type: string, prefix: string, attr: string): string {
  const name = Object.keys(json.data?.[type] ?? {}).find((n) => n.startsWith(prefix));
  if (name === undefined) throw new Error(`no data.${type} named ${prefix}*`);
  return `\${data.${type}.${name}.${attr}}`;
}
