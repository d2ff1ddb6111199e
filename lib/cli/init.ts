/**
 * `ai-platform init [DIR]`: scaffolds a platform repository without asking anything (a
 * spec, package.json, cdktf.json, the cdktf app, the CI workflow, a README), and
 * `ai-platform stacks <spec>`: the stacks of a spec as JSON, for CI matrices.
 *
 * The CI workflow is not generated: it is `examples/ci/github-actions.yml`, copied byte
 * for byte, and reads the stacks from the spec at run time. Every other file is built
 * from the flags; the spec is validated before anything is written, and nothing is
 * written if any target file exists already.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { JURISDICTION_IDS, type JurisdictionId } from "../residency";
import { CLOUDS, type Cloud } from "../spec/clouds";
import { loadSpecFile } from "../spec/load";
import { cloudStackName, k8sCustomStackName, k8sStackName } from "../spec/naming";
import { formatProblems } from "../spec/problems";
import type { PlatformSpec } from "../spec/schema";
import { validateSpec } from "../spec/validate";
import { io as fileOperation } from "./errors";
import { EXIT } from "./exit";

/** Where the scaffold's workflow is written, relative to DIR. */
export const WORKFLOW_PATH = ".github/workflows/platform.yml";

/** Options of {@link scaffold}. */
export interface InitOptions {
  /** Platform name. @default - DIR's base name when it is a valid name, else "ai-platform" */
  readonly name?: string;
  /** @default "eu" */
  readonly residency?: string;
  /** @default ["aws", "gcp"] */
  readonly clouds?: readonly string[];
  /** @default - the residency's usual AWS region (see DEFAULT_REGIONS) */
  readonly awsRegion?: string;
  /** @default - the residency's usual GCP region */
  readonly gcpRegion?: string;
  /** @default "111122223333" (a placeholder to replace) */
  readonly awsAccount?: string;
  /** @default "<name>-prod" */
  readonly gcpProject?: string;
}

/**
 * A starting region per residency and cloud. Membership is not trusted from this table:
 * the scaffolded spec is validated against the residency catalog before it is written.
 */
export const DEFAULT_REGIONS: Readonly<Record<JurisdictionId, { readonly aws: string; readonly gcp: string }>> = {
  eu: { aws: "eu-central-1", gcp: "europe-west4" },
  de: { aws: "eu-central-1", gcp: "europe-west3" },
  ch: { aws: "eu-central-2", gcp: "europe-west6" },
  uk: { aws: "eu-west-2", gcp: "europe-west2" },
  us: { aws: "us-east-2", gcp: "us-central1" },
  ca: { aws: "ca-central-1", gcp: "northamerica-northeast1" },
  jp: { aws: "ap-northeast-1", gcp: "asia-northeast1" },
  au: { aws: "ap-southeast-2", gcp: "australia-southeast1" },
  sg: { aws: "ap-southeast-1", gcp: "asia-southeast1" },
  in: { aws: "ap-south-1", gcp: "asia-south1" },
};

/** The package's root directory (holds package.json and examples/), from source or from dist/. */
function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "ai-platform-cdktf") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("internal: the ai-platform-cdktf package root was not found");
    dir = parent;
  }
}

/** The CI workflow every scaffold gets: the project's example, unchanged. */
export function workflowTemplate(): string {
  return readFileSync(join(packageRoot(), "examples", "ci", "github-actions.yml"), "utf8");
}

type Manifest = {
  version: string;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

function ownManifest(): Manifest {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as Manifest;
}

/**
 * The scaffold's dependencies: this package, and its peers (cdktf, constructs, the
 * providers) at the exact versions this package is tested with, so an app has one copy
 * of each; the cdktf CLI for plan and deploy.
 */
function scaffoldDependencies(): { dependencies: Record<string, string>; devDependencies: Record<string, string> } {
  const own = ownManifest();
  const tested = own.devDependencies ?? {};
  const dependencies: Record<string, string> = { "ai-platform-cdktf": `^${own.version}` };
  for (const [peer, range] of Object.entries(own.peerDependencies ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    dependencies[peer] = tested[peer] ?? range;
  }
  return { dependencies, devDependencies: { "cdktf-cli": tested["cdktf-cli"] ?? "0.21.0" } };
}

function defaultName(dir: string): string {
  const base = basename(resolve(dir));
  return /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/.test(base) && !base.includes("--") ? base : "ai-platform";
}

/** The scaffold's spec as an object (validated by {@link scaffold}). */
export function scaffoldSpec(dir: string, options: InitOptions): Record<string, unknown> {
  const name = options.name ?? defaultName(dir);
  const residency = (options.residency ?? "eu") as JurisdictionId;
  const clouds = [...new Set(options.clouds ?? ["aws", "gcp"])];
  const regions = DEFAULT_REGIONS[residency] ?? DEFAULT_REGIONS.eu;
  const awsRegion = options.awsRegion ?? regions.aws;
  const gcpRegion = options.gcpRegion ?? regions.gcp;
  const account = options.awsAccount ?? "111122223333";
  const project = options.gcpProject ?? `${name}-prod`;
  const targets: Record<string, unknown>[] = [];
  if (clouds.includes("aws")) targets.push({ cloud: "aws", region: awsRegion, accountId: account });
  if (clouds.includes("gcp")) targets.push({ cloud: "gcp", region: gcpRegion, project });
  const deployers: Record<string, string[]> = {};
  if (clouds.includes("aws")) deployers.aws = [`arn:aws:iam::${account}:role/${name}-deploy`];
  if (clouds.includes("gcp")) deployers.gcp = [`serviceAccount:${name}-deploy@${project}.iam.gserviceaccount.com`];
  const backend = clouds.includes("aws")
    ? { kind: "s3", bucket: `${name}-tfstate-${account}`, region: awsRegion }
    : { kind: "gcs", bucket: `${project}-tfstate`, location: gcpRegion };
  return {
    name,
    residency,
    targets,
    network: {
      cidr: "10.20.0.0/16",
      apiAccess: "private",
      authorizedNetworks: ["10.99.0.0/24"],
      ...(clouds.includes("gcp") ? { apiDnsEndpoint: true } : {}),
    },
    gpuPools: [{ name: "inference", accelerator: "nvidia-l4", gpusPerNode: 1, minNodes: 0, maxNodes: 2, spot: true }],
    teams: [{ name: "ml", gpuQuota: 2, data: { raw: "read", curated: "write" }, models: "publish" }],
    deployers,
    backend,
  };
}

const SPEC_HEADER = (name: string): string =>
  [
    "# yaml-language-server: $schema=node_modules/ai-platform-cdktf/schema/platform-spec.schema.json",
    "#",
    `# The ${name} platform. Replace before the first deploy:`,
    "#   - targets: the AWS account id and the GCP project;",
    "#   - deployers: the IAM role and the service account CI applies Terraform with",
    "#     (the workflow's AWS_ROLE_ARN and GCP_SERVICE_ACCOUNT);",
    "#   - network.authorizedNetworks: the networks of your CI runners or VPN (private ranges);",
    "#   - backend: an existing, versioned state bucket inside the residency.",
    "# Every field: node_modules/ai-platform-cdktf/README.md (The spec).",
    "",
  ].join("\n");

function readme(spec: PlatformSpec): string {
  const stacks = stackEntries(spec).map((e) => e.stack);
  return [
    `# ${spec.name}`,
    "",
    `A private, GPU-ready AI platform kept in \`${spec.residency}\`, built with ai-platform-cdktf from \`platform.yaml\`.`,
    "",
    "```sh",
    "npm install                      # writes package-lock.json: commit it (CI runs npm ci)",
    "npx ai-platform validate platform.yaml",
    "npx ai-platform synth platform.yaml --out cdktf.out",
    "npx ai-platform check cdktf.out",
    "```",
    "",
    "Stacks, deployed in this order (each cloud stack, then its in-cluster stacks):",
    "",
    ...stacks.map((s) => `- \`${s}\``),
    "",
    "CI (`.github/workflows/platform.yml`) reviews every change, plans the cloud stacks and, on",
    "main after the `production` environment's approval, deploys. Before the first run:",
    "",
    "1. create the state bucket named in `backend` (versioned, private, inside the residency);",
    "2. AWS: an IAM role trusting GitHub's OIDC provider for this repository, allowed to create",
    "   the platform, as repository variable `AWS_ROLE_ARN` and in `deployers.aws`;",
    "3. GCP: a Workload Identity Federation provider and a service account, as repository",
    "   variables `GCP_WORKLOAD_IDENTITY_PROVIDER` and `GCP_SERVICE_ACCOUNT`, the account in",
    "   `deployers.gcp`; the project's APIs enabled;",
    "4. GPU quota for the pools' instance families in the target regions;",
    "5. a `production` environment with required reviewers;",
    "6. for private in-cluster APIs, self-hosted runners in the runner group `platform-network`",
    "   on a network listed in `network.authorizedNetworks`.",
    "",
    "`npx cdktf plan <stack>` and `npx cdktf deploy <stack>` run the same locally (`main.js` is",
    "the cdktf app); they need Terraform, cloud credentials and the providers' downloads.",
    "",
  ].join("\n");
}

/** Every file of the scaffold, by path relative to DIR. Throws nothing; returns the problems instead. */
export function scaffold(dir: string, options: InitOptions = {}): { ok: true; files: Map<string, string> } | { ok: false; message: string } {
  if (options.residency !== undefined && !(JURISDICTION_IDS as readonly string[]).includes(options.residency)) {
    return { ok: false, message: `--residency: "${options.residency}" is not a jurisdiction; use one of ${JURISDICTION_IDS.join(", ")}` };
  }
  const badCloud = (options.clouds ?? []).find((c) => !(CLOUDS as readonly string[]).includes(c));
  if (badCloud !== undefined || (options.clouds !== undefined && options.clouds.length === 0)) {
    return { ok: false, message: `--clouds: "${badCloud ?? ""}" is not a cloud; use aws, gcp or aws,gcp` };
  }
  const input = scaffoldSpec(dir, options);
  let result = validateSpec(input);
  if (!result.ok && result.problems.every((p) => p.path.startsWith("gpuPools"))) {
    // The accelerator is not offered in one of the chosen regions: start without a pool.
    delete input.gpuPools;
    result = validateSpec(input);
  }
  if (!result.ok) {
    return { ok: false, message: `the spec the flags describe is not valid:\n${formatProblems(result.problems)}` };
  }
  const spec = result.spec;
  const name = spec.name;
  const files = new Map<string, string>();
  files.set("platform.yaml", SPEC_HEADER(name) + stringify(input, { lineWidth: 0, flowCollectionPadding: false }));
  files.set(
    "package.json",
    `${JSON.stringify(
      {
        name,
        private: true,
        description: `The ${name} AI platform (ai-platform-cdktf)`,
        engines: { node: ">=20" },
        scripts: {
          validate: "ai-platform validate platform.yaml",
          synth: "ai-platform synth platform.yaml --out cdktf.out",
          check: "ai-platform check cdktf.out",
        },
        ...scaffoldDependencies(),
      },
      null,
      2,
    )}\n`,
  );
  files.set(
    "cdktf.json",
    `${JSON.stringify({ language: "typescript", app: "node main.js", output: "cdktf.out", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`,
  );
  files.set(
    "main.js",
    [
      "// The cdktf app behind `npx cdktf synth|plan|deploy`: synthesizes platform.yaml",
      "// (or the spec named by AI_PLATFORM_SPEC) into the directory the cdktf CLI asks for.",
      "const { synthesizeSpecFile } = require('ai-platform-cdktf');",
      "",
      "process.exitCode = synthesizeSpecFile(process.env.AI_PLATFORM_SPEC || 'platform.yaml', {",
      "  outdir: process.env.CDKTF_OUTDIR,",
      "  inPlace: true,",
      "});",
      "",
    ].join("\n"),
  );
  files.set(WORKFLOW_PATH, workflowTemplate());
  files.set("README.md", readme(spec));
  files.set(".gitignore", ["node_modules/", "cdktf.out/", ".terraform/", "*.tfstate", "*.tfstate.*", "review.*", ""].join("\n"));
  return { ok: true, files };
}

type Io = { stdout: (s: string) => void; stderr: (s: string) => void };

/** Runs `init`: writes the scaffold into DIR, or nothing at all. Returns the exit code. */
export function runInit(dir: string, options: InitOptions, io: Io): number {
  const built = scaffold(dir, options);
  if (!built.ok) {
    io.stderr(`ai-platform init: ${built.message}`);
    io.stderr("nothing was written");
    return EXIT.invalid;
  }
  const root = resolve(dir);
  const existing = [...built.files.keys()].map((p) => join(root, p)).filter((p) => existsSync(p));
  if (existing.length > 0) {
    io.stderr(`ai-platform init: ${existing.length} file${existing.length === 1 ? "" : "s"} already exist${existing.length === 1 ? "s" : ""}; init never overwrites:`);
    for (const p of existing) io.stderr(`  ${p}: already exists; move it away, or run ai-platform init in another directory`);
    io.stderr("nothing was written");
    return EXIT.invalid;
  }
  for (const [path, content] of built.files) {
    const file = join(root, path);
    // a file-system error (no permission, a full disk) exits 2 naming the file, without a stack trace
    fileOperation("write", file, () => {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content, { flag: "wx" });
    });
  }
  const shown = dir;
  io.stdout(`${shown}: ${[...built.files.keys()].join(", ")} written`);
  io.stdout(`next: cd ${shown} && npm install && npx ai-platform validate platform.yaml (then edit platform.yaml; README.md lists what to set up)`);
  return EXIT.ok;
}

/** The layers of a target's stacks, in deploy order. */
export const STACK_LAYERS = ["cloud", "k8s", "k8s-custom"] as const;
export type StackLayer = (typeof STACK_LAYERS)[number];

/** One stack of a spec, as CI needs it. */
export interface StackEntry {
  readonly stack: string;
  /** `cloud`, then `k8s` (in-cluster), then `k8s-custom` (objects of the CRDs `k8s` installs). */
  readonly layer: StackLayer;
  readonly cloud: Cloud;
  readonly region: string;
  /** The job needs AWS credentials: an aws target, or state in S3. */
  readonly aws: boolean;
  /** The job needs Google credentials: a gcp target, or state in GCS. */
  readonly gcp: boolean;
  /** Region for the AWS credentials (the target's, else the state bucket's). */
  readonly awsRegion: string;
  /** An in-cluster stack whose Kubernetes API only a connected network reaches. */
  readonly privateApi: boolean;
}

/** The stacks of a spec, each target's in deploy order (cloud, in-cluster, custom resources). */
export function stackEntries(spec: PlatformSpec): StackEntry[] {
  const backend = spec.backend;
  const s3Region = backend.kind === "s3" ? (backend.region ?? spec.targets.find((t) => t.cloud === "aws")?.region ?? "") : "";
  return spec.targets.flatMap((t): StackEntry[] => {
    const aws = t.cloud === "aws" || backend.kind === "s3";
    const gcp = t.cloud === "gcp" || backend.kind === "gcs";
    const awsRegion = t.cloud === "aws" ? t.region : s3Region;
    const reachableFromAnywhere = spec.network.apiAccess === "public" ? false : t.cloud === "gcp" && spec.network.apiDnsEndpoint;
    const base = { cloud: t.cloud, region: t.region, aws, gcp, awsRegion };
    return [
      { stack: cloudStackName(spec, t), layer: "cloud", ...base, privateApi: false },
      { stack: k8sStackName(spec, t), layer: "k8s", ...base, privateApi: !reachableFromAnywhere },
      ...(spec.queues.enabled
        ? [{ stack: k8sCustomStackName(spec, t), layer: "k8s-custom" as const, ...base, privateApi: !reachableFromAnywhere }]
        : []),
    ];
  });
}

/** Registers `init` and `stacks` on the command. */
export function addInitCommands(program: Command, io: Io, setExitCode: (code: number) => void): void {
  program
    .command("init")
    .description("Scaffold a platform repository in DIR: platform.yaml, package.json, cdktf.json, main.js, a CI workflow, README. Never overwrites a file.")
    .argument("[dir]", "directory to write into (created if missing)", ".")
    .option("--name <name>", "platform name (default: the directory's name when valid)")
    .option("--residency <jurisdiction>", `jurisdiction: ${JURISDICTION_IDS.join(", ")}`, "eu")
    .option("--clouds <clouds>", "comma-separated clouds: aws, gcp", "aws,gcp")
    .option("--aws-region <region>", "AWS region (default: the residency's usual one)")
    .option("--gcp-region <region>", "GCP region (default: the residency's usual one)")
    .option("--aws-account <id>", "AWS account id", "111122223333")
    .option("--gcp-project <id>", "GCP project id (default: <name>-prod)")
    .action((dir: string, opts: { name?: string; residency: string; clouds: string; awsRegion?: string; gcpRegion?: string; awsAccount: string; gcpProject?: string }) => {
      setExitCode(
        runInit(
          dir,
          {
            residency: opts.residency,
            clouds: opts.clouds.split(",").map((c) => c.trim()).filter((c) => c !== ""),
            awsAccount: opts.awsAccount,
            ...(opts.name !== undefined ? { name: opts.name } : {}),
            ...(opts.awsRegion !== undefined ? { awsRegion: opts.awsRegion } : {}),
            ...(opts.gcpRegion !== undefined ? { gcpRegion: opts.gcpRegion } : {}),
            ...(opts.gcpProject !== undefined ? { gcpProject: opts.gcpProject } : {}),
          },
          io,
        ),
      );
    });

  program
    .command("stacks")
    .description("Print the stacks of a spec as a JSON array, in deploy order (for CI matrices).")
    .argument("<spec>", "path to the spec file")
    .option("--layer <layer>", `only the stacks of one layer (${STACK_LAYERS.join(" | ")})`)
    .action((specPath: string, opts: { layer?: string }) => {
      if (opts.layer !== undefined && !(STACK_LAYERS as readonly string[]).includes(opts.layer)) {
        io.stderr(`--layer: "${opts.layer}" is not a layer; use ${STACK_LAYERS.join(", ")}`);
        setExitCode(EXIT.invalid);
        return;
      }
      const loaded = loadSpecFile(specPath);
      if (!loaded.ok) {
        io.stderr(formatProblems(loaded.problems, loaded.source));
        setExitCode(EXIT.invalid);
        return;
      }
      const entries = stackEntries(loaded.spec).filter((e) => opts.layer === undefined || e.layer === opts.layer);
      io.stdout(JSON.stringify(entries));
      setExitCode(EXIT.ok);
    });
}
