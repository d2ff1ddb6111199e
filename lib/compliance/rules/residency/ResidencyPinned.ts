import { requireJurisdiction } from "../../../residency/jurisdictions";
import type { Rule } from "../../model";
import { formatProblem, locationCloudOf, residencyProblems } from "../../residency";
import { fail, pass, skip } from "../util";

/**
 * Every location inside the jurisdiction (from `--residency`, else the providers'
 * `residency` default tag/label). Reuses lib/residency's checkResidency, so the
 * review and the synth-time pinning agree, and adds what a review of any Terraform
 * JSON must not pass silently (see ../../residency.ts): expressions, variables,
 * backends of every kind, BigQuery's US default, inline replication, key locations.
 */
export const ResidencyPinned: Rule = {
  id: "AIP-RES-001",
  title: "Every location (provider, resource, replication target, key, dataset, backend) is proven inside the jurisdiction",
  severity: "critical",
  rationale:
    "Data residency is a legal obligation: a single bucket, key ring, replica, dataset or state file in another territory puts the whole platform out of compliance. A location the configuration does not prove (an expression, a variable, an unset default) is treated as outside.",
  fix: "Move the resource into an allowed region of the jurisdiction (a literal value, or a reference to a block that is itself inside), or choose another jurisdiction in the spec.",
  appliesTo: ["*"],
  references: [],
  evaluate(resource, index) {
    if (index.jurisdiction === undefined) return skip("no jurisdiction (no --residency and no residency tag/label on a provider)");
    const mine = residencyProblems(index).get(resource.address) ?? [];
    if (mine.length > 0) return fail(mine.map(formatProblem).join("; "));
    if (resource.kind !== "backend" && locationCloudOf(resource.type) === undefined) return skip();
    return pass(`inside ${requireJurisdiction(index.jurisdiction).id}`);
  },
};
