import type { Rule } from "../../model";
import { fail, pass } from "../util";
import { GCP_IAM_TYPES, grantsOf } from "./gcp-iam-common";

/** Basic roles, too broad for anyone on a production project. */
export const PRIMITIVE_ROLES = ["roles/owner", "roles/editor", "roles/viewer"] as const;

/** No owner/editor/viewer grants. */
export const GcpNoPrimitiveRoles: Rule = {
  id: "AIP-GIAM-001",
  title: "GCP IAM grants no basic roles (owner, editor, viewer)",
  severity: "high",
  rationale: "Basic roles span every service of the project: viewer reads every bucket's metadata and more, editor changes almost everything. Predefined roles on the resource are the least-privilege alternative.",
  fix: "Grant predefined roles on the specific resource (roles/storage.objectViewer on one bucket, …).",
  appliesTo: [...GCP_IAM_TYPES],
  references: [{ source: "checkov", id: "CKV_GCP_117", verified: true, note: "project level" }],
  evaluate(resource) {
    const bad = grantsOf(resource).filter((g) => (PRIMITIVE_ROLES as readonly string[]).includes(g.role));
    return bad.length === 0 ? pass() : fail(bad.map((g) => `${g.role} to ${g.member}`).join("; "));
  },
};
