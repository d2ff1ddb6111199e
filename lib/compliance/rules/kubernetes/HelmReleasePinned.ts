import type { Rule } from "../../model";
import { fail, pass, show } from "../util";

/** Charts come from a pinned version of a named repository. */
export const HelmReleasePinned: Rule = {
  id: "AIP-HELM-001",
  title: "Helm releases pin a chart version from a named repository",
  severity: "medium",
  rationale: "An unpinned chart installs whatever the repository serves on the day of the apply: controllers with cluster-wide rights (queue admission, GPU exporters) change without review.",
  fix: "Set version (an exact chart version) and repository (oci:// or https://) on the helm_release.",
  appliesTo: ["helm_release"],
  references: [],
  evaluate(release) {
    const version = release.attributes["version"];
    const repository = release.attributes["repository"];
    if (typeof version !== "string" || !/^v?\d+\.\d+\.\d+/.test(version)) return fail(`version = ${show(version)} (pin an exact chart version)`);
    if (typeof repository !== "string" || !/^(oci|https):\/\//.test(repository)) return fail(`repository = ${show(repository)} (an oci:// or https:// repository)`);
    return pass(`${show(release.attributes["chart"])} ${version} from ${repository}`);
  },
};
