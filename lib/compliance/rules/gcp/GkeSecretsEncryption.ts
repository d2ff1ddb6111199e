import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, show } from "../util";

/** Application-layer secrets encryption with a Cloud KMS key. */
export const GkeSecretsEncryption: Rule = {
  id: "AIP-GKE-005",
  title: "GKE encrypts Kubernetes secrets with a Cloud KMS key (database_encryption ENCRYPTED)",
  severity: "high",
  rationale: "By default secrets in etcd are protected only by Google's storage encryption. Application-layer encryption with a customer key adds a key the platform controls, audits and can revoke.",
  fix: "Set database_encryption { state = \"ENCRYPTED\", key_name = <crypto key id> } and let the GKE service agent use the key.",
  appliesTo: ["google_container_cluster"],
  references: [{ source: "cis", id: "CIS GKE 5.3.1", verified: false }],
  evaluate(cluster) {
    const state = at(cluster.attributes, "database_encryption.state");
    const key = at(cluster.attributes, "database_encryption.key_name");
    if (state !== "ENCRYPTED") return fail(`database_encryption.state = ${show(state)}`);
    return typeof key === "string" && key !== "" ? pass() : fail("database_encryption.key_name is not set");
  },
};
