import { allAt, at, strings } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Envelope encryption of Kubernetes secrets with a KMS key. */
export const EksSecretsEncryption: Rule = {
  id: "AIP-EKS-002",
  title: "EKS encrypts Kubernetes secrets with a KMS key",
  severity: "high",
  rationale: "Secrets (service account tokens, registry and data credentials) sit in etcd; envelope encryption with a customer-managed key means an etcd backup alone does not reveal them, and the key can be revoked.",
  fix: "Add encryption_config { resources = [\"secrets\"], provider { key_arn = <KMS key ARN> } } to the aws_eks_cluster.",
  appliesTo: ["aws_eks_cluster"],
  references: [
    { source: "checkov", id: "CKV_AWS_58", verified: true },
    { source: "trivy", id: "AVD-AWS-0039", verified: true },
    { source: "cis", id: "CIS EKS 5.3.1", verified: false },
  ],
  evaluate(cluster) {
    const configs = allAt(cluster.attributes, "encryption_config");
    const secrets = configs.find((c) => strings(c["resources"]).includes("secrets"));
    if (secrets === undefined) return fail("no encryption_config covers \"secrets\"");
    const key = at(secrets, "provider.key_arn");
    return typeof key === "string" && key !== "" ? pass() : fail("encryption_config.provider.key_arn is not set");
  },
};
