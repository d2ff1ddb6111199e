/**
 * The data model of the compliance review: severities, rules, findings and the
 * per-stack index of a synthesized Terraform JSON configuration.
 *
 * Everything here is plain data over plain JSON: no cdktf, no provider package.
 */

/** How bad a failure is, most severe first. */
/** Report formats. */
export const FORMATS = ["text", "json", "md", "sarif", "junit"] as const;
/** A report format. */
export type Format = (typeof FORMATS)[number];

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
/** How bad a failure is. */
export type Severity = (typeof SEVERITIES)[number];

/** True when `value` is a {@link Severity}. */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Rank of a severity: critical 4 … info 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** A JSON object. */
export type Json = Record<string, unknown>;

/** What a rule says about one resource. */
export type RuleStatus = "compliant" | "non-compliant" | "not-applicable";

/** A rule's verdict with an explanation for the reviewer. */
export interface RuleVerdict {
  readonly status: RuleStatus;
  /** What was found, naming the attribute and value (shown in every report). */
  readonly message?: string;
}

/** What a rule function returns: a bare status or a verdict with a message. */
export type RuleResult = RuleStatus | RuleVerdict;

/** A scanner or benchmark that has an equivalent control. */
export type ReferenceSource = "checkov" | "trivy" | "cis" | "aws-config" | "cdk-nag";

/** An equivalent control in another scanner or benchmark. */
export interface RuleReference {
  readonly source: ReferenceSource;
  /** e.g. `CKV_AWS_39`, `AVD-AWS-0040`, `CIS EKS 5.4.2`. */
  readonly id: string;
  /**
   * True when the id and its meaning were checked against the scanner's own source
   * (see the rule file for where); false means UNVERIFIED (from memory, treat as a hint).
   */
  readonly verified: boolean;
  /** How the other control differs, when it does. */
  readonly note?: string;
}

/** Where a resource block comes from. */
export type BlockKind = "resource" | "data" | "provider" | "backend";

/**
 * One resource, data source or provider block of one stack, with everything a
 * rule needs to judge it.
 */
export interface Resource {
  /** Stack name (the manifest key). */
  readonly stack: string;
  readonly kind: BlockKind;
  /** Terraform type: `aws_s3_bucket`; for providers the provider name (`aws`); for backends `backend`. */
  readonly type: string;
  /** Block name (`foo` in `aws_s3_bucket.foo`); for providers the alias or `default`. */
  readonly name: string;
  /** Terraform address: `aws_s3_bucket.foo`, `data.aws_iam_policy_document.x`, `provider.aws.west`, `terraform.backend.s3`. */
  readonly address: string;
  /** cdktf construct path (`"//".metadata.path`), when present. */
  readonly constructPath?: string;
  /** The block's attributes (the first instance when the JSON holds an array), `"//"` included. */
  readonly attributes: Json;
  /** Provider reference the block uses (`aws`, `aws.west`, `google`, `kubernetes`). */
  readonly provider?: string;
  /** Region or location the block is in: its own `region`/`location`, else its provider's. */
  readonly region?: string;
  /** The cloud the type belongs to. */
  readonly cloud: "aws" | "gcp" | "kubernetes" | "other";
  /** Suppressions recorded next to the block (see `suppress.ts`). */
  readonly suppressions: readonly SuppressionEntry[];
}

/** A suppression as read from the synthesized JSON. */
export interface SuppressionEntry {
  readonly ruleId: string;
  readonly reason: string;
}

/** A `${type.name.attr}` reference found in a block. */
export interface Reference {
  /** Address of the referenced block, e.g. `aws_kms_key.lake`. */
  readonly target: string;
  /** Attribute of the referenced block, e.g. `arn` (empty when none). */
  readonly attribute: string;
  /** Dotted path of the attribute in the referencing block where the reference occurs. */
  readonly path: string;
}

/** A rule: one control, one file. */
export interface Rule {
  /** Stable id, e.g. `AIP-S3-001`. */
  readonly id: string;
  /** Short, imperative title: what a compliant resource does. */
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters. */
  readonly rationale: string;
  /** How to fix it (in this library or in plain cdktf). */
  readonly fix: string;
  /** Resource types (or provider names for provider blocks) the rule looks at; `*` for every block. */
  readonly appliesTo: readonly string[];
  /** Equivalent controls elsewhere. Empty when none is known. */
  readonly references: readonly RuleReference[];
  /** A failure of this rule means something is reachable from the internet. */
  readonly exposure?: boolean;
  /** The check: a pure function of the resource and its stack's index. */
  readonly evaluate: (resource: Resource, index: StackIndex) => RuleResult;
}

/** The outcome of one rule on one resource. */
export type FindingStatus = "pass" | "fail" | "suppressed" | "error";

/** One evaluated (rule, resource) pair. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: FindingStatus;
  readonly stack: string;
  /** Stack file relative to the checked directory, `stacks/<stack>/cdk.tf.json`. */
  readonly file: string;
  readonly address: string;
  readonly resourceType: string;
  readonly constructPath?: string;
  readonly message: string;
  /** The reason, when suppressed. */
  readonly suppressionReason?: string;
}

/** A suppression found in the JSON, with whether it matched anything. */
export interface SuppressionRecord {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly ruleId: string;
  readonly reason: string;
  /** False when the rule id is unknown (an error finding is emitted too). */
  readonly known: boolean;
  /** Number of failures it suppressed. */
  readonly suppressedCount: number;
}

/**
 * The index of one stack: every block, by address and type, with references
 * resolved in both directions.
 */
export interface StackIndex {
  readonly stack: string;
  /** Stack file relative to the checked directory. */
  readonly file: string;
  /** The whole configuration as parsed. */
  readonly config: Json;
  /** Every block, sorted by address. */
  readonly resources: readonly Resource[];
  /** The jurisdiction to check residency against, when known. */
  readonly jurisdiction?: string;
  /** Where {@link jurisdiction} came from: `--residency`, the stack's own provider tag/label, or undefined (residency not checked). */
  readonly jurisdictionSource?: string;
  /** A block by address (`aws_s3_bucket.x`, `data.x.y`, `provider.aws`). */
  get(address: string): Resource | undefined;
  /** Every block of a type (resources and data sources), sorted by address. */
  ofType(...types: string[]): Resource[];
  /** Resources and data sources of `type` whose top-level string `attribute` equals `value` (indexed once, so lookups are constant time). */
  withAttribute(type: string, attribute: string, value: string): Resource[];
  /** References made by a block. */
  referencesFrom(resource: Resource): readonly Reference[];
  /** Blocks that reference `resource`, optionally only of the given types (optionally only through attribute path `path`). */
  referrers(resource: Resource, types?: readonly string[], path?: string): Resource[];
  /** The block a string references (the first `${…}` reference that names a block of this stack). */
  resolve(value: unknown): Resource | undefined;
  /** Every block a value (string, array, object) references. */
  resolveAll(value: unknown): Resource[];
}
