import { at } from "../../json";
import type { Rule } from "../../model";
import { fail, pass, show } from "../util";

/** IMDSv2 only: metadata_options.http_tokens = required. */
export const LaunchTemplateImdsv2: Rule = {
  id: "AIP-EC2-001",
  title: "Launch templates require IMDSv2 (http_tokens = required)",
  severity: "high",
  rationale: "IMDSv1 answers any GET, so a server-side request forgery in any pod can read the node role's credentials. IMDSv2 needs a session token obtained with a PUT.",
  fix: "Set metadata_options { http_tokens = \"required\" } on the aws_launch_template.",
  appliesTo: ["aws_launch_template"],
  references: [
    { source: "checkov", id: "CKV_AWS_79", verified: true },
    { source: "trivy", id: "AVD-AWS-0130", verified: false },
  ],
  evaluate(template) {
    const tokens = at(template.attributes, "metadata_options.http_tokens");
    return tokens === "required" ? pass() : fail(`metadata_options.http_tokens = ${show(tokens)}`);
  },
};
