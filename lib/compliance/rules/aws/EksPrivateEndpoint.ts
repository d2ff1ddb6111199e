import { at, hasOpenCidr, isFalse, isTrue, strings } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/**
 * The EKS API endpoint is private, or public only for named CIDRs.
 * Provider defaults: endpoint_public_access true, public_access_cidrs ["0.0.0.0/0"], endpoint_private_access false.
 */
export const EksPrivateEndpoint: Rule = {
  id: "AIP-EKS-001",
  title: "EKS API endpoints are private (or public only to named networks)",
  severity: "critical",
  rationale: "A public API endpoint open to 0.0.0.0/0 exposes the Kubernetes API (and every future authentication bug in it) to the internet; the platform is meant to be reached only from its network.",
  fix: "Set vpc_config.endpoint_private_access = true and endpoint_public_access = false (network.apiAccess: private), or list authorized CIDRs in public_access_cidrs.",
  appliesTo: ["aws_eks_cluster"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_AWS_39", verified: true },
    { source: "checkov", id: "CKV_AWS_38", verified: true },
    { source: "trivy", id: "AVD-AWS-0040", verified: true },
    { source: "trivy", id: "AVD-AWS-0041", verified: true },
    { source: "cis", id: "CIS EKS 5.4.2", verified: false },
  ],
  evaluate(cluster) {
    const publicAccess = at(cluster.attributes, "vpc_config.endpoint_public_access");
    const privateAccess = at(cluster.attributes, "vpc_config.endpoint_private_access");
    if (!isTrue(privateAccess)) return fail("vpc_config.endpoint_private_access is not true: nodes reach the API over the internet");
    if (isFalse(publicAccess)) return pass();
    const cidrs = at(cluster.attributes, "vpc_config.public_access_cidrs");
    if (cidrs === undefined || strings(cidrs).length === 0) return fail("public endpoint enabled with the default public_access_cidrs [0.0.0.0/0]");
    if (hasOpenCidr(cidrs)) return fail(`public endpoint open to ${strings(cidrs).join(", ")}`);
    return pass(`public endpoint limited to ${strings(cidrs).join(", ")}`);
  },
};
