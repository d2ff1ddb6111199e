import { isFalse } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** deletion_protection is not turned off (provider default true). */
export const GkeDeletionProtection: Rule = {
  id: "AIP-GKE-010",
  title: "GKE clusters keep deletion protection",
  severity: "medium",
  rationale: "A mistaken destroy or a renamed construct id would delete the cluster and every workload and volume with it.",
  fix: "Leave deletion_protection unset (true) or set it to true; turn it off only in a reviewed change to delete the cluster.",
  appliesTo: ["google_container_cluster"],
  references: [],
  evaluate(cluster) {
    return isFalse(cluster.attributes["deletion_protection"]) ? fail("deletion_protection = false") : pass();
  },
};
