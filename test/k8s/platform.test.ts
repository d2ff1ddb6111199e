import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TeamSpec } from "../../lib/spec/schema";
import { cloudProps, exampleSpec, synthLayer, type Synth } from "./helpers";

const vision: TeamSpec = {
  name: "vision",
  gpuQuota: 2,
  data: {},
  models: "none",
  members: {
    admins: { aws: ["arn:aws:iam::111122223333:role/vision-lead"], gcp: ["user:vision-lead@acme.example"] },
    developers: { aws: [], gcp: [] },
    viewers: { aws: [], gcp: [] },
  },
};

describe("KubernetesPlatform", () => {
  const spec = exampleSpec();
  const grown = { ...spec, teams: [vision, ...spec.teams] };

  describe.each(["aws", "gcp"] as const)("on %s, adding a team (first in the list)", (cloud) => {
    let before: Synth;
    let after: Synth;
    beforeAll(() => {
      before = synthLayer(cloudProps(spec, cloud));
      after = synthLayer(cloudProps(grown, cloud));
    });

    test("leaves every existing resource at the same Terraform address, unchanged", () => {
      const afterById = new Map(after.resources().map((r) => [`${r.type}.${r.id}`, r.config]));
      for (const r of before.resources()) {
        expect(afterById.has(`${r.type}.${r.id}`)).toBe(true);
        expect(afterById.get(`${r.type}.${r.id}`)).toEqual(r.config);
      }
    });

    test("only adds the new team's resources", () => {
      const beforeIds = new Set(before.resources().map((r) => `${r.type}.${r.id}`));
      const added = after.resources().filter((r) => !beforeIds.has(`${r.type}.${r.id}`));
      expect(added.length).toBeGreaterThan(0);
      for (const r of added) expect(r.id).toContain("Team-vision_");
    });
  });

  test("fails when the GPU runtime does not fit the cloud", () => {
    expect(() => synthLayer({ ...cloudProps(spec, "aws"), gpuRuntime: { kind: "gke-managed" } })).toThrow(
      /gpuRuntime.kind: "gke-managed" does not fit cloud "aws" \(use "nvidia-device-plugin"/,
    );
    expect(() => synthLayer({ ...cloudProps(spec, "gcp"), gpuRuntime: { kind: "nvidia-device-plugin" } })).toThrow(
      /gpuRuntime.kind: "nvidia-device-plugin" does not fit cloud "gcp" \(use "gke-managed": GKE installs drivers and the device plugin itself\)/,
    );
  });

  test("fails when props have several problems, listing them all", () => {
    const bad = { ...cloudProps({ ...spec, teams: [...spec.teams, spec.teams[0]!] }, "gcp"), gpuRuntime: { kind: "nvidia-device-plugin" as const }, clusterAutoscaler: { clusterName: "x", region: "eu-central-1" } };
    let message = "";
    try {
      synthLayer(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("gpuRuntime.kind");
    expect(message).toContain("clusterAutoscaler: is only for aws");
    expect(message).toContain(`teams[2].name: "research" is used by another team`);
  });

  test("lib/k8s imports nothing cloud-specific", () => {
    const dir = join("lib", "k8s");
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), "utf8").matchAll(/from\s+["']([^"']+)["']/g)]
          .map((m) => m[1] as string)
          .filter((src) => /provider-(aws|google)|\.\.\/(aws|gcp)(\/|$)/.test(src) || src === "@cdktf/provider-kubernetes")
          .map((src) => `${f}: ${src}`),
      );
    expect(offenders).toEqual([]);
  });
});
