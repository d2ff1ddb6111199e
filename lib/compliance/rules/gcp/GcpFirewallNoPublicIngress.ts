import { allAt, hasOpenCidr, isTrue, strings } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, skip } from "../util";

/** No enabled INGRESS allow rule from 0.0.0.0/0 or ::/0. */
export const GcpFirewallNoPublicIngress: Rule = {
  id: "AIP-GNET-004",
  title: "Firewall rules allow no ingress from 0.0.0.0/0",
  severity: "high",
  rationale: "An allow rule from anywhere exposes whatever listens on the matched instances (SSH, kubelet, model servers) to the internet.",
  fix: "Limit source_ranges to internal ranges, Google health-check ranges or IAP (35.235.240.0/20).",
  appliesTo: ["google_compute_firewall"],
  exposure: true,
  references: [
    { source: "checkov", id: "CKV_GCP_2", verified: true, note: "port 22 only; CKV_GCP_3 port 3389" },
    { source: "trivy", id: "AVD-GCP-0027", verified: false },
    { source: "cis", id: "CIS GCP Foundations 3.6", verified: false },
  ],
  evaluate(rule) {
    const direction = rule.attributes["direction"] ?? "INGRESS";
    if (direction !== "INGRESS") return skip("egress rule");
    if (allAt(rule.attributes, "allow").length === 0) return skip("deny rule");
    if (isTrue(rule.attributes["disabled"])) return skip("disabled");
    const ranges = strings(rule.attributes["source_ranges"]);
    if (!hasOpenCidr(ranges)) return pass();
    const ports = allAt(rule.attributes, "allow").map((a) => `${String(a["protocol"])}${strings(a["ports"]).length ? `:${strings(a["ports"]).join(",")}` : ""}`);
    return fail(`allows ${ports.join(", ")} from ${ranges.filter((r) => hasOpenCidr(r)).join(", ")}`);
  },
};
