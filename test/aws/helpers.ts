/**
 * Shared helpers of the AWS tests: load the example spec, synthesize the AWS platform
 * once, and read resources and policies out of the synthesized Terraform JSON.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { parse } from "yaml";
import { AwsPlatform, type AwsPlatformProps } from "../../lib/aws";
import { createAwsProvider } from "../../lib/aws/provider";
import { readSpecFile } from "../../lib/spec/load";
import type { AwsTarget, PlatformSpec } from "../../lib/spec/schema";
import { parseSpec } from "../../lib/spec/validate";

/** The default example: the EU platform on AWS eu-central-1 and GCP. */
export const EXAMPLE_PATH = resolve(__dirname, "../../examples/acme-ml-eu.yaml");

/** The example spec, validated, with defaults applied. */
export function exampleSpec(): PlatformSpec {
  return readSpecFile(EXAMPLE_PATH);
}

/** The example as written (before validation), to derive variants from. */
export function exampleInput(): Record<string, unknown> {
  return parse(readFileSync(EXAMPLE_PATH, "utf8")) as Record<string, unknown>;
}

/** A variant of the example: `edit` changes the raw input, which is then validated. */
export function variantSpec(edit: (input: Record<string, unknown>) => void): PlatformSpec {
  const input = exampleInput();
  edit(input);
  return parseSpec(input);
}

/** The spec's first AWS target. */
export function awsTarget(spec: PlatformSpec): AwsTarget {
  const target = spec.targets.find((t): t is AwsTarget => t.cloud === "aws");
  if (!target) throw new Error("spec has no aws target");
  return target;
}

/** A synthesized Terraform JSON document (only the parts the tests read). */
export interface TfJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** The result of one synthesis. */
export interface AwsSynth {
  readonly json: TfJson;
  readonly platform: AwsPlatform;
}

/** Builds a stack with the AWS provider and the platform, and synthesizes it with validations on. */
export function synthAws(spec: PlatformSpec, props: Partial<AwsPlatformProps> = {}): AwsSynth {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const target = awsTarget(spec);
  createAwsProvider(stack, spec, target);
  const platform = new AwsPlatform(stack, "Platform", { spec, target, ...props });
  const json = JSON.parse(Testing.synth(stack, true)) as TfJson;
  return { json, platform };
}

/** Resources of one type, by Terraform name (`{}` when there are none). */
export function resourcesOf(json: TfJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource[type] ?? {};
}

/** The single resource of a type whose name contains `fragment`. */
export function resourceNamed(json: TfJson, type: string, fragment: string): Record<string, unknown> {
  const matches = Object.entries(resourcesOf(json, type)).filter(([name]) => name.includes(fragment));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} named *${fragment}*, found ${matches.length}: ${matches.map(([n]) => n).join(", ")}`);
  }
  return (matches[0] as [string, Record<string, unknown>])[1];
}

/** Every resource address (`type.name`) of the JSON. */
export function addresses(json: TfJson): string[] {
  return Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/** A policy statement as read back from JSON. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** Parses a policy document string. */
export function statementsOf(policy: unknown): Statement[] {
  if (typeof policy !== "string") throw new Error(`policy is not a string: ${JSON.stringify(policy)}`);
  return (JSON.parse(policy) as { Statement: Statement[] }).Statement;
}

/** A value as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every action an identity-policy statement list allows. */
export function allowedActions(statements: readonly Statement[]): string[] {
  return statements.filter((s) => s.Effect === "Allow").flatMap((s) => asList(s.Action));
}
