/**
 * IAM policies written the way cdktf users write them (`Fn.jsonencode`, data documents,
 * managed policy ARNs), one failing case per setting with its passing counterpart.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { App, Fn, TerraformStack } from "cdktf";
import { runCheck } from "../../lib/compliance";
import { decodeJsonencoded } from "../../lib/compliance/hcl";
import type { Finding, Json } from "../../lib/compliance/model";
import * as R from "../../lib/compliance/rules";
import { tempOutdir } from "./fixtures";
import { aws, policy, statusOf } from "./helpers";

/** HCL object syntax as cdktf's Fn.jsonencode renders it: quoted keys, `=`, whole `${ref}` strings as bare references. */
function hcl(value: unknown): string {
  if (typeof value === "string") {
    const ref = /^\$\{([^}]*)\}$/.exec(value);
    return ref ? (ref[1] ?? "") : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(hcl).join(", ")}]`;
  if (typeof value === "object" && value !== null) return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hcl(v)}`).join(", ")}}`;
  return String(value);
}
/** A `${jsonencode({...})}` policy string. */
const je = (...statements: Json[]) => `\${jsonencode(${hcl({ Version: "2012-10-17", Statement: statements })})}`;
const rolePolicy = (p: string) => ({ aws_iam_role_policy: { p: { role: "r", policy: p } } });

describe("decoding ${jsonencode(...)} with the HCL parser", () => {
  test("literals become JSON values and references stay opaque", () => {
    const config: Json = { resource: { aws_iam_policy: { p: { policy: je({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "${aws_s3_bucket.b.arn}/*", n: 3, t: true }) } } } };
    decodeJsonencoded([config]);
    expect((config["resource"] as Json)["aws_iam_policy"]).toEqual({
      p: { policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "${aws_s3_bucket.b.arn}/*", n: 3, t: true }] } },
    });
  });

  test("a bare reference inside the object stays a ${...} string", () => {
    const config: Json = { resource: { x: { y: { policy: "${jsonencode({\"Resource\" = aws_s3_bucket.b.arn, \"Cond\" = var.x == \"a\" ? \"b\" : \"c\"})}" } } } };
    decodeJsonencoded([config]);
    expect(((config["resource"] as Json)["x"] as Json)["y"]).toEqual({ policy: { Resource: "${aws_s3_bucket.b.arn}", Cond: '${var.x == "a" ? "b" : "c"}' } });
  });

  test("jsonencode(local.x) takes the literal local; an unparsable value stays as it was", () => {
    const config: Json = {
      locals: { doc: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
      resource: { a: { b: { policy: "${jsonencode(local.doc)}", broken: "${jsonencode({ nope )}" } } },
    };
    decodeJsonencoded([config]);
    expect(((config["resource"] as Json)["a"] as Json)["b"]).toEqual({ policy: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, broken: "${jsonencode({ nope )}" });
  });
});

describe("IAM rules read jsonencode policies", () => {
  const WILD = { Effect: "Allow", Action: "*", Resource: "*" };
  const SCOPED = { Effect: "Allow", Action: ["s3:GetObject"], Resource: "${aws_s3_bucket.b.arn}/*" };
  test.each([
    ["aws_iam_policy", (p: string) => ({ aws_iam_policy: { p: { policy: p } } }), "aws_iam_policy.p"],
    ["aws_iam_role_policy", rolePolicy, "aws_iam_role_policy.p"],
    ["aws_iam_role inline_policy", (p: string) => ({ aws_iam_role: { p: { assume_role_policy: policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }), inline_policy: [{ name: "i", policy: p }] } } }), "aws_iam_role.p"],
  ])("fails when a jsonencode %s allows Action *; passes when scoped", (_what, make, address) => {
    expect(statusOf(R.IamPolicyNoWildcardAction, aws(make(je(WILD))), address)).toBe("non-compliant");
    expect(statusOf(R.IamPolicyNoWildcardAction, aws(make(je(SCOPED))), address)).toBe("compliant");
  });

  test("fails when a jsonencode policy allows data actions on *; passes when scoped", () => {
    expect(statusOf(R.IamPolicyNoDataActionsOnAnyResource, aws(rolePolicy(je({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }))), "aws_iam_role_policy.p")).toBe("non-compliant");
    expect(statusOf(R.IamPolicyNoDataActionsOnAnyResource, aws(rolePolicy(je(SCOPED))), "aws_iam_role_policy.p")).toBe("compliant");
  });

  test("fails when data actions are allowed through NotResource (every resource but one)", () => {
    expect(statusOf(R.IamPolicyNoDataActionsOnAnyResource, aws(rolePolicy(je({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }))), "aws_iam_role_policy.p")).toBe("non-compliant");
  });

  test("fails when iam:PassRole is on * in a jsonencode policy; passes when scoped", () => {
    expect(statusOf(R.IamPolicyNoPassRoleOnAny, aws(rolePolicy(je({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }))), "aws_iam_role_policy.p")).toBe("non-compliant");
    expect(statusOf(R.IamPolicyNoPassRoleOnAny, aws(rolePolicy(je({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/x" }))), "aws_iam_role_policy.p")).toBe("compliant");
  });

  test("fails when a jsonencode trust policy lets * assume the role; passes for a service", () => {
    const role = (p: string) => aws({ aws_iam_role: { r: { assume_role_policy: p } } });
    expect(statusOf(R.IamRoleTrustNotPublic, role(je({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })), "aws_iam_role.r")).toBe("non-compliant");
    expect(statusOf(R.IamRoleTrustNotPublic, role(je({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })), "aws_iam_role.r")).toBe("compliant");
  });

  test("fails when a jsonencode bucket policy allows *; passes for a named role", () => {
    const bucketPolicy = (p: string) => aws({ aws_s3_bucket: { b: { bucket: "b" } }, aws_s3_bucket_policy: { p: { bucket: "${aws_s3_bucket.b.id}", policy: p } } });
    expect(statusOf(R.S3BucketPolicyNoPublicPrincipal, bucketPolicy(je({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}/*" })), "aws_s3_bucket.b")).toBe("non-compliant");
    expect(statusOf(R.S3BucketPolicyNoPublicPrincipal, bucketPolicy(je({ Effect: "Allow", Principal: { AWS: "${aws_iam_role.r.arn}" }, Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}/*" })), "aws_s3_bucket.b")).toBe("compliant");
  });

  test("a jsonencode TLS-deny bucket policy is found", () => {
    const tls = je({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } });
    const config = aws({ aws_s3_bucket: { b: { bucket: "b" } }, aws_s3_bucket_policy: { p: { bucket: "${aws_s3_bucket.b.id}", policy: tls } } });
    expect(statusOf(R.S3BucketTlsOnly, config, "aws_s3_bucket.b")).toBe("compliant");
  });

  test("fails when a jsonencode key policy allows * without conditions; passes with a caller-account condition", () => {
    const key = (s: Json) => aws({ aws_kms_key: { k: { policy: je(s) } } });
    expect(statusOf(R.KmsKeyPolicyNoWildcardPrincipal, key({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }), "aws_kms_key.k")).toBe("non-compliant");
    expect(
      statusOf(R.KmsKeyPolicyNoWildcardPrincipal, key({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } }), "aws_kms_key.k"),
    ).toBe("compliant");
  });

  test("fails closed when a policy cannot be read", () => {
    const unreadable = '${file("policy.json")}';
    expect(statusOf(R.IamPolicyNoWildcardAction, aws(rolePolicy(unreadable)), "aws_iam_role_policy.p")).toBe("non-compliant");
    expect(statusOf(R.IamRoleTrustNotPublic, aws({ aws_iam_role: { r: { assume_role_policy: unreadable } } }), "aws_iam_role.r")).toBe("non-compliant");
    expect(statusOf(R.KmsKeyPolicyNoWildcardPrincipal, aws({ aws_kms_key: { k: { policy: unreadable } } }), "aws_kms_key.k")).toBe("non-compliant");
  });
});

describe("AIP-IAM-005 NotAction, NotResource, NotPrincipal allows", () => {
  test.each([
    ["NotAction", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }],
    ["NotResource", { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x/*" }],
    ["NotPrincipal", { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject", Resource: "*" }],
  ])("fails when an Allow uses %s", (_what, statement) => {
    expect(statusOf(R.IamPolicyNoNotActionAllow, aws(rolePolicy(je(statement))), "aws_iam_role_policy.p")).toBe("non-compliant");
  });

  test("passes for Deny with NotAction and for an Allow that lists its actions", () => {
    expect(statusOf(R.IamPolicyNoNotActionAllow, aws(rolePolicy(je({ Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" }))), "aws_iam_role_policy.p")).toBe("compliant");
    expect(statusOf(R.IamPolicyNoNotActionAllow, aws(rolePolicy(je({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" }))), "aws_iam_role_policy.p")).toBe("compliant");
  });

  test("fails when a bucket policy, a key policy or a trust policy allows with NotAction / NotPrincipal", () => {
    expect(statusOf(R.IamPolicyNoNotActionAllow, aws({ aws_s3_bucket_policy: { p: { bucket: "b", policy: je({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, NotAction: "s3:DeleteObject", Resource: "*" }) } } }), "aws_s3_bucket_policy.p")).toBe("non-compliant");
    expect(statusOf(R.IamPolicyNoNotActionAllow, aws({ aws_kms_key: { k: { policy: je({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "kms:Decrypt", Resource: "*" }) } } }), "aws_kms_key.k")).toBe("non-compliant");
    expect(statusOf(R.IamPolicyNoNotActionAllow, aws({ aws_iam_role: { r: { assume_role_policy: je({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, NotAction: "sts:TagSession" }) } } }), "aws_iam_role.r")).toBe("non-compliant");
  });

  test("reads aws_iam_policy_document not_actions", () => {
    const config = aws({ aws_iam_role_policy: { p: { role: "r", policy: "${data.aws_iam_policy_document.d.json}" } } }, { aws_iam_policy_document: { d: { statement: [{ effect: "Allow", not_actions: ["iam:*"], resources: ["*"] }] } } });
    expect(statusOf(R.IamPolicyNoNotActionAllow, config, "aws_iam_role_policy.p")).toBe("non-compliant");
  });
});

describe("AIP-IAM-006 AdministratorAccess", () => {
  const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  const READ = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  test.each([
    ["aws_iam_role.managed_policy_arns", (arn: string) => ({ aws_iam_role: { r: { assume_role_policy: policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }), managed_policy_arns: [arn] } } }), "aws_iam_role.r"],
    ["aws_iam_role_policy_attachment", (arn: string) => ({ aws_iam_role_policy_attachment: { a: { role: "r", policy_arn: arn } } }), "aws_iam_role_policy_attachment.a"],
    ["aws_iam_user_policy_attachment", (arn: string) => ({ aws_iam_user_policy_attachment: { a: { user: "u", policy_arn: arn } } }), "aws_iam_user_policy_attachment.a"],
    ["aws_iam_group_policy_attachment", (arn: string) => ({ aws_iam_group_policy_attachment: { a: { group: "g", policy_arn: arn } } }), "aws_iam_group_policy_attachment.a"],
    ["aws_iam_policy_attachment", (arn: string) => ({ aws_iam_policy_attachment: { a: { name: "a", roles: ["r"], policy_arn: arn } } }), "aws_iam_policy_attachment.a"],
    ["aws_iam_role_policy_attachments_exclusive", (arn: string) => ({ aws_iam_role_policy_attachments_exclusive: { a: { role_name: "r", policy_arns: [arn] } } }), "aws_iam_role_policy_attachments_exclusive.a"],
  ])("fails when %s attaches AdministratorAccess; passes for ReadOnlyAccess", (_what, make, address) => {
    expect(statusOf(R.IamNoAdministratorAccess, aws(make(ADMIN)), address)).toBe("non-compliant");
    expect(statusOf(R.IamNoAdministratorAccess, aws(make(READ)), address)).toBe("compliant");
  });

  test("fails when the ARN is built from the partition or comes from a data.aws_iam_policy", () => {
    const attach = (arn: string) => ({ aws_iam_role_policy_attachment: { a: { role: "r", policy_arn: arn } } });
    expect(statusOf(R.IamNoAdministratorAccess, aws(attach("arn:${data.aws_partition.p.partition}:iam::aws:policy/AdministratorAccess")), "aws_iam_role_policy_attachment.a")).toBe("non-compliant");
    expect(statusOf(R.IamNoAdministratorAccess, aws(attach("${data.aws_iam_policy.admin.arn}"), { aws_iam_policy: { admin: { name: "AdministratorAccess" } } }), "aws_iam_role_policy_attachment.a")).toBe("non-compliant");
    expect(statusOf(R.IamNoAdministratorAccess, aws(attach("${data.aws_iam_policy.ro.arn}"), { aws_iam_policy: { ro: { name: "ReadOnlyAccess" } } }), "aws_iam_role_policy_attachment.a")).toBe("compliant");
  });
});

describe("a cdktf stack written with Fn.jsonencode", () => {
  const out = tempOutdir("jsonencode");
  let failures: string[];
  let passes: Finding[];
  beforeAll(() => {
    const app = new App({ outdir: out.dir });
    const stack = new TerraformStack(app, "je");
    new AwsProvider(stack, "aws", { region: "eu-central-1" });
    const bucket = new S3Bucket(stack, "Bucket", { bucket: "acme-je" });
    new S3BucketPolicy(stack, "Tls", {
      bucket: bucket.id,
      policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
    });
    new IamPolicy(stack, "Admin", { name: "admin", policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });
    const role = new IamRole(stack, "Open", {
      name: "open",
      assumeRolePolicy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }),
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    });
    new IamRolePolicy(stack, "Inline", { role: role.name, policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }) });
    new KmsKey(stack, "Key", { enableKeyRotation: true, policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }] }) });
    app.synth();
    const findings = runCheck({ dir: out.dir, format: "json", residency: "eu" }).findings;
    failures = findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.address}`);
    passes = findings.filter((f) => f.status === "pass");
  });
  afterAll(() => out.cleanup());

  test("every planted violation is named", () => {
    expect(failures).toEqual(
      expect.arrayContaining([
        "AIP-IAM-001 aws_iam_policy.Admin",
        "AIP-IAM-004 aws_iam_role.Open",
        "AIP-IAM-005 aws_iam_role_policy.Inline",
        "AIP-IAM-006 aws_iam_role.Open",
        "AIP-KMS-002 aws_kms_key.Key",
      ]),
    );
  });

  test("the TLS-deny policy is read, not reported missing", () => {
    expect(failures).not.toContain("AIP-S3-005 aws_s3_bucket.Bucket");
    expect(passes.map((f) => `${f.ruleId} ${f.address}`)).toContain("AIP-S3-005 aws_s3_bucket.Bucket");
  });
});
