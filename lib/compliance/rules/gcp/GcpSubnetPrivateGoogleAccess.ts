import { isTrue } from "../../json";
import type { Rule } from "../../model";
import { fail, pass } from "../util";

/** Private Google Access on subnets. */
export const GcpSubnetPrivateGoogleAccess: Rule = {
  id: "AIP-GNET-002",
  title: "Subnets enable Private Google Access",
  severity: "medium",
  rationale: "Private nodes reach Cloud Storage, Artifact Registry and the KMS API without public IPs only through Private Google Access.",
  fix: "Set private_ip_google_access = true.",
  appliesTo: ["google_compute_subnetwork"],
  references: [{ source: "checkov", id: "CKV_GCP_74", verified: true }],
  evaluate(subnet) {
    return isTrue(subnet.attributes["private_ip_google_access"]) ? pass() : fail("private_ip_google_access is not true");
  },
};
