import * as R from "../../lib/compliance/rules";
import type { Json } from "../../lib/compliance/model";
import { aws, describeRuleCases, policy, statusOf, type RuleCase } from "./helpers";

const KEY = { k: { enable_key_rotation: true } };
const bucket = (extra: Json = {}) => ({ b: { bucket: "acme-lake-raw", ...extra } });
const cfgFor = (type: string, body: Json) => ({ [type]: { c: { bucket: "${aws_s3_bucket.b.id}", ...body } } });

const TLS_DENY = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

const cluster = (vpc: Json, extra: Json = {}) => ({ c: { name: "c", role_arn: "arn:aws:iam::1:role/x", vpc_config: [vpc], ...extra } });
const gpuGroup = (extra: Json = {}) => ({ g: { cluster_name: "c", node_group_name: "gpu", instance_types: ["g6.xlarge"], subnet_ids: ["${aws_subnet.s.id}"], ...extra } });
const rolePolicy = (statement: Json) => ({ aws_iam_role_policy: { p: { role: "r", policy: policy(statement) } } });

const AWS_CASES: RuleCase[] = [
  {
    rule: R.S3BucketKmsEncryption,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_kms_key: KEY, aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_server_side_encryption_configuration", { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.k.arn}" } }] }) }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_server_side_encryption_configuration", { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] }) }),
  },
  {
    rule: R.S3BucketVersioning,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_versioning", { versioning_configuration: { status: "Enabled" } }) }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_versioning", { versioning_configuration: { status: "Suspended" } }) }),
  },
  {
    rule: R.S3BucketPublicAccessBlock,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_public_access_block", { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }) }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_public_access_block", { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: false }) }),
  },
  {
    rule: R.S3BucketOwnershipEnforced,
    address: "aws_s3_bucket.b",
    // literal bucket name instead of a reference: linked by name
    compliant: aws({ aws_s3_bucket: bucket(), aws_s3_bucket_ownership_controls: { o: { bucket: "acme-lake-raw", rule: { object_ownership: "BucketOwnerEnforced" } } } }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_ownership_controls", { rule: [{ object_ownership: "ObjectWriter" }] }) }),
  },
  {
    rule: R.S3BucketTlsOnly,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_policy", { policy: policy(TLS_DENY) }) }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_policy", { policy: policy({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "true" } } }) }) }),
  },
  {
    rule: R.S3BucketAccessLogging,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_s3_bucket: { ...bucket(), logs: { bucket: "acme-logs" } }, ...cfgFor("aws_s3_bucket_logging", { target_bucket: "${aws_s3_bucket.logs.id}", target_prefix: "raw/" }) }),
    nonCompliant: aws({ aws_s3_bucket: bucket() }),
  },
  {
    rule: R.S3BucketLifecycle,
    address: "aws_s3_bucket.b",
    compliant: aws({
      aws_s3_bucket: bucket(),
      ...cfgFor("aws_s3_bucket_lifecycle_configuration", {
        rule: [
          { id: "versions", status: "Enabled", noncurrent_version_expiration: [{ noncurrent_days: 30 }] },
          { id: "mpu", status: "Enabled", abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] },
        ],
      }),
    }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_lifecycle_configuration", { rule: [{ id: "versions", status: "Enabled", noncurrent_version_expiration: [{ noncurrent_days: 30 }] }] }) }),
  },
  {
    rule: R.S3BucketNoPublicAcl,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_acl", { acl: "private" }) }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_acl", { acl: "public-read" }) }),
  },
  {
    rule: R.S3BucketPolicyNoPublicPrincipal,
    address: "aws_s3_bucket.b",
    compliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_policy", { policy: policy(TLS_DENY) }) }),
    nonCompliant: aws({ aws_s3_bucket: bucket(), ...cfgFor("aws_s3_bucket_policy", { policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}/*" }) }) }),
  },
  {
    rule: R.S3RegistryObjectLock,
    address: "aws_s3_bucket.b",
    compliant: aws({
      aws_s3_bucket: { b: { bucket: "acme-model-registry", object_lock_enabled: true } },
      ...cfgFor("aws_s3_bucket_object_lock_configuration", { rule: { default_retention: { mode: "COMPLIANCE", days: 30 } } }),
    }),
    nonCompliant: aws({ aws_s3_bucket: { b: { bucket: "acme-model-registry" } } }),
  },
  {
    rule: R.KmsKeyRotation,
    address: "aws_kms_key.k",
    compliant: aws({ aws_kms_key: KEY }),
    nonCompliant: aws({ aws_kms_key: { k: { enable_key_rotation: false } } }),
  },
  {
    rule: R.KmsKeyPolicyNoWildcardPrincipal,
    address: "aws_kms_key.k",
    compliant: aws({ aws_kms_key: { k: { policy: policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }) } } }),
    nonCompliant: aws({ aws_kms_key: { k: { policy: policy({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }) } } }),
  },
  {
    rule: R.KmsKeyDeletionWindow,
    address: "aws_kms_key.k",
    compliant: aws({ aws_kms_key: { k: { deletion_window_in_days: 30 } } }),
    nonCompliant: aws({ aws_kms_key: { k: { deletion_window_in_days: 7 } } }),
  },
  {
    rule: R.EksPrivateEndpoint,
    address: "aws_eks_cluster.c",
    compliant: aws({ aws_eks_cluster: cluster({ endpoint_private_access: true, endpoint_public_access: false }) }),
    nonCompliant: aws({ aws_eks_cluster: cluster({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] }) }),
  },
  {
    rule: R.EksSecretsEncryption,
    address: "aws_eks_cluster.c",
    compliant: aws({ aws_kms_key: KEY, aws_eks_cluster: cluster({}, { encryption_config: [{ resources: ["secrets"], provider: [{ key_arn: "${aws_kms_key.k.arn}" }] }] }) }),
    nonCompliant: aws({ aws_eks_cluster: cluster({}) }),
  },
  {
    rule: R.EksControlPlaneLogging,
    address: "aws_eks_cluster.c",
    compliant: aws({ aws_eks_cluster: cluster({}, { enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"] }) }),
    nonCompliant: aws({ aws_eks_cluster: cluster({}, { enabled_cluster_log_types: ["api", "audit"] }) }),
  },
  {
    rule: R.EksAccessEntriesAuth,
    address: "aws_eks_cluster.c",
    compliant: aws({ aws_eks_cluster: cluster({}, { access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false } }) }),
    nonCompliant: aws({ aws_eks_cluster: cluster({}, { access_config: { authentication_mode: "CONFIG_MAP" } }) }),
  },
  {
    rule: R.EksGpuNodeGroupTaint,
    address: "aws_eks_node_group.g",
    compliant: aws({ aws_eks_node_group: gpuGroup({ taint: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }] }) }),
    nonCompliant: aws({ aws_eks_node_group: gpuGroup() }),
  },
  {
    rule: R.EksNodeGroupPrivateSubnets,
    address: "aws_eks_node_group.g",
    compliant: aws({ aws_subnet: { s: { vpc_id: "v", cidr_block: "10.0.1.0/24" } }, aws_eks_node_group: gpuGroup() }),
    nonCompliant: aws({ aws_subnet: { s: { vpc_id: "v", cidr_block: "10.0.1.0/24", map_public_ip_on_launch: true } }, aws_eks_node_group: gpuGroup() }),
  },
  {
    rule: R.LaunchTemplateImdsv2,
    address: "aws_launch_template.t",
    compliant: aws({ aws_launch_template: { t: { metadata_options: { http_tokens: "required" } } } }),
    nonCompliant: aws({ aws_launch_template: { t: { metadata_options: { http_tokens: "optional" } } } }),
  },
  {
    rule: R.LaunchTemplateHopLimit,
    address: "aws_launch_template.t",
    compliant: aws({ aws_launch_template: { t: { metadata_options: { http_put_response_hop_limit: 2 } } } }),
    nonCompliant: aws({ aws_launch_template: { t: { metadata_options: { http_put_response_hop_limit: 3 } } } }),
  },
  {
    rule: R.LaunchTemplateEbsEncrypted,
    address: "aws_launch_template.t",
    compliant: aws({ aws_launch_template: { t: { block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true", volume_size: 100 } }] } } }),
    nonCompliant: aws({ aws_launch_template: { t: { block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "false" } }] } } }),
  },
  {
    rule: R.VpcFlowLogs,
    address: "aws_vpc.v",
    compliant: aws({ aws_vpc: { v: { cidr_block: "10.0.0.0/16" } }, aws_flow_log: { f: { vpc_id: "${aws_vpc.v.id}", traffic_type: "ALL" } } }),
    nonCompliant: aws({ aws_vpc: { v: { cidr_block: "10.0.0.0/16" } } }),
  },
  {
    rule: R.SubnetNoPublicIp,
    address: "aws_subnet.s",
    compliant: aws({ aws_subnet: { s: { map_public_ip_on_launch: false } } }),
    nonCompliant: aws({ aws_subnet: { s: { map_public_ip_on_launch: true } } }),
  },
  {
    rule: R.SecurityGroupNoPublicIngress,
    address: "aws_security_group.g",
    compliant: aws({ aws_security_group: { g: { ingress: [{ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["10.0.0.0/16"] }] } } }),
    nonCompliant: aws({ aws_security_group: { g: { ingress: [{ from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }] } } }),
  },
  {
    rule: R.DefaultSecurityGroupNoRules,
    address: "aws_default_security_group.d",
    compliant: aws({ aws_default_security_group: { d: { vpc_id: "v" } } }),
    nonCompliant: aws({ aws_default_security_group: { d: { vpc_id: "v", ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }] } } }),
  },
  {
    rule: R.LogGroupKms,
    address: "aws_cloudwatch_log_group.l",
    compliant: aws({ aws_kms_key: KEY, aws_cloudwatch_log_group: { l: { kms_key_id: "${aws_kms_key.k.arn}" } } }),
    nonCompliant: aws({ aws_cloudwatch_log_group: { l: { name: "x" } } }),
  },
  {
    rule: R.LogGroupRetention,
    address: "aws_cloudwatch_log_group.l",
    compliant: aws({ aws_cloudwatch_log_group: { l: { retention_in_days: 365 } } }),
    nonCompliant: aws({ aws_cloudwatch_log_group: { l: { retention_in_days: 0 } } }),
  },
  {
    rule: R.IamPolicyNoWildcardAction,
    address: "aws_iam_role_policy.p",
    compliant: aws(rolePolicy({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme/*" })),
    nonCompliant: aws(rolePolicy({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::acme/*" })),
  },
  {
    rule: R.IamPolicyNoDataActionsOnAnyResource,
    address: "aws_iam_policy.p",
    // the policy comes from an aws_iam_policy_document data source
    compliant: aws(
      { aws_s3_bucket: bucket(), aws_iam_policy: { p: { policy: "${data.aws_iam_policy_document.d.json}" } } },
      { aws_iam_policy_document: { d: { statement: [{ actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.b.arn}/*"] }] } } },
    ),
    nonCompliant: aws(
      { aws_iam_policy: { p: { policy: "${data.aws_iam_policy_document.d.json}" } } },
      { aws_iam_policy_document: { d: { statement: [{ actions: ["s3:Get*"], resources: ["*"] }] } } },
    ),
  },
  {
    rule: R.IamPolicyNoPassRoleOnAny,
    address: "aws_iam_role_policy.p",
    compliant: aws(rolePolicy({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/node" })),
    nonCompliant: aws(rolePolicy({ Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" })),
  },
  {
    rule: R.IamRoleTrustNotPublic,
    address: "aws_iam_role.r",
    compliant: aws({ aws_iam_role: { r: { assume_role_policy: policy({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }) } } }),
    nonCompliant: aws({ aws_iam_role: { r: { assume_role_policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) } } }),
  },
  {
    rule: R.BudgetAlertsAws,
    address: "aws_budgets_budget.b",
    compliant: aws({
      aws_budgets_budget: {
        b: {
          budget_type: "COST",
          notification: [
            { notification_type: "ACTUAL", threshold: 100, subscriber_email_addresses: ["finops@acme.example"] },
            { notification_type: "FORECASTED", threshold: 100, subscriber_email_addresses: ["finops@acme.example"] },
          ],
        },
      },
    }),
    // Forecast alerts without a subscriber reach nobody.
    nonCompliant: aws({
      aws_budgets_budget: {
        b: {
          budget_type: "COST",
          notification: [
            { notification_type: "ACTUAL", threshold: 100, subscriber_email_addresses: ["finops@acme.example"] },
            { notification_type: "FORECASTED", threshold: 100 },
          ],
        },
      },
    }),
  },
  {
    rule: R.AlertTopicEncrypted,
    address: "aws_sns_topic.t",
    compliant: aws({ aws_sns_topic: { t: { name: "alerts", kms_master_key_id: "${aws_kms_key.k.arn}" } } }),
    nonCompliant: aws({ aws_sns_topic: { t: { name: "alerts" } } }),
  },
  {
    rule: R.IamPolicyNoNotActionAllow,
    address: "aws_iam_role_policy.p",
    compliant: aws(rolePolicy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })),
    nonCompliant: aws(rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })),
  },
  {
    rule: R.IamNoAdministratorAccess,
    address: "aws_iam_role_policy_attachment.a",
    compliant: aws({ aws_iam_role_policy_attachment: { a: { role: "r", policy_arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" } } }),
    nonCompliant: aws({ aws_iam_role_policy_attachment: { a: { role: "r", policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" } } }),
  },
];

describe("AWS rules", () => {
  describeRuleCases(AWS_CASES);

  test("every AWS rule has a compliant and a non-compliant case", () => {
    expect(AWS_CASES.map((c) => c.rule.id).sort()).toEqual(R.AWS_RULES.map((r) => r.id).sort());
  });

  test("the access-log bucket itself is exempt from access logging", () => {
    const config = aws({ aws_s3_bucket: { ...bucket(), logs: { bucket: "acme-logs" } }, ...cfgFor("aws_s3_bucket_logging", { target_bucket: "${aws_s3_bucket.logs.id}" }) });
    expect(statusOf(R.S3BucketAccessLogging, config, "aws_s3_bucket.logs")).toBe("not-applicable");
  });

  test("object lock is only required of the registry bucket", () => {
    expect(statusOf(R.S3RegistryObjectLock, aws({ aws_s3_bucket: bucket() }), "aws_s3_bucket.b")).toBe("not-applicable");
  });

  test("an EKS endpoint is public by default (no vpc_config flags)", () => {
    expect(statusOf(R.EksPrivateEndpoint, aws({ aws_eks_cluster: cluster({ subnet_ids: [] }) }), "aws_eks_cluster.c")).toBe("non-compliant");
  });

  test("a CPU node group needs no GPU taint", () => {
    expect(statusOf(R.EksGpuNodeGroupTaint, aws({ aws_eks_node_group: gpuGroup({ instance_types: ["m7i.xlarge"] }) }), "aws_eks_node_group.g")).toBe("not-applicable");
  });

  test("a subnet routed to an internet gateway is public", () => {
    const config = aws({
      aws_internet_gateway: { igw: { vpc_id: "v" } },
      aws_subnet: { s: { vpc_id: "v" } },
      aws_route_table: { rt: { route: [{ cidr_block: "0.0.0.0/0", gateway_id: "${aws_internet_gateway.igw.id}" }] } },
      aws_route_table_association: { a: { subnet_id: "${aws_subnet.s.id}", route_table_id: "${aws_route_table.rt.id}" } },
      aws_eks_node_group: gpuGroup(),
    });
    expect(statusOf(R.EksNodeGroupPrivateSubnets, config, "aws_eks_node_group.g")).toBe("non-compliant");
  });

  test("an open principal pinned to the organisation is not public", () => {
    const config = aws({
      aws_iam_role: {
        r: { assume_role_policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-123" } } }) },
      },
    });
    expect(statusOf(R.IamRoleTrustNotPublic, config, "aws_iam_role.r")).toBe("compliant");
  });

  test("NotAction allows everything else and fails the NotAction rule (not the wildcard rule)", () => {
    expect(statusOf(R.IamPolicyNoNotActionAllow, aws(rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), "aws_iam_role_policy.p")).toBe("non-compliant");
    expect(statusOf(R.IamPolicyNoWildcardAction, aws(rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), "aws_iam_role_policy.p")).toBe("compliant");
  });
});
