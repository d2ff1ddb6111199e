import { TEAM_SERVICE_ACCOUNT } from "../../lib/spec/contracts";
import { exampleSpec, type Synth, synthBothClouds } from "./helpers";

describe("TeamNamespace", () => {
  const spec = exampleSpec();
  let aws: Synth;
  let gcp: Synth;
  beforeAll(() => {
    ({ aws, gcp } = synthBothClouds(spec));
  });

  test("one namespace per team, named after the team, with team, platform and pod-security labels", () => {
    const namespaces = aws.resources("kubernetes_namespace_v1").map((r) => r.config.metadata);
    expect(namespaces.map((m) => m.name).sort()).toEqual(["research", "serving"]);
    const research = aws.one("kubernetes_namespace_v1", "Team-research").metadata;
    expect(research.labels).toMatchObject({
      "ai-platform.io/team": "research",
      "ai-platform.io/platform": "acme-ml",
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/enforce-version": "v1.33",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
    });
  });

  test("the workload service account mounts its token and carries the cloud's annotations", () => {
    const awsSa = aws.one("kubernetes_service_account_v1", "Team-research_WorkloadServiceAccount");
    expect(awsSa.metadata.name).toBe(TEAM_SERVICE_ACCOUNT);
    expect(awsSa.automount_service_account_token).toBe(true);
    expect(awsSa.metadata.annotations ?? {}).toEqual({});
    expect(awsSa.metadata.namespace).toContain("kubernetes_namespace_v1.Kubernetes_Team-research");

    const gcpSa = gcp.one("kubernetes_service_account_v1", "Team-serving_WorkloadServiceAccount");
    expect(gcpSa.metadata.annotations).toEqual({
      "iam.gke.io/gcp-service-account": "serving-workload@acme-ml-prod.iam.gserviceaccount.com",
    });
  });

  test("the default service account of every team namespace mounts no token", () => {
    const defaults = aws.resources("kubernetes_default_service_account_v1");
    expect(defaults).toHaveLength(spec.teams.length);
    for (const d of defaults) expect(d.config.automount_service_account_token).toBe(false);
  });
});
