/**
 * AWS IAM policy documents as the rules and the access matrix see them: parsed
 * from a literal JSON string (cdktf `JSON.stringify(...)`, references left inside
 * strings), from an already-parsed object, or from an `aws_iam_policy_document`
 * data source referenced as `${data.aws_iam_policy_document.x.json}`.
 */
import { allAt, blocks, isObject, strings } from "./json";
import type { Json, Resource, StackIndex } from "./model";

/** A principal of a statement; `*` type and id for `"Principal": "*"`. */
export interface Principal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser` or `*`. */
  readonly type: string;
  readonly id: string;
}

/** One statement, normalized. */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  /** `NotResource`: the statement applies to every resource but these. */
  readonly notResources: readonly string[];
  readonly principals: readonly Principal[];
  /** `NotPrincipal`: the statement applies to every principal but these. */
  readonly notPrincipals: readonly Principal[];
  /** Condition keys used (`aws:SecureTransport`, …) with operator and values. */
  readonly conditions: readonly { readonly operator: string; readonly key: string; readonly values: readonly string[] }[];
}

function normalizePrincipals(value: unknown): Principal[] {
  if (value === "*") return [{ type: "*", id: "*" }];
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([type, ids]) => strings(ids).map((id) => ({ type, id })));
}

function normalizeConditions(value: unknown): Statement["conditions"] {
  if (!isObject(value)) return [];
  const out: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, byKey] of Object.entries(value)) {
    if (!isObject(byKey)) continue;
    for (const [key, values] of Object.entries(byKey)) {
      out.push({ operator, key, values: Array.isArray(values) ? values.map(String) : [String(values)] });
    }
  }
  return out;
}

/** Normalizes a parsed policy document (`{ Statement: [...] }`). */
export function statementsOfDocument(doc: unknown): Statement[] {
  if (!isObject(doc)) return [];
  const raw = doc["Statement"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isObject).map((s) => ({
    ...(typeof s["Sid"] === "string" ? { sid: s["Sid"] } : {}),
    effect: s["Effect"] === "Deny" ? "Deny" : "Allow",
    actions: strings(s["Action"]),
    notActions: strings(s["NotAction"]),
    resources: strings(s["Resource"]),
    notResources: strings(s["NotResource"]),
    principals: normalizePrincipals(s["Principal"]),
    notPrincipals: normalizePrincipals(s["NotPrincipal"]),
    conditions: normalizeConditions(s["Condition"]),
  }));
}

/** Statements of an `aws_iam_policy_document` data source (with its source/override documents). */
function statementsOfDataDocument(data: Resource, index: StackIndex, depth: number): Statement[] {
  const own = blocks(data.attributes["statement"]).map(
    (s): Statement => ({
      ...(typeof s["sid"] === "string" ? { sid: s["sid"] } : {}),
      effect: s["effect"] === "Deny" ? "Deny" : "Allow",
      actions: strings(s["actions"]),
      notActions: strings(s["not_actions"]),
      resources: strings(s["resources"]),
      notResources: strings(s["not_resources"]),
      principals: blocks(s["principals"]).flatMap((p) => strings(p["identifiers"]).map((id) => ({ type: String(p["type"] ?? "AWS"), id }))),
      notPrincipals: blocks(s["not_principals"]).flatMap((p) => strings(p["identifiers"]).map((id) => ({ type: String(p["type"] ?? "AWS"), id }))),
      conditions: blocks(s["condition"]).map((c) => ({ operator: String(c["test"] ?? ""), key: String(c["variable"] ?? ""), values: strings(c["values"]) })),
    }),
  );
  const included = ["source_policy_documents", "override_policy_documents"].flatMap((k) =>
    (Array.isArray(data.attributes[k]) ? (data.attributes[k] as unknown[]) : [data.attributes[k]]).flatMap((v) => (v === undefined ? [] : (parsePolicy(v, index, depth + 1) ?? []))),
  );
  return [...included, ...own];
}

/**
 * Statements of a policy attribute value, or `undefined` when the value cannot be
 * read (an expression that is not a reference to a policy document of this stack).
 */
export function parsePolicy(value: unknown, index: StackIndex, depth = 0): Statement[] | undefined {
  if (depth > 5) return undefined;
  if (isObject(value)) return statementsOfDocument(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith("{")) {
    try {
      return statementsOfDocument(JSON.parse(trimmed));
    } catch {
      return undefined;
    }
  }
  const target = index.resolve(trimmed);
  if (target?.type === "aws_iam_policy_document" && target.kind === "data") return statementsOfDataDocument(target, index, depth);
  if (target?.type === "aws_iam_policy" && /\.(arn|id)\}?$/.test(trimmed)) return parsePolicy(target.attributes["policy"], index, depth + 1);
  return undefined;
}

/** The permission policies a resource carries, by attribute (`policy`, `inline_policy[0].policy`). */
export function permissionPolicies(resource: Resource, index: StackIndex): { readonly attribute: string; readonly statements: Statement[] | undefined }[] {
  switch (resource.type) {
    case "aws_iam_policy":
    case "aws_iam_role_policy":
    case "aws_iam_user_policy":
    case "aws_iam_group_policy":
    case "aws_s3_bucket_policy":
    case "aws_kms_key":
    case "aws_kms_key_policy":
      return resource.attributes["policy"] === undefined ? [] : [{ attribute: "policy", statements: parsePolicy(resource.attributes["policy"], index) }];
    case "aws_iam_role":
      return allAt(resource.attributes, "inline_policy").map((p, i) => ({ attribute: `inline_policy[${i}].policy`, statements: parsePolicy(p["policy"], index) }));
    default:
      return [];
  }
}

/** Glob match of an IAM action pattern (`s3:Get*`) against an action (`s3:GetObject`), case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return re.test(action);
}

/** True when an Allow statement grants any of `actions` (its patterns expanded), or grants everything by NotAction. */
export function grantsAny(statement: Statement, actions: readonly string[]): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.notActions.length > 0) return !actions.every((a) => statement.notActions.some((p) => actionMatches(p, a)));
  return statement.actions.some((p) => actions.some((a) => actionMatches(p, a)));
}

/** Condition keys that pin a `*` principal to an account, organisation, network or caller service. */
const RESTRICTING_KEYS = [
  "aws:principalorgid",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourcevpce",
  "aws:sourcevpc",
  "aws:sourceip",
  "kms:calleraccount",
  "kms:viaservice",
  "aws:sourceorgid",
];

/** True when an Allow statement names any principal at all (`*` or `{ AWS: "*" }`) and no condition pins it down. */
export function isOpenToAnyone(statement: Statement): boolean {
  if (statement.effect !== "Allow") return false;
  const wildcard = statement.principals.some((p) => p.id === "*" && (p.type === "*" || p.type === "AWS")) || statement.notPrincipals.length > 0;
  if (!wildcard) return false;
  return !statement.conditions.some((c) => RESTRICTING_KEYS.includes(c.key.toLowerCase()));
}

/** True when the statement covers every resource: `Resource "*"` or any `NotResource`. */
export function onAnyResource(statement: Statement): boolean {
  return statement.resources.includes("*") || statement.notResources.length > 0;
}

/** Access levels, weakest first. */
export const ACCESS_LEVELS = ["read", "write", "admin"] as const;
/** What an identity can do to a resource. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The stronger of two access levels. */
export function maxLevel(a: AccessLevel, b: AccessLevel): AccessLevel {
  return ACCESS_LEVELS.indexOf(a) >= ACCESS_LEVELS.indexOf(b) ? a : b;
}

/** Classifies one IAM action by its verb. */
export function levelOfAction(action: string): AccessLevel {
  const [service = "", verb = ""] = action.split(":");
  if (action === "*" || verb === "*" || service.toLowerCase() === "iam" || /^(Pass|Attach|Detach|PutBucketPolicy|PutKeyPolicy|ScheduleKeyDeletion|Disable|CreateGrant|PutBucketAcl|DeleteBucket)/i.test(verb)) {
    return "admin";
  }
  if (/^(Get|List|Describe|Head|Decrypt|Read|Select|Search|BatchGet|Query|Scan|View)/i.test(verb)) return "read";
  return "write";
}

/** Normalizes an `aws_iam_policy_document`-style condition list for tests and callers. */
export function conditionValue(statement: Statement, key: string): string[] {
  return statement.conditions.filter((c) => c.key.toLowerCase() === key.toLowerCase()).flatMap((c) => c.values);
}

/** Re-exported for rules that look at raw JSON. */
export type { Json };

/**
 * The problems a check finds in each statement of a resource's permission policies, as
 * `<attribute>: statement <Sid> <problem>`; `undefined` when the resource has no policy.
 */
export function statementProblems(
  resource: Resource,
  index: StackIndex,
  check: (statement: Statement) => readonly string[],
): { readonly problems: string[]; readonly unreadable: string[] } | undefined {
  const policies = permissionPolicies(resource, index);
  if (policies.length === 0) return undefined;
  const problems: string[] = [];
  for (const { attribute, statements } of policies) {
    for (const s of statements ?? []) {
      for (const problem of check(s)) problems.push(`${attribute}: statement ${s.sid ?? "(no Sid)"} ${problem}`);
    }
  }
  return { problems, unreadable: policies.filter((p) => p.statements === undefined).map((p) => p.attribute) };
}

/** The failure message for policies a rule could not read (fail closed), or undefined when all were read. */
export function unreadableMessage(unreadable: readonly string[]): string | undefined {
  return unreadable.length === 0 ? undefined : `${unreadable.join(", ")} cannot be read (an expression that is not a policy document of this stack), so the rule cannot be proven (fail closed)`;
}
