/**
 * The access matrix: each identity (AWS IAM roles and the principals that may
 * assume them, EKS access entries, GCP IAM members, Kubernetes RBAC subjects) →
 * what it can reach → read / write / admin (or assume).
 *
 * Built from the JSON alone; references are shown as Terraform addresses.
 */
import { allAt, at, blocks, compare, strings } from "./json";
import type { Resource, StackIndex } from "./model";
import { type AccessLevel, levelOfAction, maxLevel, parsePolicy, permissionPolicies, type Statement } from "./policy";
import { grantsOf } from "./rules/gcp/gcp-iam-common";
import { k8sTypes, namespaceOf } from "./rules/util";

/** One row of the access matrix. */
export interface AccessEntry {
  /** Who: an address (`aws_iam_role.team`), an ARN, a GCP member (`group:x@y`), or a Kubernetes subject (`Group:team-admins`). */
  readonly identity: string;
  readonly identityKind: "aws-role" | "aws-principal" | "gcp-member" | "k8s-subject";
  /** What: an address, an ARN/pattern, `*`, or a Kubernetes scope (`namespace team-a`, `cluster`). */
  readonly resource: string;
  readonly level: AccessLevel | "assume";
  /** The block that grants it. */
  readonly via: string;
  /** The actions / role behind the level, for the reviewer. */
  readonly detail: string;
}

/** Data sources that only say where a resource is (account, partition, region), not what it is. */
const ENVIRONMENT_DATA = /^data\.aws_(caller_identity|partition|region)\./;

function display(value: string, index: StackIndex): string {
  if (/^arn:aws[a-z-]*:iam::[^:]*:root$/.test(value)) return value.includes("${") ? "account root" : value;
  const target = index.resolve(value);
  if (target === undefined) return value;
  // An ARN built from the account id (e.g. a Glue database's) names no resource by reference:
  // show the ARN with the environment parts abbreviated rather than the account data source.
  if (ENVIRONMENT_DATA.test(target.address)) return value.replace(/\$\{data\.aws_(caller_identity|partition|region)\.[^}]*\}/g, (_m, kind: string) => `<${kind === "caller_identity" ? "account" : kind}>`);
  return value.replace(/\$\{[^}]*\}/g, "").includes("*") ? `${target.address} (objects)` : target.address;
}

function statementRows(identity: string, kind: AccessEntry["identityKind"], statements: readonly Statement[], via: string, index: StackIndex): AccessEntry[] {
  const rows: AccessEntry[] = [];
  for (const s of statements) {
    if (s.effect !== "Allow") continue;
    const actions = s.notActions.length > 0 ? ["*"] : s.actions;
    if (actions.length === 0) continue;
    const level = actions.map(levelOfAction).reduce(maxLevel, "read" as AccessLevel);
    for (const resource of s.resources.length > 0 ? s.resources : ["*"]) {
      rows.push({ identity, identityKind: kind, resource: display(resource, index), level, via, detail: s.notActions.length > 0 ? `NotAction ${s.notActions.join(", ")}` : actions.join(", ") });
    }
  }
  return rows;
}

function attachedTo(role: Resource, index: StackIndex, types: string[]): Resource[] {
  const name = role.attributes["name"];
  const byRef = index.referrers(role, types, "role");
  const byName = typeof name === "string" ? types.flatMap((t) => index.withAttribute(t, "role", name)) : [];
  return [...new Set([...byRef, ...byName])];
}

function managedLevel(policyArn: string): AccessLevel {
  if (/AdministratorAccess|ClusterAdmin|AmazonEKSAdmin/i.test(policyArn)) return "admin";
  if (/ReadOnly|View/i.test(policyArn)) return "read";
  if (/FullAccess|Edit|Admin/i.test(policyArn)) return /Admin|FullAccess/i.test(policyArn) ? "admin" : "write";
  return "write";
}

function awsRows(index: StackIndex): AccessEntry[] {
  const rows: AccessEntry[] = [];
  for (const role of index.ofType("aws_iam_role")) {
    const id = role.address;
    for (const p of permissionPolicies(role, index)) rows.push(...statementRows(id, "aws-role", p.statements ?? [], `${role.address}.${p.attribute}`, index));
    for (const policy of attachedTo(role, index, ["aws_iam_role_policy"])) {
      rows.push(...statementRows(id, "aws-role", parsePolicy(policy.attributes["policy"], index) ?? [], policy.address, index));
    }
    for (const attachment of attachedTo(role, index, ["aws_iam_role_policy_attachment"])) {
      const arn = attachment.attributes["policy_arn"];
      const policy = index.resolve(arn);
      if (policy?.type === "aws_iam_policy") {
        rows.push(...statementRows(id, "aws-role", parsePolicy(policy.attributes["policy"], index) ?? [], policy.address, index));
      } else if (typeof arn === "string") {
        rows.push({ identity: id, identityKind: "aws-role", resource: "*", level: managedLevel(arn), via: attachment.address, detail: `managed policy ${arn.split("/").pop() ?? arn}` });
      }
    }
    for (const s of parsePolicy(role.attributes["assume_role_policy"], index) ?? []) {
      if (s.effect !== "Allow") continue;
      for (const p of s.principals) {
        rows.push({
          identity: p.type === "*" ? "*" : `${p.type}:${display(p.id, index)}`,
          identityKind: "aws-principal",
          resource: role.address,
          level: "assume",
          via: `${role.address}.assume_role_policy`,
          detail: s.actions.join(", "),
        });
      }
    }
  }
  // Resource-based policies: bucket and key policies name principals directly.
  for (const holder of index.ofType("aws_s3_bucket_policy", "aws_kms_key", "aws_kms_key_policy")) {
    const target = holder.type === "aws_s3_bucket_policy" ? (index.resolve(holder.attributes["bucket"])?.address ?? String(holder.attributes["bucket"])) : holder.type === "aws_kms_key" ? holder.address : (index.resolve(holder.attributes["key_id"])?.address ?? holder.address);
    for (const s of parsePolicy(holder.attributes["policy"], index) ?? []) {
      if (s.effect !== "Allow" || s.principals.length === 0) continue;
      const actions = s.notActions.length > 0 ? ["*"] : s.actions;
      const level = actions.map(levelOfAction).reduce(maxLevel, "read" as AccessLevel);
      for (const p of s.principals) {
        rows.push({
          identity: p.type === "*" || p.id === "*" ? "*" : `${p.type}:${display(p.id, index)}`,
          identityKind: "aws-principal",
          resource: target,
          level,
          via: `${holder.address}.policy`,
          detail: `${actions.join(", ")}${s.conditions.length > 0 ? ` (if ${s.conditions.map((c) => c.key).join(", ")})` : ""}`,
        });
      }
    }
  }
  for (const assoc of index.ofType("aws_eks_pod_identity_association")) {
    rows.push({
      identity: `ServiceAccount:${String(assoc.attributes["namespace"])}/${String(assoc.attributes["service_account"])}`,
      identityKind: "k8s-subject",
      resource: display(String(assoc.attributes["role_arn"] ?? "?"), index),
      level: "assume",
      via: assoc.address,
      detail: "EKS Pod Identity",
    });
  }
  for (const assoc of index.ofType("aws_eks_access_policy_association")) {
    const policyArn = String(assoc.attributes["policy_arn"] ?? "");
    const scope = at(assoc.attributes, "access_scope.type") === "namespace" ? `namespaces ${strings(at(assoc.attributes, "access_scope.namespaces")).join(", ")}` : "cluster";
    const cluster = index.resolve(assoc.attributes["cluster_name"])?.address ?? String(assoc.attributes["cluster_name"] ?? "?");
    rows.push({
      identity: display(String(assoc.attributes["principal_arn"] ?? "?"), index),
      identityKind: "aws-principal",
      resource: `${cluster} (${scope})`,
      level: managedLevel(policyArn),
      via: assoc.address,
      detail: policyArn.split("/").pop() ?? policyArn,
    });
  }
  return rows;
}

/** GCP roles whose level the name alone would misjudge. */
const KNOWN_ROLE_LEVELS: Readonly<Record<string, AccessLevel>> = {
  "roles/storage.objectuser": "write", // create, overwrite and delete objects
  "roles/storage.objectcreator": "write",
  "roles/bigquery.jobuser": "read", // runs query jobs; grants no data of its own
  "roles/bigquery.dataeditor": "write",
};

/** Level of a GCP role by its name. */
export function levelOfRole(role: string): AccessLevel {
  const r = role.toLowerCase();
  const known = KNOWN_ROLE_LEVELS[r];
  if (known) return known;
  if (r === "roles/owner" || /admin|owner|setiampolicy/.test(r)) return "admin";
  if (r === "roles/viewer" || /viewer|reader|\.get|list|decrypter$|metadataviewer|user$/.test(r)) {
    return /encrypterdecrypter|workloadidentityuser|serviceaccountuser/.test(r) ? "write" : "read";
  }
  return "write";
}

function gcpTarget(resource: Resource, index: StackIndex): string {
  for (const key of ["bucket", "dataset_id", "crypto_key_id", "key_ring_id", "service_account_id", "repository"]) {
    const value = resource.attributes[key];
    if (typeof value === "string") return index.resolve(value)?.address ?? value;
  }
  for (const key of ["project", "folder", "org_id"]) {
    const value = resource.attributes[key];
    if (typeof value === "string") return `${key} ${index.resolve(value)?.address ?? value}`;
  }
  return resource.type;
}

function gcpRows(index: StackIndex): AccessEntry[] {
  const rows: AccessEntry[] = [];
  for (const r of index.resources) {
    if (r.kind !== "resource") continue;
    if (/^google_.*_iam_(member|binding)$/.test(r.type)) {
      for (const g of grantsOf(r)) {
        rows.push({ identity: display(g.member, index), identityKind: "gcp-member", resource: gcpTarget(r, index), level: levelOfRole(g.role), via: r.address, detail: g.role });
      }
    } else if (r.type === "google_bigquery_dataset") {
      for (const a of allAt(r.attributes, "access")) {
        const who = a["user_by_email"] ?? a["group_by_email"] ?? a["special_group"] ?? a["iam_member"] ?? a["domain"];
        if (who === undefined) continue;
        const role = String(a["role"] ?? "");
        rows.push({ identity: display(String(who), index), identityKind: "gcp-member", resource: r.address, level: levelOfRole(role.includes("/") ? role : `roles/bigquery.data${role.toLowerCase()}`), via: r.address, detail: role });
      }
    }
  }
  return rows;
}

const BUILT_IN_CLUSTER_ROLES: Readonly<Record<string, AccessLevel>> = { "cluster-admin": "admin", admin: "admin", edit: "write", view: "read" };

function levelOfVerbs(verbs: readonly string[]): AccessLevel {
  if (verbs.some((v) => ["*", "escalate", "bind", "impersonate"].includes(v))) return "admin";
  if (verbs.some((v) => ["create", "update", "patch", "delete", "deletecollection"].includes(v))) return "write";
  return "read";
}

function k8sRows(index: StackIndex): AccessEntry[] {
  const rows: AccessEntry[] = [];
  const roles = index.ofType(...k8sTypes("role", "cluster_role"));
  for (const binding of index.ofType(...k8sTypes("role_binding", "cluster_role_binding"))) {
    const ref = blocks(binding.attributes["role_ref"])[0] ?? {};
    const roleName = String(ref["name"] ?? "?");
    const ns = namespaceOf(binding);
    const nsName = typeof ns === "string" ? (index.resolve(ns)?.address ?? ns) : undefined;
    const scope = binding.type.includes("cluster_role_binding") ? "cluster" : `namespace ${nsName ?? "?"}`;
    const isCluster = ref["kind"] === "ClusterRole";
    const referenced = index.resolve(ref["name"]);
    const role =
      referenced !== undefined && roles.includes(referenced)
        ? referenced
        : roles.find(
            (r) =>
              at(r.attributes, "metadata.name") === roleName &&
              isCluster === r.type.includes("cluster_role") &&
              (isCluster || namespaceOf(r) === ns),
          );
    let level: AccessLevel;
    let detail: string;
    if (role !== undefined) {
      const rules = blocks(role.attributes["rule"]);
      level = rules.map((x) => levelOfVerbs(strings(x["verbs"]))).reduce(maxLevel, "read" as AccessLevel);
      detail = `${String(ref["kind"])} ${String(at(role.attributes, "metadata.name") ?? roleName)}: ${[...new Set(rules.flatMap((x) => strings(x["resources"])))].join(", ")}`;
    } else {
      level = BUILT_IN_CLUSTER_ROLES[roleName] ?? "write";
      detail = `${String(ref["kind"] ?? "ClusterRole")} ${roleName}${BUILT_IN_CLUSTER_ROLES[roleName] ? " (built-in)" : " (not in this stack)"}`;
    }
    for (const s of blocks(binding.attributes["subject"])) {
      const who = s["kind"] === "ServiceAccount" ? `${String(s["namespace"] ?? nsName ?? "?")}/${String(s["name"])}` : String(s["name"]);
      rows.push({ identity: `${String(s["kind"])}:${who}`, identityKind: "k8s-subject", resource: scope, level, via: binding.address, detail });
    }
  }
  return rows;
}

/** The access matrix of a stack, sorted by identity, resource, level, via. */
export function accessMatrix(index: StackIndex): AccessEntry[] {
  const rows = [...awsRows(index), ...gcpRows(index), ...k8sRows(index)];
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      const key = JSON.stringify([r.identity, r.resource, r.level, r.via, r.detail]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compare(a.identity, b.identity) || compare(a.resource, b.resource) || compare(a.level, b.level) || compare(a.via, b.via));
}
