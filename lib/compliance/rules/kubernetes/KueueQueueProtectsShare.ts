import { at, isObject } from "../../json";
import type { Rule } from "../../model";
import { fail, manifestKind, pass, show, skip } from "../util";

/** A team queue lends idle GPUs but gets its own share back. */
export const KueueQueueProtectsShare: Rule = {
  id: "AIP-QUEUE-001",
  title: "Kueue ClusterQueues are in a cohort and reclaim their nominal quota",
  severity: "low",
  rationale: "Without a cohort idle GPUs cannot be lent; without reclaimWithinCohort a team that lent its GPUs waits for the borrowers to finish before it gets its own quota back.",
  fix: "Set spec.cohortName and spec.preemption.reclaimWithinCohort (Any or LowerPriority) on the ClusterQueue (teams[] with queues.enabled do).",
  appliesTo: ["kubernetes_manifest"],
  references: [],
  evaluate(resource) {
    if (manifestKind(resource) !== "ClusterQueue") return skip("not a ClusterQueue");
    const manifest = resource.attributes["manifest"];
    const cohort = isObject(manifest) ? at(manifest, "spec.cohortName") : undefined;
    const reclaim = isObject(manifest) ? at(manifest, "spec.preemption.reclaimWithinCohort") : undefined;
    if (typeof cohort !== "string" || cohort === "") return fail("no spec.cohortName");
    if (reclaim !== "Any" && reclaim !== "LowerPriority") return fail(`spec.preemption.reclaimWithinCohort = ${show(reclaim)}`);
    return pass(`cohort ${cohort}, reclaimWithinCohort ${reclaim}`);
  },
};
