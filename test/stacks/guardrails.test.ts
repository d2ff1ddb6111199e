import { Testing } from "cdktf";
import { REGION_DENY_EXEMPT_ACTIONS } from "../../lib/aws/guardrail";
import { requireJurisdiction } from "../../lib/residency";
import { parseSpec, validateSpec } from "../../lib/spec/validate";
import { addGuardrailsStack, type GuardrailsStack } from "../../stacks/guardrails";
import { validInput } from "../spec/fixtures";

type Json = Record<string, any>;

const GUARDRAILS = { aws: { targetId: "ou-ab12-cdef3456", managementAccountId: "999988887777" }, gcp: { parent: "organizations/123456789012" } };

describe("the guardrails stack", () => {
  let stack: GuardrailsStack;
  let json: Json;
  beforeAll(() => {
    const app = Testing.app();
    stack = addGuardrailsStack(app, parseSpec({ ...validInput(), backend: { kind: "s3", bucket: "acme-tf-state" }, guardrails: GUARDRAILS }))!;
    json = JSON.parse(Testing.synth(stack));
  });

  test("GIVEN guardrails WHEN synthesized THEN the stack is <name>-guardrails with its own state key", () => {
    expect(stack.node.id).toBe("acme-ml-guardrails");
    expect(json.terraform.backend.s3.key).toBe("acme-ml/acme-ml-guardrails.tfstate");
  });

  test("THEN its providers are its own: the management account only, no platform project or tags", () => {
    expect(json.provider.aws).toEqual([{ region: "eu-central-1", allowed_account_ids: ["999988887777"] }]);
    expect(json.provider.google).toEqual([{ region: "europe-west4", add_terraform_attribution_label: false }]);
  });

  test("THEN a service control policy denies every request outside the EU regions, global services exempt", () => {
    const policy = Object.values(json.resource.aws_organizations_policy as Record<string, Json>)[0]!;
    expect(policy).toMatchObject({ name: "acme-ml-region-deny", type: "SERVICE_CONTROL_POLICY" });
    const doc = JSON.parse(policy.content);
    expect(doc.Statement).toHaveLength(1);
    const statement = doc.Statement[0];
    expect(statement).toMatchObject({ Effect: "Deny", Resource: "*" });
    expect(statement.Condition.StringNotEquals["aws:RequestedRegion"]).toEqual([...requireJurisdiction("eu").aws.regions].sort());
    expect(statement.Condition.StringNotEquals["aws:RequestedRegion"]).toContain("eu-central-1");
    expect(statement.Condition.StringNotEquals["aws:RequestedRegion"]).not.toContain("eu-west-2"); // London is not in the EU
    expect(statement.NotAction).toEqual(expect.arrayContaining(["iam:*", "organizations:*", "sts:*", "route53:*", "cloudfront:*", "support:*"]));
    // regional services with regional endpoints are not exempt
    expect(statement.NotAction).not.toContain("kms:*");
    expect(statement.NotAction).not.toContain("s3:*");
    expect(statement.NotAction).not.toContain("ec2:*");
    expect(statement.NotAction).toEqual([...REGION_DENY_EXEMPT_ACTIONS]);
  });

  test("THEN the policy is attached to the target", () => {
    const attachment = Object.values(json.resource.aws_organizations_policy_attachment as Record<string, Json>)[0]!;
    const policyName = Object.keys(json.resource.aws_organizations_policy)[0];
    expect(attachment).toEqual({ policy_id: `\${aws_organizations_policy.${policyName}.id}`, target_id: "ou-ab12-cdef3456" });
  });

  test("THEN a gcp.resourceLocations policy on the parent allows only the EU regions", () => {
    const policy = Object.values(json.resource.google_org_policy_policy as Record<string, Json>)[0]!;
    expect(policy.name).toBe("organizations/123456789012/policies/gcp.resourceLocations");
    expect(policy.parent).toBe("organizations/123456789012");
    const allowed: string[] = policy.spec.rules[0].values.allowed_values;
    expect(allowed).toContain("in:europe-west4-locations");
    expect(allowed).toContain("in:europe-west3-locations");
    expect(allowed).not.toContain("in:europe-west2-locations"); // London
    expect(allowed).not.toContain("in:europe-west6-locations"); // Zurich
    expect(allowed).toHaveLength(requireJurisdiction("eu").gcp.regions.length);
  });
});

describe("guardrails in the spec", () => {
  test("GIVEN no guardrails THEN no guardrails stack", () => {
    expect(addGuardrailsStack(Testing.app(), parseSpec(validInput()))).toBeUndefined();
  });

  test("GIVEN only gcp THEN the stack has no AWS provider or policy", () => {
    const stack = addGuardrailsStack(Testing.app(), parseSpec({ ...validInput(), guardrails: { gcp: { parent: "folders/42" } } }))!;
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.aws).toBeUndefined();
    expect(Object.keys(json.resource)).toEqual(["google_org_policy_policy"]);
  });

  test("fails when the AWS target id is not a root, OU or account", () => {
    const result = validateSpec({ ...validInput(), guardrails: { aws: { targetId: "my-ou" } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain("guardrails.aws.targetId");
  });

  test("fails when the GCP parent is not an organization, folder or project", () => {
    const result = validateSpec({ ...validInput(), guardrails: { gcp: { parent: "org/1" } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain("guardrails.gcp.parent");
  });

  test("fails when guardrails names no cloud", () => {
    const result = validateSpec({ ...validInput(), guardrails: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")).toContain("guardrails");
  });
});
