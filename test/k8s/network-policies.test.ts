import { clusterInternalRanges, NETWORK_POLICY_NAMES } from "../../lib/k8s";
import { cloudProps, exampleSpec, synthLayer, type Synth } from "./helpers";

describe("TeamNetworkPolicies", () => {
  const spec = exampleSpec();
  let aws: Synth;
  let gcp: Synth;
  const policy = (s: Synth, team: string, name: string) =>
    s.resources("kubernetes_network_policy_v1").find((r) => r.id.includes(`Team-${team}_`) && r.config.metadata.name === name)?.config;
  beforeAll(() => {
    aws = synthLayer(cloudProps(spec, "aws"));
    gcp = synthLayer(cloudProps(spec, "gcp"));
  });

  test("every team namespace has the five policies", () => {
    for (const team of ["research", "serving"]) {
      for (const name of Object.values(NETWORK_POLICY_NAMES)) expect(policy(aws, team, name)).toBeDefined();
    }
  });

  test("default deny selects every pod, for ingress and egress, and allows nothing", () => {
    const deny = policy(aws, "research", NETWORK_POLICY_NAMES.defaultDeny);
    expect(deny.spec.pod_selector).toEqual({});
    expect(deny.spec.policy_types).toEqual(["Ingress", "Egress"]);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
  });

  test("pods talk to pods of their own namespace, both ways", () => {
    const same = policy(aws, "research", NETWORK_POLICY_NAMES.sameNamespace);
    expect(same.spec.ingress).toEqual([{ from: [{ pod_selector: {} }] }]);
    expect(same.spec.egress).toEqual([{ to: [{ pod_selector: {} }] }]);
  });

  test("DNS egress goes to kube-dns pods in kube-system on UDP and TCP 53 only", () => {
    const dns = policy(aws, "serving", NETWORK_POLICY_NAMES.dns);
    expect(dns.spec.policy_types).toEqual(["Egress"]);
    expect(dns.spec.egress).toEqual([
      {
        to: [
          {
            namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } },
            pod_selector: { match_labels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { protocol: "UDP", port: "53" },
          { protocol: "TCP", port: "53" },
        ],
      },
    ]);
  });

  test("HTTPS egress reaches anywhere but the platform's own ranges, on TCP 443 only", () => {
    const https = policy(aws, "research", NETWORK_POLICY_NAMES.httpsEgress);
    expect(https.spec.egress).toEqual([
      {
        to: [{ ip_block: { cidr: "0.0.0.0/0", except: ["10.20.0.0/16", "10.64.0.0/14", "10.68.0.0/20"] } }],
        ports: [{ protocol: "TCP", port: "443" }],
      },
    ]);
    expect(clusterInternalRanges(spec.network)).toEqual(["10.20.0.0/16", "10.64.0.0/14", "10.68.0.0/20"]);
  });

  test("the identity endpoint is the EKS Pod Identity agent on aws", () => {
    const id = policy(aws, "research", NETWORK_POLICY_NAMES.cloudIdentity);
    expect(id.spec.policy_types).toEqual(["Egress"]);
    expect(id.spec.egress).toEqual([{ to: [{ ip_block: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: "80" }] }]);
  });

  test("the identity endpoint is the GKE metadata server on gcp", () => {
    const id = policy(gcp, "research", NETWORK_POLICY_NAMES.cloudIdentity);
    const targets = (id.spec.egress as any[]).map((e) => `${e.to[0].ip_block.cidr}:${e.ports[0].port}`);
    expect(targets).toEqual(["169.254.169.254/32:80", "169.254.169.252/32:988"]);
    expect(JSON.stringify(id)).not.toContain("169.254.170.23");
  });

  test("cloud endpoint ranges are allowed on 443 in the per-cloud policy only", () => {
    // GIVEN the aws props with the endpoint subnets of the VPC
    const withEndpoints = synthLayer({ ...cloudProps(spec, "aws"), cloudEndpointCidrs: ["10.20.208.0/22", "10.20.212.0/22"] });
    const id = policy(withEndpoints, "research", NETWORK_POLICY_NAMES.cloudIdentity);
    // THEN the identity policy gets one more rule, and the HTTPS policy still excludes the VPC
    expect(id.spec.egress).toEqual([
      { to: [{ ip_block: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: "80" }] },
      { to: [{ ip_block: { cidr: "10.20.208.0/22" } }, { ip_block: { cidr: "10.20.212.0/22" } }], ports: [{ protocol: "TCP", port: "443" }] },
    ]);
    expect(policy(withEndpoints, "research", NETWORK_POLICY_NAMES.httpsEgress).spec.egress[0].to[0].ip_block.except).toContain("10.20.0.0/16");
  });
});
