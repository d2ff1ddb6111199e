import { requireJurisdiction, type JurisdictionId } from "../../../residency/jurisdictions";
import { checkResidency, formatResidencyViolation, type ResidencyViolation } from "../../../residency/pinning";
import type { Rule, StackIndex } from "../../model";
import { fail, pass, skip } from "../util";

const cache = new WeakMap<StackIndex, readonly ResidencyViolation[]>();

/** The residency violations of a stack, computed once per index with lib/residency's checkResidency. */
export function residencyViolations(index: StackIndex): readonly ResidencyViolation[] {
  const cached = cache.get(index);
  if (cached !== undefined) return cached;
  const violations = index.jurisdiction === undefined ? [] : checkResidency(index.stack, index.config, index.jurisdiction as JurisdictionId);
  cache.set(index, violations);
  return violations;
}

/**
 * Every location inside the jurisdiction (from `--residency`, else the providers'
 * `residency` default tag/label). Reuses lib/residency's checkResidency, so the
 * review and the synth-time pinning agree.
 */
export const ResidencyPinned: Rule = {
  id: "AIP-RES-001",
  title: "Every location (provider, resource, replication target, backend) is inside the jurisdiction",
  severity: "critical",
  rationale: "Data residency is a legal obligation: a single bucket, key ring or replica in another territory puts the whole platform out of compliance.",
  fix: "Move the resource into an allowed region of the jurisdiction, or choose another jurisdiction in the spec.",
  appliesTo: ["*"],
  references: [],
  evaluate(resource, index) {
    if (index.jurisdiction === undefined) return skip("no jurisdiction (no --residency and no residency tag/label on a provider)");
    if (resource.cloud !== "aws" && resource.cloud !== "gcp") return skip();
    const mine = residencyViolations(index).filter((v) => v.address === resource.address);
    if (mine.length > 0) return fail(mine.map(formatResidencyViolation).join("; "));
    return pass(`inside ${requireJurisdiction(index.jurisdiction).id}`);
  },
};
