import { NetworkPolicyV1, type NetworkPolicyV1SpecEgress } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import type { Cloud } from "../spec/clouds";
import type { NetworkSpec } from "../spec/schema";
import { NETWORK_POLICY_NAMES, SYSTEM_NAMESPACE } from "./constants";

/** A node-local endpoint pods get their cloud credentials from. */
export interface IdentityEndpoint {
  readonly cidr: string;
  readonly port: number;
  readonly why: string;
}

/**
 * The node-local identity endpoints per cloud: the only egress that differs between
 * clouds, kept in the one policy named {@link NETWORK_POLICY_NAMES.cloudIdentity}.
 *
 * - aws: the EKS Pod Identity agent, a host-network DaemonSet serving credentials at
 *   169.254.170.23:80. https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html
 * - gcp: the GKE metadata server (Workload Identity) at 169.254.169.254:80, and
 *   169.254.169.252:988 where the metadata server is reached that way on clusters not
 *   on Dataplane V2. https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 *   (the 988 endpoint: from GKE's network-policy guidance for Workload Identity; kept
 *   because it is node-local and harmless when unused).
 */
export const IDENTITY_ENDPOINTS: Readonly<Record<Cloud, readonly IdentityEndpoint[]>> = {
  aws: [{ cidr: "169.254.170.23/32", port: 80, why: "EKS Pod Identity agent" }],
  gcp: [
    { cidr: "169.254.169.254/32", port: 80, why: "GKE metadata server" },
    { cidr: "169.254.169.252/32", port: 988, why: "GKE metadata server (non-Dataplane V2)" },
  ],
};

/**
 * Ranges team pods may not reach over the HTTPS egress rule: everything inside the
 * platform's network. Pods reach cloud object storage, registries and APIs through NAT,
 * gateway endpoints or Private Google Access, all outside these ranges; the Kubernetes
 * API and other namespaces are not reachable that way.
 */
export function clusterInternalRanges(network: Pick<NetworkSpec, "cidr" | "podsCidr" | "servicesCidr">): string[] {
  return [...new Set([network.cidr, network.podsCidr, network.servicesCidr])];
}

/** Props of {@link TeamNetworkPolicies}. */
export interface TeamNetworkPoliciesProps {
  readonly namespace: string;
  readonly cloud: Cloud;
  readonly network: Pick<NetworkSpec, "cidr" | "podsCidr" | "servicesCidr">;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * CIDRs holding only the cloud's private API endpoints (on EKS the interface VPC
   * endpoints' subnets: STS, ECR, EKS Auth, CloudWatch Logs...). Their private DNS names
   * resolve inside the platform's network, which `allow-https-egress` excludes; they are
   * allowed on TCP 443 in `allow-cloud-identity`. Only endpoint interfaces live in these
   * ranges, so no other namespace's pod becomes reachable.
   * @default [] (GKE reaches Google APIs through Private Google Access, outside the ranges)
   */
  readonly cloudEndpointCidrs?: readonly string[];
}

/**
 * The network policies of a team namespace (construct id = policy purpose):
 *
 * - `default-deny-all`: every pod, ingress and egress, no rule: nothing is allowed
 *   unless another policy allows it;
 * - `allow-same-namespace`: ingress from and egress to pods of the same namespace;
 * - `allow-dns`: egress to kube-dns pods (`k8s-app=kube-dns` in kube-system; CoreDNS on
 *   EKS, kube-dns on GKE carry that label) on UDP and TCP 53;
 * - `allow-https-egress`: egress on TCP 443 to anywhere except the platform's own
 *   ranges (VPC, pods, services): cloud object storage, registries and model hubs;
 * - `allow-cloud-identity`: egress to the node-local identity endpoint of the cloud
 *   (see {@link IDENTITY_ENDPOINTS}) and, on TCP 443, to the cloud's private API
 *   endpoint ranges (`cloudEndpointCidrs`); the only per-cloud policy.
 *
 * Policies are enforced by GKE Dataplane V2 and, on EKS, by the VPC CNI with network
 * policy enabled.
 */
export class TeamNetworkPolicies extends Construct {
  /** Policies by name. */
  public readonly policies: ReadonlyMap<string, NetworkPolicyV1>;

  constructor(scope: Construct, id: string, props: TeamNetworkPoliciesProps) {
    super(scope, id);
    const policies = new Map<string, NetworkPolicyV1>();
    const add = (constructId: string, name: string, spec: Omit<ConstructorParameters<typeof NetworkPolicyV1>[2]["spec"], "podSelector">) => {
      policies.set(
        name,
        new NetworkPolicyV1(this, constructId, {
          metadata: { name, namespace: props.namespace, labels: { ...props.labels } },
          spec: { podSelector: {}, ...spec },
        }),
      );
    };

    add("DefaultDeny", NETWORK_POLICY_NAMES.defaultDeny, { policyTypes: ["Ingress", "Egress"] });
    add("SameNamespace", NETWORK_POLICY_NAMES.sameNamespace, {
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    });
    add("Dns", NETWORK_POLICY_NAMES.dns, {
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": SYSTEM_NAMESPACE } },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [
            { protocol: "UDP", port: "53" },
            { protocol: "TCP", port: "53" },
          ],
        },
      ],
    });
    add("HttpsEgress", NETWORK_POLICY_NAMES.httpsEgress, {
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ ipBlock: { cidr: "0.0.0.0/0", except: clusterInternalRanges(props.network) } }],
          ports: [{ protocol: "TCP", port: "443" }],
        },
      ],
    });
    const identity: NetworkPolicyV1SpecEgress[] = IDENTITY_ENDPOINTS[props.cloud].map((e) => ({
      to: [{ ipBlock: { cidr: e.cidr } }],
      ports: [{ protocol: "TCP", port: String(e.port) }],
    }));
    const endpoints: NetworkPolicyV1SpecEgress[] =
      props.cloudEndpointCidrs && props.cloudEndpointCidrs.length > 0
        ? [{ to: props.cloudEndpointCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: "443" }] }]
        : [];
    add("CloudIdentity", NETWORK_POLICY_NAMES.cloudIdentity, { policyTypes: ["Egress"], egress: [...identity, ...endpoints] });
    this.policies = policies;
  }
}
