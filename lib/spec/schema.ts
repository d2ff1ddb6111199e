/**
 * The platform spec: one zod schema is the single source of truth for the TypeScript
 * types (`PlatformSpec`, `PlatformSpecInput`), the structural validation and the
 * JSON Schema the project ships (`schema/platform-spec.schema.json`).
 *
 * Checks that relate one part of the spec to another (residency of targets,
 * accelerators offered on each target cloud, CIDR overlaps, team access to zones)
 * live in `validate.ts`, so that every problem is reported at once.
 */
import { z } from "zod";
import { ACCELERATOR_IDS, MACHINE_SIZES } from "../catalog";
import { JURISDICTION_IDS } from "../residency";
import { gcsBucketNameProblems, s3BucketNameProblems } from "./bucket-names";
import { parseIpv4Cidr } from "./cidr";
import { BudgetSchema, GpuBorrowLimitSchema, GpuQuotaSchema, MonitoringSchema, QueuesSchema } from "./spend";
import { PLATFORM_LABEL_KEYS } from "./naming";

/**
 * Names JavaScript objects already have (`constructor`, `toString`, `__proto__`, ...): a
 * zone, team, pool or label named so would read the built-in instead of the spec's entry.
 */
const OBJECT_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const OBJECT_KEY_MESSAGE = "is a built-in property name of JavaScript objects (constructor, toString, __proto__, ...); choose another name";

/** Whether a name is safe as a key of a plain object. */
export function isPlainKey(name: string): boolean {
  return !OBJECT_KEYS.has(name);
}

/** A string refined by a list of rule checks, each problem one issue. */
function namedBy(rules: (name: string) => string[]) {
  return (value: string, ctx: z.core.$RefinementCtx<string>): void => {
    for (const message of rules(value)) ctx.addIssue({ code: "custom", message });
  };
}

/** Kubernetes minor versions this library pins add-ons and images for. */
export const KUBERNETES_VERSIONS = ["1.31", "1.32", "1.33", "1.34"] as const;

/** Namespaces a team may not take: they belong to Kubernetes or to the platform itself. */
export const RESERVED_NAMESPACES = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "platform",
  "gmp-system",
  "gke-managed-system",
  "amazon-cloudwatch",
] as const;

const DNS_LABEL = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
/** The same rule as one pattern for the JSON Schema (the CLI checks '--' separately, with its own message). */
const DNS_LABEL_PATTERN = "^(?!.*--)[a-z]([a-z0-9-]*[a-z0-9])?$";

/** IPv4 CIDR syntax (a.b.c.d/nn) for the JSON Schema; validation also rejects host bits. */
export const IPV4_CIDR_PATTERN =
  "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])/([0-9]|[1-2][0-9]|3[0-2])$";

/** A lowercase DNS label (RFC 1123, starting with a letter) of bounded length. */
function dnsLabel(what: string, min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .regex(DNS_LABEL, {
      message: `must be a lowercase DNS label: letters, digits and '-', starting with a letter and not ending with '-'`,
    })
    .refine((v) => !v.includes("--"), { message: `must not contain '--' (${what} names are joined with '-')` })
    .refine(isPlainKey, { message: OBJECT_KEY_MESSAGE })
    .meta({ pattern: DNS_LABEL_PATTERN });
}

function cidr(description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parseIpv4Cidr(value);
      if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
    })
    .meta({ description, examples: ["10.20.0.0/16"], format: "cidrv4", pattern: IPV4_CIDR_PATTERN });
}

const AWS_PRINCIPAL = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;
const GCP_PRINCIPAL = /^(user|group|serviceAccount):[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/** Principals per cloud. Each cloud's list is used only on that cloud's targets. */
export const PrincipalSetSchema = z
  .strictObject({
    aws: z
      .array(
        z.string().regex(AWS_PRINCIPAL, {
          message: "must be an IAM role or user ARN, e.g. arn:aws:iam::111122223333:role/ml-admins",
        }),
      )
      .default([])
      .meta({ description: "IAM role or user ARNs (arn:aws:iam::<account>:role/<name>)." }),
    gcp: z
      .array(
        z.string().regex(GCP_PRINCIPAL, {
          message: "must be user:<email>, group:<email> or serviceAccount:<email>, e.g. group:ml-admins@example.com",
        }),
      )
      .default([])
      .meta({ description: "Google identities: user:<email>, group:<email> or serviceAccount:<email>." }),
  })
  .meta({ description: "Principals per cloud." });

/** AWS resource ids: a type prefix and 8 or 17 hexadecimal characters (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html). */
const awsResourceId = (prefix: string, example: string) =>
  z.string().regex(new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`), { message: `must be ${prefix === "vpc" ? "a VPC" : "a subnet"} id, e.g. ${example}` });

/** An existing VPC on AWS: the platform creates no network resources in it. */
export const AwsExistingNetworkSchema = z
  .strictObject({
    vpcId: awsResourceId("vpc", "vpc-0a1b2c3d4e5f67890").meta({ description: "The existing VPC's id." }),
    privateSubnetIds: z
      .array(awsResourceId("subnet", "subnet-0a1b2c3d4e5f67890"))
      .min(2)
      .max(16)
      .meta({
        description:
          "Private subnets of that VPC for the cluster and every node group, in at least two availability zones (EKS requires two). Checked at plan time to belong to the VPC and to assign no public IPs.",
      }),
  })
  .meta({
    description:
      "Bring your own VPC: no VPC, subnet, NAT, endpoint or flow log is created. The VPC must already provide egress (NAT) or the private endpoints a private cluster needs; see the README.",
  });

/** AWS-only options of one target. */
export const AwsTargetOptionsSchema = z
  .strictObject({
    metadataHopLimit: z
      .number()
      .int()
      .min(1)
      .max(64)
      .optional()
      .meta({
        description:
          "IMDSv2 hop limit of every node (1-64). 1 (the default) keeps pods from reaching the node's instance metadata; raise it only for pods that read IMDS themselves.",
      }),
  })
  .meta({ description: "AWS-only options of this target." });

export const AwsTargetSchema = z.strictObject({
  cloud: z.literal("aws"),
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, { message: "must be an AWS region name, e.g. eu-central-1" })
    .meta({ description: "AWS region, e.g. eu-central-1. Must lie inside the residency jurisdiction." }),
  accountId: z
    .string()
    .regex(/^\d{12}$/, { message: "must be a 12-digit AWS account id" })
    .optional()
    .meta({ description: "When set, the provider refuses to run against any other account (allowed_account_ids)." }),
  existingNetwork: AwsExistingNetworkSchema.optional(),
  aws: AwsTargetOptionsSchema.optional(),
});

/** GCP resource name rules (RFC 1035 labels, 1-63 characters) and project ids (6-30 characters). */
const GCP_NAME = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?";
const GCP_PROJECT = "[a-z][a-z0-9-]{4,28}[a-z0-9]";
const GCP_REGION = "[a-z]+-[a-z]+\\d+";

/** An existing VPC network on GCP, in the target's project or a Shared VPC host project. */
export const GcpExistingNetworkSchema = z
  .strictObject({
    network: z
      .string()
      .regex(new RegExp(`^projects/${GCP_PROJECT}/global/networks/${GCP_NAME}$`), {
        message: "must be projects/<project>/global/networks/<name>",
      })
      .meta({ description: "The network: projects/<host project>/global/networks/<name> (a Shared VPC host project or the target's own)." }),
    subnetwork: z
      .string()
      .regex(new RegExp(`^projects/${GCP_PROJECT}/regions/${GCP_REGION}/subnetworks/${GCP_NAME}$`), {
        message: "must be projects/<project>/regions/<region>/subnetworks/<name>",
      })
      .meta({ description: "The node subnetwork: projects/<host project>/regions/<target region>/subnetworks/<name>, in the same project as the network." }),
    podsRange: z
      .string()
      .regex(new RegExp(`^${GCP_NAME}$`), { message: "must be the name of a secondary range of the subnetwork (1-63 lowercase letters, digits or '-')" })
      .meta({ description: "Name of the subnetwork's secondary range for pods." }),
    servicesRange: z
      .string()
      .regex(new RegExp(`^${GCP_NAME}$`), { message: "must be the name of a secondary range of the subnetwork (1-63 lowercase letters, digits or '-')" })
      .meta({ description: "Name of the subnetwork's secondary range for services." }),
  })
  .meta({
    description:
      "Bring your own network (Shared VPC included): no network, subnet, router, NAT or firewall rule is created. The subnetwork must have Private Google Access and both secondary ranges (checked at plan time); see the README.",
  });

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
function utcTime(description: string) {
  return z
    .string()
    .regex(RFC3339_UTC, { message: 'must be an RFC 3339 UTC time such as "2026-01-03T00:00:00Z"' })
    .meta({ description });
}

/**
 * GKE maintenance policy: when automatic upgrades may run (one recurring window) and when
 * they may not (exclusions). https://cloud.google.com/kubernetes-engine/docs/concepts/maintenance-windows-and-exclusions
 */
export const GkeMaintenanceSchema = z
  .strictObject({
    window: z
      .strictObject({
        start: utcTime("First start of the window (its date is the first day it applies)."),
        end: utcTime("End of the first window: with start, the window's length."),
        recurrence: z
          .string()
          .regex(/^FREQ=(DAILY|WEEKLY)(;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*)?$/, {
            message: 'must be an RFC 5545 RRULE such as "FREQ=WEEKLY;BYDAY=SA,SU" or "FREQ=DAILY"',
          })
          .meta({ description: "RFC 5545 RRULE of the window." }),
      })
      .default({ start: "2026-01-03T00:00:00Z", end: "2026-01-03T12:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" })
      .meta({ description: "When GKE may upgrade and repair-reconfigure the cluster. Default: Saturdays and Sundays, 00:00-12:00 UTC." }),
    exclusions: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[a-z0-9][a-z0-9 -]{0,62}$/, { message: "lowercase letters, digits, spaces and '-'" }),
          start: utcTime("Start of the exclusion."),
          end: utcTime("End of the exclusion."),
          scope: z
            .enum(["no-upgrades", "no-minor-upgrades", "no-minor-or-node-upgrades"])
            .default("no-upgrades")
            .meta({ description: "What GKE may not do during the exclusion." }),
        }),
      )
      .max(20)
      .default([])
      .meta({ description: "Times GKE must not upgrade (e.g. a training run); at most 20." }),
  })
  .superRefine((m, ctx) => {
    if (m.window.end <= m.window.start) ctx.addIssue({ code: "custom", path: ["window", "end"], message: `must be after window.start (${m.window.start})` });
    m.exclusions.forEach((e, i) => {
      if (e.end <= e.start) ctx.addIssue({ code: "custom", path: ["exclusions", i, "end"], message: `must be after start (${e.start})` });
    });
  })
  .meta({ description: "GKE maintenance window and exclusions." });

/** GCP-only options of a gcp target. */
export const GcpTargetOptionsSchema = z
  .strictObject({
    releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE"]).default("REGULAR").meta({ description: "GKE release channel." }),
    binaryAuthorization: z
      .boolean()
      .default(false)
      .meta({ description: "Enforce the project's Binary Authorization policy on every pod (enables binaryauthorization.googleapis.com)." }),
    maintenance: GkeMaintenanceSchema.default({
      window: { start: "2026-01-03T00:00:00Z", end: "2026-01-03T12:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" },
      exclusions: [],
    }),
  })
  .meta({ description: "GCP-only options." });

export const GcpTargetSchema = z.strictObject({
  cloud: z.literal("gcp"),
  region: z
    .string()
    .regex(/^[a-z]+-[a-z]+\d+$/, { message: "must be a GCP region name, e.g. europe-west4" })
    .meta({ description: "GCP region, e.g. europe-west4. Must lie inside the residency jurisdiction." }),
  project: z
    .string({ error: (iss) => (iss.input === undefined ? "is required on gcp targets (the project id to deploy into)" : undefined) })
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
      message: "must be a GCP project id: 6-30 lowercase letters, digits or '-', starting with a letter",
    })
    .meta({ description: "GCP project id to deploy into (required on gcp). One gcp target per project." }),
  securityGroup: z
    .string()
    .regex(/^gke-security-groups@[a-z0-9.-]+\.[a-z]{2,}$/, { message: "must be gke-security-groups@<your domain>" })
    .optional()
    .meta({
      description:
        "Google Groups for RBAC: the gke-security-groups@<domain> group. Required when gcp principals name Google groups, so that RBAC bindings to those groups take effect.",
    }),
  existingNetwork: GcpExistingNetworkSchema.optional(),
  gcp: GcpTargetOptionsSchema.optional(),
});

export const TargetSchema = z
  .discriminatedUnion("cloud", [AwsTargetSchema, GcpTargetSchema])
  .meta({ description: "A cloud and region the platform is built in." });

export const NetworkSchema = z
  .strictObject({
    cidr: cidr("The private network's address range (VPC). A private (RFC 1918) block from /16 to /20.").default(
      "10.0.0.0/16",
    ),
    podsCidr: cidr(
      "Pod address range (a GKE secondary range; on EKS pods take VPC addresses). RFC 1918 or RFC 6598, /9 to /21.",
    ).default("10.64.0.0/14"),
    servicesCidr: cidr("Kubernetes service address range. RFC 1918, /12 to /24.").default("10.68.0.0/20"),
    apiAccess: z
      .enum(["private", "public"])
      .default("private")
      .meta({
        description:
          "Kubernetes API endpoint exposure. 'public' is an explicit opt-out of the private endpoint and then requires authorizedNetworks.",
      }),
    authorizedNetworks: z
      .array(cidr("A CIDR allowed to reach the Kubernetes API."))
      .default([])
      .meta({
        description:
          "CIDRs allowed to reach the Kubernetes API endpoint (with private: the networks of CI runners or a VPN that reach the private endpoint). Never 0.0.0.0/0.",
      }),
    apiDnsEndpoint: z
      .boolean()
      .default(false)
      .meta({
        description:
          "GCP only: also open GKE's DNS-based control-plane endpoint, reachable wherever Google APIs are and authorized by IAM on every request (authorized networks do not apply to it), so a CI runner outside the VPC can apply the in-cluster stack. EKS has no equivalent.",
      }),
    natGateways: z
      .enum(["per-zone", "single"])
      .default("per-zone")
      .meta({ description: "NAT for egress: one gateway per zone (resilient) or a single shared one (cheaper). AWS only; Cloud NAT is regional." }),
    zones: z
      .number()
      .int()
      .min(2)
      .max(3)
      .default(3)
      .meta({ description: "How many availability zones the private subnets and node pools span." }),
  })
  .meta({ description: "Private networking." });

export const SystemPoolSchema = z
  .strictObject({
    size: z.enum(MACHINE_SIZES).default("medium").meta({ description: "Machine size class for the system node pool." }),
    minNodes: z.number().int().min(1).max(100).default(2).meta({ description: "Minimum system nodes." }),
    maxNodes: z.number().int().min(1).max(100).default(4).meta({ description: "Maximum system nodes." }),
  })
  .meta({ description: "The system node pool that runs cluster add-ons." });

/** The EKS add-ons the AWS realisation installs (names as `aws eks describe-addon-versions` lists them). */
export const EKS_ADDON_NAMES = [
  "vpc-cni",
  "kube-proxy",
  "eks-pod-identity-agent",
  "coredns",
  "aws-ebs-csi-driver",
  "eks-node-monitoring-agent",
  "metrics-server",
] as const;
/** An EKS add-on name. */
export type EksAddonName = (typeof EKS_ADDON_NAMES)[number];

export const SupportNoticeSchema = z
  .strictObject({
    days: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(90)
      .meta({ description: "How many days before the version leaves its support period validation speaks up." }),
    action: z
      .enum(["warn", "fail"])
      .default("warn")
      .meta({ description: "warn: validation passes and prints a warning; fail: validation fails (exit 2)." }),
  })
  .meta({ description: "What validation does when the Kubernetes version is near or past the end of its support period on EKS." });

export const ClusterSchema = z
  .strictObject({
    kubernetesVersion: z
      .enum(KUBERNETES_VERSIONS)
      .default("1.33")
      .meta({ description: "Kubernetes minor version (quoted in YAML: \"1.33\")." }),
    system: SystemPoolSchema.default({ size: "medium", minNodes: 2, maxNodes: 4 }),
    supportPolicy: z
      .enum(["standard", "extended"])
      .default("extended")
      .meta({
        description:
          "EKS upgrade policy. extended: the cluster stays on its version through EKS extended support (extra cost per cluster hour) and is upgraded only at its end. standard: EKS upgrades the control plane itself when standard support ends; a version already past standard support is rejected. AWS only.",
      }),
    supportNotice: SupportNoticeSchema.default({ days: 90, action: "warn" }),
    addonVersions: z
      .partialRecord(
        z.enum(EKS_ADDON_NAMES),
        z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, { message: "must be an EKS add-on version such as v1.20.1-eksbuild.3" }),
      )
      .default({})
      .meta({
        description:
          "Pinned EKS add-on versions (AWS only). Add-ons not listed get the default version EKS publishes for the cluster's Kubernetes version, read at plan time.",
      }),
  })
  .meta({ description: "The Kubernetes cluster." });

export const SharingSchema = z
  .discriminatedUnion("mode", [
    z.strictObject({
      mode: z.literal("time-slicing"),
      replicas: z.number().int().min(2).max(48).meta({ description: "How many pods share one GPU (2-48)." }),
    }),
    z.strictObject({
      mode: z.literal("mig"),
      partitionSize: z
        .string()
        .regex(/^\dg\.\d+gb$/, { message: "must be a MIG profile such as 1g.10gb" })
        .meta({ description: "MIG partition profile, e.g. 1g.10gb (MIG-capable accelerators only)." }),
    }),
  ])
  .meta({ description: "GPU sharing: time-slicing replicas, or MIG partitions." });

export const GpuPoolSchema = z
  .strictObject({
    name: dnsLabel("pool", 1, 20).meta({ description: "Pool name: a DNS label of at most 20 characters, unique in the spec." }),
    accelerator: z.enum(ACCELERATOR_IDS).meta({ description: "Cloud-neutral accelerator id." }),
    gpusPerNode: z.number().int().min(1).max(16).default(1).meta({ description: "GPUs per node; must be offered for the accelerator on every target cloud." }),
    minNodes: z.number().int().min(0).max(1000).default(0).meta({ description: "Minimum nodes; 0 lets the pool scale to zero." }),
    maxNodes: z.number().int().min(1).max(1000).meta({ description: "Maximum nodes." }),
    spot: z.boolean().default(false).meta({ description: "Use spot (preemptible) capacity." }),
    sharing: SharingSchema.optional(),
    diskSizeGiB: z.number().int().min(100).max(16384).default(200).meta({ description: "Root/boot disk size in GiB (ML images are large)." }),
  })
  .superRefine((pool, ctx) => {
    if (pool.minNodes > pool.maxNodes) {
      ctx.addIssue({
        code: "custom",
        path: ["minNodes"],
        message: `is greater than maxNodes (${pool.maxNodes}); set minNodes <= maxNodes`,
      });
    }
  })
  .meta({ description: "A GPU node pool." });

export const DataLakeSchema = z
  .strictObject({
    zones: z
      .array(dnsLabel("zone", 1, 12))
      .min(1)
      .max(10)
      .default(["raw", "curated", "features"])
      .meta({ description: "Data-lake zones; one bucket and one catalog per zone. Zone names: DNS labels of at most 12 characters." }),
    archiveAfterDays: z.number().int().min(1).max(3650).default(90).meta({ description: "Move objects to colder storage after this many days." }),
    noncurrentVersionDays: z.number().int().min(1).max(3650).default(30).meta({ description: "Delete noncurrent object versions after this many days." }),
  })
  .meta({ description: "The data lake." });

export const ModelRegistrySchema = z
  .strictObject({
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .meta({ description: "Write-once retention: a published model version cannot be changed or deleted for this many days." }),
    lock: z
      .boolean()
      .default(false)
      .meta({
        description:
          "Lock the retention irreversibly: nobody, not even an administrator, can shorten it or delete a model version before it expires (S3 Object Lock COMPLIANCE, a locked GCS retention policy, which also makes the bucket undeletable until every object has expired). Default false: retention holds, but privileged administrators can lift it (S3 GOVERNANCE, an unlocked GCS policy).",
      }),
    mode: z
      .enum(["governance", "compliance"])
      .optional()
      .meta({ description: "Older spelling of lock: compliance is lock: true, governance is lock: false." }),
  })
  .superRefine((r, ctx) => {
    if (r.lock && r.mode === "governance") {
      ctx.addIssue({ code: "custom", path: ["mode"], message: 'is "governance" but lock is true; remove mode (lock: true is the compliance mode)' });
    }
  })
  .meta({ description: "The model registry bucket." });

export const AccessLevelSchema = z.enum(["none", "read", "write"]);
export const ModelAccessSchema = z.enum(["none", "consume", "publish"]);

export const TeamSchema = z
  .strictObject({
    name: dnsLabel("team", 2, 20)
      .refine((v) => !(RESERVED_NAMESPACES as readonly string[]).includes(v), {
        message: `is reserved (reserved: ${RESERVED_NAMESPACES.join(", ")})`,
      })
      .meta({ description: "Team name, also its namespace: a DNS label of 2-20 characters.", not: { enum: [...RESERVED_NAMESPACES] } }),
    gpuQuota: GpuQuotaSchema,
    gpuBorrowLimit: GpuBorrowLimitSchema,
    data: z
      .record(z.string().refine(isPlainKey, { message: OBJECT_KEY_MESSAGE }), AccessLevelSchema)
      .default({})
      .meta({ description: "Access per data-lake zone: none | read | write. Zones not listed: none." }),
    models: ModelAccessSchema.default("none").meta({ description: "Model registry access: none | consume | publish." }),
    members: z
      .strictObject({
        admins: PrincipalSetSchema.default({ aws: [], gcp: [] }).meta({ description: "Manage the namespace." }),
        developers: PrincipalSetSchema.default({ aws: [], gcp: [] }).meta({ description: "Run workloads in the namespace." }),
        viewers: PrincipalSetSchema.default({ aws: [], gcp: [] }).meta({ description: "Read the namespace." }),
      })
      .default({ admins: { aws: [], gcp: [] }, developers: { aws: [], gcp: [] }, viewers: { aws: [], gcp: [] } })
      .meta({ description: "Team members per persona, per cloud." }),
  })
  .meta({ description: "A team: a namespace with quotas, RBAC and data access." });

const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

export const BackendSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("local"),
    }),
    z.strictObject({
      kind: z.literal("s3"),
      bucket: z
        .string()
        .superRefine(namedBy(s3BucketNameProblems))
        .meta({ pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", description: "An existing S3 bucket for Terraform state (versioned, encrypted, private)." }),
      region: z
        .string()
        .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { message: "must be an AWS region name" })
        .optional()
        .meta({ description: "The state bucket's region. Default: the first aws target's region." }),
      prefix: z.string().regex(/^[A-Za-z0-9._/-]*$/).optional().meta({ description: "State key prefix; each stack's state is <prefix>/<stack>.tfstate. Default: the spec name." }),
    }),
    z.strictObject({
      kind: z.literal("gcs"),
      bucket: z
        .string()
        .superRefine(namedBy(gcsBucketNameProblems))
        .meta({ pattern: "^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$", description: "An existing GCS bucket for Terraform state (versioned, private)." }),
      location: z
        .string()
        .min(2)
        .meta({ description: "The state bucket's location (region, dual- or multi-region), checked against the residency." }),
      prefix: z.string().regex(/^[A-Za-z0-9._/-]*$/).optional().meta({ description: "State object prefix; each stack's state is under <prefix>/<stack>. Default: the spec name." }),
    }),
  ])
  .meta({ description: "Terraform state backend for every stack, pinned to the residency." });

/**
 * Residency guardrails: the clouds' own enforcement, in a separate `<name>-guardrails`
 * stack applied with organization-management rights.
 * AWS target ids: the AttachPolicy `TargetId` pattern (root `r-…`, account, OU `ou-…`),
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html
 */
export const GuardrailsSchema = z
  .strictObject({
    aws: z
      .strictObject({
        targetId: z
          .string()
          .regex(/^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/, {
            message: "must be an organization root (r-...), an organizational unit (ou-...-...) or a 12-digit account id",
          })
          .meta({ description: "Root, OU or account the region-deny service control policy is attached to." }),
        managementAccountId: z
          .string()
          .regex(/^\d{12}$/, { message: "must be a 12-digit AWS account id" })
          .optional()
          .meta({ description: "When set, the guardrails stack refuses to run against any other account (the organization's management account)." }),
      })
      .optional()
      .meta({ description: "A service control policy denying requests outside the jurisdiction's AWS regions." }),
    gcp: z
      .strictObject({
        parent: z
          .string()
          .regex(/^((organizations|folders)\/\d+|projects\/[a-z][a-z0-9-]{4,28}[a-z0-9])$/, {
            message: "must be organizations/<number>, folders/<number> or projects/<project id>",
          })
          .meta({ description: "Where the gcp.resourceLocations organization policy is set." }),
      })
      .optional()
      .meta({ description: "A constraints/gcp.resourceLocations policy limited to the jurisdiction's GCP regions." }),
  })
  .refine((g) => g.aws !== undefined || g.gcp !== undefined, { message: "names no cloud; set aws.targetId, gcp.parent or both" })
  .meta({ description: "Residency guardrails in the <name>-guardrails stack (applied with organization-management rights)." });

export const PlatformSpecSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "JSON Schema reference for editors; ignored." }),
    name: dnsLabel("platform", 3, 20).meta({
      description: "Platform name: 3-20 lowercase letters, digits or '-'. Prefixes every cloud resource name.",
    }),
    residency: z.enum(JURISDICTION_IDS).meta({ description: "Jurisdiction every resource must stay in." }),
    targets: z.array(TargetSchema).min(1).max(10).meta({ description: "Where to build the platform: one entry per cloud and region." }),
    network: NetworkSchema.default({
      cidr: "10.0.0.0/16",
      podsCidr: "10.64.0.0/14",
      servicesCidr: "10.68.0.0/20",
      apiAccess: "private",
      authorizedNetworks: [],
      apiDnsEndpoint: false,
      natGateways: "per-zone",
      zones: 3,
    }),
    cluster: ClusterSchema.default({
      kubernetesVersion: "1.33",
      system: { size: "medium", minNodes: 2, maxNodes: 4 },
      supportPolicy: "extended",
      supportNotice: { days: 90, action: "warn" },
      addonVersions: {},
    }),
    gpuPools: z.array(GpuPoolSchema).max(50).default([]).meta({ description: "GPU node pools." }),
    dataLake: DataLakeSchema.default({ zones: ["raw", "curated", "features"], archiveAfterDays: 90, noncurrentVersionDays: 30 }),
    modelRegistry: ModelRegistrySchema.default({ retentionDays: 30, lock: false }),
    teams: z.array(TeamSchema).max(500).default([]).meta({ description: "Teams, each with its own namespace." }),
    admins: PrincipalSetSchema.default({ aws: [], gcp: [] }).meta({ description: "Platform administrators: cluster-admin." }),
    auditors: PrincipalSetSchema.default({ aws: [], gcp: [] }).meta({ description: "Read-only across the platform (no Secrets)." }),
    deployers: PrincipalSetSchema.default({ aws: [], gcp: [] }).meta({
      description:
        "Identities that apply Terraform for this platform (CI roles, service accounts): cluster admin, so they can apply the in-cluster stack, and nothing else. At least one per target cloud (on aws, admins also qualify).",
    }),
    labels: z
      .record(
        z
          .string()
          .regex(LABEL_KEY, { message: "label keys: lowercase letter first, then up to 62 of a-z 0-9 _ -" })
          .refine(isPlainKey, { message: OBJECT_KEY_MESSAGE })
          .refine((k) => !(PLATFORM_LABEL_KEYS as readonly string[]).includes(k), {
            message: `is set by the platform on every resource (${PLATFORM_LABEL_KEYS.join(", ")}); choose another key`,
          }),
        z.string().regex(LABEL_VALUE, { message: "label values: up to 63 of a-z 0-9 _ -" }),
      )
      .default({})
      .meta({
        description:
          "Labels (GCP) and tags (AWS) on every resource. GCP label rules apply on both clouds; at most 40 with an aws target and 54 with gcp only (the clouds' limits per resource, less what the platform adds); platform, residency and managed-by are the platform's own.",
      }),
    backend: BackendSchema.default({ kind: "local" }),
    guardrails: GuardrailsSchema.optional(),
    budget: BudgetSchema.optional(),
    queues: QueuesSchema,
    monitoring: MonitoringSchema,
  })
  .meta({ title: "PlatformSpec", description: "A cloud-neutral spec of a private, GPU-ready AI platform." });

/** A spec as written by a user: optional fields may be omitted. */
export type PlatformSpecInput = z.input<typeof PlatformSpecSchema>;
/** A validated spec with every default applied. */
export type PlatformSpec = z.output<typeof PlatformSpecSchema>;
export type Target = z.output<typeof TargetSchema>;
export type AwsTarget = z.output<typeof AwsTargetSchema>;
export type GcpTarget = z.output<typeof GcpTargetSchema>;
export type AwsExistingNetwork = z.output<typeof AwsExistingNetworkSchema>;
export type GcpExistingNetwork = z.output<typeof GcpExistingNetworkSchema>;
export type AwsTargetOptions = z.output<typeof AwsTargetOptionsSchema>;
export type NetworkSpec = z.output<typeof NetworkSchema>;
export type ClusterSpec = z.output<typeof ClusterSchema>;
export type SupportNotice = z.output<typeof SupportNoticeSchema>;
export type GpuPoolSpec = z.output<typeof GpuPoolSchema>;
export type GpuSharing = z.output<typeof SharingSchema>;
export type DataLakeSpec = z.output<typeof DataLakeSchema>;
export type ModelRegistrySpec = z.output<typeof ModelRegistrySchema>;
export type TeamSpec = z.output<typeof TeamSchema>;
export type PrincipalSet = z.output<typeof PrincipalSetSchema>;
export type BackendSpec = z.output<typeof BackendSchema>;
export type GuardrailsSpec = z.output<typeof GuardrailsSchema>;
export type GcpTargetOptions = z.output<typeof GcpTargetOptionsSchema>;
export type GkeMaintenanceSpec = z.output<typeof GkeMaintenanceSchema>;

/** Whether the model registry's retention is locked (`lock`, or the older `mode: compliance`). */
export function modelRegistryLocked(registry: Pick<ModelRegistrySpec, "lock" | "mode">): boolean {
  return registry.lock || registry.mode === "compliance";
}
export type AccessLevel = z.output<typeof AccessLevelSchema>;
export type ModelAccess = z.output<typeof ModelAccessSchema>;
