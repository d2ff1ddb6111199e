import { AWS_GPU_NODE_LABEL, autoscalerNodeTemplateTags } from "../../lib/aws/gpu-node-pool";
import { GPU_ACCELERATOR_LABEL, GPU_POOL_LABEL, GPU_TAINT } from "../../lib/spec/contracts";
import type { GpuPoolSpec } from "../../lib/spec/schema";
import { exampleSpec, resourceNamed, resourcesOf, synthAws, variantSpec, type TfJson } from "./helpers";

describe("GpuNodePool", () => {
  let json: TfJson;
  beforeAll(() => {
    // GIVEN the example's pools: inference (nvidia-l4 x1, spot, time-slicing x4) and
    // training (nvidia-h100-80gb x8, on demand), WHEN synthesized
    json = synthAws(exampleSpec()).json;
  });

  test("one node group per pool, on the NVIDIA AL2023 AMI with the catalog's instance type", () => {
    const inference = resourceNamed(json, "aws_eks_node_group", "GpuPool-inference");
    const training = resourceNamed(json, "aws_eks_node_group", "GpuPool-training");
    expect(inference).toMatchObject({ ami_type: "AL2023_x86_64_NVIDIA", instance_types: ["g6.xlarge"], capacity_type: "SPOT", node_group_name: "acme-ml-gpu-inference" });
    expect(training).toMatchObject({ ami_type: "AL2023_x86_64_NVIDIA", instance_types: ["p5.48xlarge"], capacity_type: "ON_DEMAND" });
  });

  test("scales from the spec, desired = min, and leaves desired to the autoscaler", () => {
    const inference = resourceNamed(json, "aws_eks_node_group", "GpuPool-inference");
    expect(inference["scaling_config"]).toEqual({ min_size: 0, max_size: 6, desired_size: 0 });
    expect(inference["lifecycle"]).toMatchObject({ ignore_changes: ["scaling_config[0].desired_size"] });
  });

  test("labels and taint are the contract's, in EKS spelling", () => {
    const training = resourceNamed(json, "aws_eks_node_group", "GpuPool-training");
    expect(training["labels"]).toEqual({ [GPU_POOL_LABEL]: "training", [GPU_ACCELERATOR_LABEL]: "nvidia-h100-80gb", [AWS_GPU_NODE_LABEL]: "nvidia-h100-80gb" });
    expect(training["taint"]).toEqual([{ key: GPU_TAINT.key, value: GPU_TAINT.value, effect: "NO_SCHEDULE" }]);
  });

  test("private subnets only", () => {
    for (const group of Object.values(resourcesOf(json, "aws_eks_node_group"))) {
      const refs = JSON.stringify(group["subnet_ids"]).match(/aws_subnet\.[A-Za-z0-9_-]+\.id/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.every((s) => s.includes("PrivateSubnet"))).toBe(true);
    }
  });

  test("GPU nodes carry k8s.amazonaws.com/accelerator, and the autoscaler's template knows it when scaling from zero", () => {
    // The autoscaler's AWS provider recognises GPU nodes by this label (the upstream GPU type for L4)
    const inference = resourceNamed(json, "aws_eks_node_group", "GpuPool-inference");
    expect((inference["labels"] as Record<string, string>)["k8s.amazonaws.com/accelerator"]).toBe("nvidia-l4");
    const tags = Object.values(resourcesOf(json, "aws_autoscaling_group_tag")).map((t) => t["tag"] as { key: string; value: string });
    expect(tags).toContainEqual({ key: "k8s.io/cluster-autoscaler/node-template/label/k8s.amazonaws.com/accelerator", value: "nvidia-l4", propagate_at_launch: false });
  });

  test("each GPU pool is placed only in the subnets whose zone offers its instance type, looked up at plan time", () => {
    const offerings = Object.entries(json.data?.["aws_ec2_instance_type_offerings"] ?? {});
    const [id, training] = offerings.find(([n]) => n.includes("GpuPool-training")) ?? [];
    expect(training).toEqual({ location_type: "availability-zone", filter: [{ name: "instance-type", values: ["p5.48xlarge"] }] });
    const group = resourceNamed(json, "aws_eks_node_group", "GpuPool-training");
    const subnets = group["subnet_ids"] as string;
    expect(subnets).toMatch(/^\$\{compact\(\[/);
    for (const letter of ["a", "b", "c"]) {
      expect(subnets).toMatch(
        new RegExp(`contains\\(data\\.aws_ec2_instance_type_offerings\\.${id}\\.locations, aws_subnet\\.Platform_Network_PrivateSubnet-${letter}_[0-9A-F]+\\.availability_zone\\) \\? aws_subnet\\.Platform_Network_PrivateSubnet-${letter}_[0-9A-F]+\\.id : ""`),
      );
    }
  });

  test("the plan stops with the field and a fix when no zone of the subnets offers the instance type", () => {
    const group = resourceNamed(json, "aws_eks_node_group", "GpuPool-training");
    const [check] = (group["lifecycle"] as { precondition: { condition: string; error_message: string }[] }).precondition;
    expect(check?.condition).toMatch(/^\$\{\(length\(setintersection\(data\.aws_ec2_instance_type_offerings\.[^.]+\.locations, \[aws_subnet\..*availability_zone\]\)\) >= 1\)\}$/);
    expect(check?.error_message).toMatch(/^gpuPools\[1\]\.accelerator: p5\.48xlarge \(nvidia-h100-80gb x8\) is not offered in any availability zone/);
    expect(check?.error_message).toContain("describe-instance-type-offerings");
  });

  test("a spot pool adds the catalogue's equivalent instance types (same GPUs, vCPUs, memory); on demand does not", () => {
    // GIVEN an H200 pool on spot and one on demand
    const spec = variantSpec((s) => {
      s["gpuPools"] = [
        { name: "spot", accelerator: "nvidia-h200-141gb", gpusPerNode: 8, maxNodes: 1, spot: true },
        { name: "steady", accelerator: "nvidia-h200-141gb", gpusPerNode: 8, maxNodes: 1 },
      ];
    });
    const j = synthAws(spec).json;
    // THEN the spot group lists both H200 shapes, the catalogued one first, and looks up both
    expect(resourceNamed(j, "aws_eks_node_group", "GpuPool-spot")["instance_types"]).toEqual(["p5en.48xlarge", "p5e.48xlarge"]);
    expect(resourceNamed(j, "aws_eks_node_group", "GpuPool-steady")["instance_types"]).toEqual(["p5en.48xlarge"]);
    const spotOffer = Object.entries(j.data?.["aws_ec2_instance_type_offerings"] ?? {}).find(([n]) => n.includes("GpuPool-spot"))?.[1];
    expect(spotOffer?.["filter"]).toEqual([{ name: "instance-type", values: ["p5en.48xlarge", "p5e.48xlarge"] }]);
  });

  test("launch templates: IMDSv2 required, hop limit 1, encrypted gp3 root of the pool's size with the nodes key", () => {
    const lt = resourceNamed(json, "aws_launch_template", "GpuPool-training");
    expect(lt["metadata_options"]).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 1, http_endpoint: "enabled" });
    expect(lt["block_device_mappings"]).toEqual([
      {
        device_name: "/dev/xvda",
        ebs: expect.objectContaining({ volume_size: 200, volume_type: "gp3", encrypted: "true", kms_key_id: expect.stringContaining("aws_kms_key.Platform_NodesKey") }),
      },
    ]);
    for (const t of Object.values(resourcesOf(json, "aws_launch_template"))) {
      expect(t["metadata_options"]).toMatchObject({ http_tokens: "required" });
    }
    const group = resourceNamed(json, "aws_eks_node_group", "GpuPool-training");
    expect(group["launch_template"]).toEqual({ id: expect.stringContaining("aws_launch_template."), version: expect.stringContaining("latest_version") });
  });

  test("cluster-autoscaler node-template tags on the pool's auto scaling group, one resource per tag", () => {
    const tags = Object.entries(resourcesOf(json, "aws_autoscaling_group_tag")).filter(([n]) => n.includes("GpuPool-inference"));
    const byKey = Object.fromEntries(tags.map(([, t]) => [(t["tag"] as { key: string }).key, t]));
    expect(Object.fromEntries(Object.entries(byKey).map(([k, t]) => [k, (t["tag"] as { value: string }).value]))).toEqual({
      "k8s.io/cluster-autoscaler/enabled": "true",
      "k8s.io/cluster-autoscaler/acme-ml": "owned",
      "k8s.io/cluster-autoscaler/node-template/label/ai-platform.io/pool": "inference",
      "k8s.io/cluster-autoscaler/node-template/label/ai-platform.io/accelerator": "nvidia-l4",
      "k8s.io/cluster-autoscaler/node-template/label/k8s.amazonaws.com/accelerator": "nvidia-l4",
      "k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu": "true:NoSchedule",
      // 1 GPU shared by 4 time-slicing replicas
      "k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu": "4",
    });
    for (const t of Object.values(byKey)) {
      expect(t["autoscaling_group_name"]).toMatch(/^\$\{aws_eks_node_group\.Platform_GpuPool-inference_[0-9A-F]+\.resources\[0\]\.autoscaling_groups\[0\]\.name\}$/);
    }
  });

  test("the node-template GPU count is the physical count without sharing", () => {
    const pool = { name: "p", accelerator: "nvidia-h100-80gb", gpusPerNode: 8, minNodes: 0, maxNodes: 1, spot: false, diskSizeGiB: 200 } as GpuPoolSpec;
    expect(autoscalerNodeTemplateTags("c", pool, {}, [])["k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu"]).toBe("8");
  });

  test("fails when the accelerator count is not offered on AWS, naming the field and the offer", () => {
    const spec = exampleSpec();
    const pools = spec.gpuPools.map((p) => (p.name === "training" ? { ...p, gpusPerNode: 3 } : p));
    expect(() => synthAws({ ...spec, gpuPools: pools })).toThrow(/gpuPools\[1\]\.gpusPerNode: 3 is not offered for nvidia-h100-80gb on aws \(offered: /);
  });
});

describe("SystemNodePool", () => {
  test("general-purpose AL2023 nodes from the catalog, on demand, IMDSv2", () => {
    // GIVEN the example (system: medium, 2-4 nodes), WHEN synthesized
    const { json } = synthAws(exampleSpec());
    // THEN the system group uses m7i.xlarge with the spec's scaling
    const group = resourceNamed(json, "aws_eks_node_group", "SystemNodePool");
    expect(group).toMatchObject({
      ami_type: "AL2023_x86_64_STANDARD",
      capacity_type: "ON_DEMAND",
      instance_types: ["m7i.xlarge"],
      scaling_config: { min_size: 2, max_size: 4, desired_size: 2 },
    });
    expect(group).not.toHaveProperty("taint");
    const lt = resourceNamed(json, "aws_launch_template", "SystemNodePool");
    expect(lt["metadata_options"]).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 1 });
  });
});
