import { EKS_SUPPORT_CALENDAR } from "../../lib/spec/eks-support";
import { KUBERNETES_VERSIONS } from "../../lib/spec/schema";
import { validateSpec } from "../../lib/spec/validate";
import { withChange } from "./fixtures";

/** A spec on aws with the given cluster fields, validated on `today`. */
function validateOn(today: string, cluster: Record<string, unknown>, awsTarget = true) {
  const input = withChange((s) => {
    s.cluster = { ...s.cluster, ...cluster };
    if (!awsTarget) s.targets = s.targets.filter((t: { cloud: string }) => t.cloud !== "aws");
  });
  return validateSpec(input, { today: new Date(`${today}T12:00:00Z`) });
}

describe("EKS support dates in validation", () => {
  test("every Kubernetes version the schema accepts has a row in the EKS release calendar", () => {
    expect(Object.keys(EKS_SUPPORT_CALENDAR).sort()).toEqual([...KUBERNETES_VERSIONS].sort());
  });

  test("a version well inside standard support gives neither warning nor problem", () => {
    const result = validateOn("2026-01-10", { kubernetesVersion: "1.34", supportPolicy: "standard" });
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  test("a version leaving standard support within the notice period warns, naming the date and what happens", () => {
    // 1.34 leaves standard support on 2026-12-02 (EKS calendar): 40 days after 2026-10-23
    const result = validateOn("2026-10-23", { kubernetesVersion: "1.34", supportPolicy: "extended" });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings).toEqual([
      {
        path: "cluster.kubernetesVersion",
        message: expect.stringMatching(/^"1\.34" leaves EKS standard support on 2026-12-02, in 40 days; the cluster then enters extended support, charged per cluster hour, until 2027-12-02/),
      },
    ]);
  });

  test("with supportPolicy standard the notice says EKS will upgrade the control plane itself", () => {
    const result = validateOn("2026-10-23", { kubernetesVersion: "1.34", supportPolicy: "standard" });
    expect(result.ok && result.warnings[0]?.message).toMatch(/with supportPolicy standard EKS then upgrades the control plane itself/);
  });

  test("fails when the notice action is fail, with the same message and how to deploy anyway", () => {
    const result = validateOn("2026-10-23", { kubernetesVersion: "1.34", supportNotice: { days: 90, action: "fail" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: "cluster.kubernetesVersion", message: expect.stringMatching(/leaves EKS standard support on 2026-12-02.*cluster\.supportNotice\.action is "fail"; set it to "warn"/) },
    ]);
  });

  test("a shorter notice period stays quiet until then", () => {
    const result = validateOn("2026-10-23", { kubernetesVersion: "1.34", supportNotice: { days: 30, action: "fail" } });
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  test("a version in extended support warns about the charge and the end date", () => {
    const result = validateOn("2026-12-04", { kubernetesVersion: "1.33" });
    expect(result.ok && result.warnings).toEqual([
      { path: "cluster.kubernetesVersion", message: expect.stringMatching(/^"1\.33" is in EKS extended support since 2026-07-29 \(charged per cluster hour\) until 2027-07-29/) },
    ]);
  });

  test("fails when supportPolicy is standard and the version already left standard support", () => {
    const result = validateOn("2026-12-04", { kubernetesVersion: "1.33", supportPolicy: "standard" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: "cluster.supportPolicy",
        message: expect.stringMatching(/^"standard" cannot be used with Kubernetes 1\.33, which left EKS standard support on 2026-07-29 .*set supportPolicy: extended/),
      },
    ]);
  });

  test("fails when the version reached the end of extended support, naming the versions EKS still creates", () => {
    const result = validateOn("2026-12-04", { kubernetesVersion: "1.31" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: "cluster.kubernetesVersion", message: '"1.31" reached the end of EKS extended support on 2026-11-26: EKS creates no cluster on it and upgrades existing ones; choose 1.32, 1.33, 1.34' },
    ]);
  });

  test("specs without an aws target are not checked against the EKS calendar", () => {
    expect(validateOn("2026-12-04", { kubernetesVersion: "1.31", supportPolicy: "standard" }, false)).toMatchObject({ ok: true, warnings: [] });
  });
});

describe("cluster.addonVersions and supportPolicy in the schema", () => {
  const problems = (cluster: Record<string, unknown>) => {
    const result = validateSpec(withChange((s) => (s.cluster = { ...s.cluster, ...cluster })), { today: new Date("2026-01-10T00:00:00Z") });
    if (result.ok) throw new Error("expected the spec to be invalid");
    return result.problems;
  };

  test("fails when an add-on name is unknown, suggesting the name and listing the add-ons", () => {
    expect(problems({ addonVersions: { "vpc-cnii": "v1.20.1-eksbuild.3" } })).toContainEqual(
      expect.objectContaining({
        path: "cluster.addonVersions.vpc-cnii",
        message: expect.stringMatching(/^unknown field \(did you mean "vpc-cni"\?\); allowed here: vpc-cni, kube-proxy, .*metrics-server$/),
      }),
    );
  });

  test("fails when a pinned version is not an EKS add-on version, naming the value and the form", () => {
    expect(problems({ addonVersions: { coredns: "latest" } })).toContainEqual(
      expect.objectContaining({ path: "cluster.addonVersions.coredns", message: '"latest" must be an EKS add-on version such as v1.20.1-eksbuild.3' }),
    );
  });

  test("fails when the support policy or notice action is unknown, listing the choices", () => {
    const found = problems({ supportPolicy: "forever", supportNotice: { days: 30, action: "panic" } });
    expect(found).toContainEqual(expect.objectContaining({ path: "cluster.supportPolicy", message: '"forever" is not allowed; allowed: standard, extended' }));
    expect(found).toContainEqual(expect.objectContaining({ path: "cluster.supportNotice.action", message: '"panic" is not allowed; allowed: warn, fail' }));
  });
});
