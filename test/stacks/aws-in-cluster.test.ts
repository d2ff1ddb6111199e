import { Testing } from "cdktf";
import { NETWORK_POLICY_NAMES } from "../../lib/k8s";
import { readSpecFile } from "../../lib/spec/load";
import { addPlatformStacks } from "../../stacks/platform";

type Json = Record<string, any>;

describe("the AWS in-cluster stack's AWS parts (default example)", () => {
  let k8s: Json;
  let cloud: Json;
  beforeAll(() => {
    const [aws] = addPlatformStacks(Testing.app(), readSpecFile("examples/acme-ml-eu.yaml"));
    k8s = JSON.parse(Testing.synth(aws!.k8s, true)) as Json;
    cloud = JSON.parse(Testing.synth(aws!.cloud, true)) as Json;
  });

  test("a default StorageClass: encrypted gp3 through the EBS CSI driver with the nodes key, read by alias at plan time", () => {
    const classes = Object.values(k8s.resource.kubernetes_storage_class_v1 as Record<string, Json>);
    expect(classes).toHaveLength(1);
    const sc = classes[0]!;
    expect(sc.metadata.name).toBe("gp3-encrypted");
    expect(sc.metadata.annotations).toEqual({ "storageclass.kubernetes.io/is-default-class": "true" });
    expect(sc).toMatchObject({ storage_provisioner: "ebs.csi.aws.com", volume_binding_mode: "WaitForFirstConsumer", allow_volume_expansion: true, reclaim_policy: "Delete" });
    const [aliasId, alias] = Object.entries(k8s.data.aws_kms_alias as Record<string, Json>)[0]!;
    expect(alias).toEqual({ name: "alias/acme-ml/nodes" });
    expect(sc.parameters).toEqual({ type: "gp3", encrypted: "true", kmsKeyId: `\${data.aws_kms_alias.${aliasId}.target_key_arn}` });
    // the alias the in-cluster stack reads is the one the cloud stack creates
    const aliases = Object.values(cloud.resource.aws_kms_alias as Record<string, Json>).map((a) => a.name);
    expect(aliases).toContain("alias/acme-ml/nodes");
  });

  test("team pods may reach the interface endpoints' subnets on 443, and nothing else of the VPC", () => {
    const policies = Object.values(k8s.resource.kubernetes_network_policy_v1 as Record<string, Json>);
    const identity = policies.find((p) => p.metadata.namespace.includes("research") && p.metadata.name === NETWORK_POLICY_NAMES.cloudIdentity)!;
    const endpointCidrs = ["10.20.208.0/22", "10.20.212.0/22", "10.20.216.0/22"];
    expect(identity.spec.egress).toContainEqual({ to: endpointCidrs.map((cidr) => ({ ip_block: { cidr } })), ports: [{ protocol: "TCP", port: "443" }] });
    // those are exactly the subnets the cloud stack puts its interface endpoints in, and no node pool uses them
    const subnets = cloud.resource.aws_subnet as Record<string, Json>;
    const endpointSubnets = Object.entries(subnets).filter(([n]) => n.includes("EndpointSubnet"));
    expect(endpointSubnets.map(([, s]) => s.cidr_block).sort()).toEqual(endpointCidrs);
    for (const e of Object.values(cloud.resource.aws_vpc_endpoint as Record<string, Json>)) {
      if (e.vpc_endpoint_type !== "Interface") continue;
      expect((e.subnet_ids as string[]).every((id) => id.includes("EndpointSubnet"))).toBe(true);
    }
    for (const g of Object.values(cloud.resource.aws_eks_node_group as Record<string, Json>)) expect(JSON.stringify(g.subnet_ids)).not.toContain("EndpointSubnet");
  });
});
