/**
 * The same platform composed in code instead of YAML. Run it with
 *   npx tsx examples/typescript-app.ts
 * and it writes the Terraform JSON of every stack into cdktf.out/.
 */
import { App } from "cdktf";
import { addPlatformStacks, parseSpec } from "../lib";

const spec = parseSpec({
  name: "acme-ml",
  residency: "eu",
  targets: [
    { cloud: "aws", region: "eu-central-1" },
    { cloud: "gcp", region: "europe-west4", project: "acme-ml-prod" },
  ],
  gpuPools: [{ name: "inference", accelerator: "nvidia-l4", gpusPerNode: 1, maxNodes: 4, spot: true }],
  teams: [{ name: "research", gpuQuota: 4, data: { raw: "read", curated: "write" }, models: "publish" }],
  deployers: {
    aws: ["arn:aws:iam::111122223333:role/ci-deploy"],
    gcp: ["serviceAccount:ci-deploy@acme-ml-prod.iam.gserviceaccount.com"],
  },
});

const app = new App({ stackTraces: false });
addPlatformStacks(app, spec);
app.synth();
