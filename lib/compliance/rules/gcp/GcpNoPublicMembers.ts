import type { Rule } from "../../model";
import { fail, pass } from "../util";
import { GCP_IAM_TYPES, grantsOf } from "./gcp-iam-common";

/** No grant to allUsers or allAuthenticatedUsers. */
export const GcpNoPublicMembers: Rule = {
  id: "AIP-GIAM-002",
  title: "GCP IAM grants nothing to allUsers or allAuthenticatedUsers",
  severity: "critical",
  rationale: "allUsers is the internet; allAuthenticatedUsers is every Google account in the world. Either publishes the resource.",
  fix: "Grant to named service accounts or groups instead.",
  appliesTo: [...GCP_IAM_TYPES],
  exposure: true,
  references: [{ source: "checkov", id: "CKV_GCP_28", verified: true, note: "storage buckets" }],
  evaluate(resource) {
    const bad = grantsOf(resource).filter((g) => g.member === "allUsers" || g.member === "allAuthenticatedUsers");
    return bad.length === 0 ? pass() : fail(bad.map((g) => `${g.role} to ${g.member}`).join("; "));
  },
};
