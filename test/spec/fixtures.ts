import type { PlatformSpecInput } from "../../lib/spec/schema";

/** A small valid spec targeting both clouds; tests change one thing at a time. */
export function validInput(): PlatformSpecInput & Record<string, unknown> {
  return {
    name: "acme-ml",
    residency: "eu",
    targets: [
      { cloud: "aws", region: "eu-central-1" },
      { cloud: "gcp", region: "europe-west4", project: "acme-ml-prod", securityGroup: "gke-security-groups@acme.example" },
    ],
    network: { cidr: "10.20.0.0/16" },
    gpuPools: [
      { name: "inference", accelerator: "nvidia-l4", gpusPerNode: 1, maxNodes: 4, spot: true, sharing: { mode: "time-slicing", replicas: 4 } },
      { name: "training", accelerator: "nvidia-h100-80gb", gpusPerNode: 8, maxNodes: 2 },
    ],
    dataLake: { zones: ["raw", "curated"] },
    teams: [
      {
        name: "research",
        gpuQuota: 8,
        data: { raw: "read", curated: "write" },
        models: "publish",
        members: {
          admins: { aws: ["arn:aws:iam::111122223333:role/research-lead"], gcp: ["group:research-leads@acme.example"] },
        },
      },
    ],
    deployers: { aws: ["arn:aws:iam::111122223333:role/ci-deploy"], gcp: ["serviceAccount:ci-deploy@acme-ml-prod.iam.gserviceaccount.com"] },
  };
}

/** A deep copy of the valid fixture with one change applied: `withChange((s) => { s.name = "X"; })`. */
export function withChange(change: (spec: Record<string, any>) => void): Record<string, unknown> {
  const spec = JSON.parse(JSON.stringify(validInput())) as Record<string, any>;
  change(spec);
  return spec;
}
