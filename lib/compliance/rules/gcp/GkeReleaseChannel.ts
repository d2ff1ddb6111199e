import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, show } from "../util";

/** A release channel, so GKE patches the control plane and nodes. */
export const GkeReleaseChannel: Rule = {
  id: "AIP-GKE-009",
  title: "GKE clusters are enrolled in a release channel",
  severity: "low",
  rationale: "A release channel keeps the cluster on supported, patched versions; static versions fall out of support and miss security fixes.",
  fix: "Set release_channel.channel to REGULAR or STABLE.",
  appliesTo: ["google_container_cluster"],
  references: [{ source: "checkov", id: "CKV_GCP_70", verified: true }],
  evaluate(cluster) {
    const channel = at(cluster.attributes, "release_channel.channel");
    return typeof channel === "string" && channel !== "UNSPECIFIED" ? pass(channel) : fail(`release_channel.channel = ${show(channel)}`);
  },
};
