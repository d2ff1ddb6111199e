import { runCheck } from "../../lib/compliance";
import type { Finding } from "../../lib/compliance/model";
import { badAwsStack, badGcpStack, synthApp, tempOutdir } from "./fixtures";

function failing(findings: readonly Finding[], stack: string): string[] {
  return [...new Set(findings.filter((f) => f.stack === stack && f.status === "fail").map((f) => `${f.ruleId} ${f.address}`))].sort();
}

describe("a hand-written non-compliant cdktf stack", () => {
  const out = tempOutdir("bad");
  let findings: Finding[] = [];
  let exitCode = 0;

  beforeAll(() => {
    synthApp(out.dir, (app) => {
      badAwsStack(app);
      badGcpStack(app);
    });
    ({ findings, exitCode } = runCheck({ dir: out.dir, format: "text", failOn: "high" }));
  });
  afterAll(() => out.cleanup());

  test("fails with exit code 1", () => {
    expect(exitCode).toBe(1);
  });

  test("is caught rule by rule on AWS", () => {
    expect(failing(findings, "bad-aws")).toEqual([
      "AIP-EKS-001 aws_eks_cluster.Cluster",
      "AIP-EKS-002 aws_eks_cluster.Cluster",
      "AIP-EKS-003 aws_eks_cluster.Cluster",
      "AIP-EKS-004 aws_eks_cluster.Cluster",
      "AIP-IAM-001 aws_iam_policy.AdminPolicy",
      "AIP-IAM-002 aws_iam_policy.AdminPolicy",
      "AIP-IAM-003 aws_iam_policy.AdminPolicy",
      "AIP-RES-001 aws_s3_bucket.UsBucket",
      "AIP-S3-001 aws_s3_bucket.PublicBucket",
      "AIP-S3-001 aws_s3_bucket.UsBucket",
      "AIP-S3-002 aws_s3_bucket.PublicBucket",
      "AIP-S3-002 aws_s3_bucket.UsBucket",
      "AIP-S3-003 aws_s3_bucket.PublicBucket",
      "AIP-S3-003 aws_s3_bucket.UsBucket",
      "AIP-S3-004 aws_s3_bucket.PublicBucket",
      "AIP-S3-004 aws_s3_bucket.UsBucket",
      "AIP-S3-005 aws_s3_bucket.PublicBucket",
      "AIP-S3-005 aws_s3_bucket.UsBucket",
      "AIP-S3-006 aws_s3_bucket.PublicBucket",
      "AIP-S3-006 aws_s3_bucket.UsBucket",
      "AIP-S3-007 aws_s3_bucket.PublicBucket",
      "AIP-S3-007 aws_s3_bucket.UsBucket",
      "AIP-S3-008 aws_s3_bucket.PublicBucket",
      "AIP-S3-009 aws_s3_bucket.PublicBucket",
      "AIP-VPC-003 aws_security_group.OpenSsh",
    ]);
  });

  test("is caught rule by rule on GCP", () => {
    expect(failing(findings, "bad-gcp")).toEqual([
      "AIP-GCS-001 google_storage_bucket.Bucket",
      "AIP-GCS-002 google_storage_bucket.Bucket",
      "AIP-GCS-003 google_storage_bucket.Bucket",
      "AIP-GCS-004 google_storage_bucket.Bucket",
      "AIP-GCS-005 google_storage_bucket.Bucket",
      "AIP-GIAM-002 google_storage_bucket_iam_member.Public",
      "AIP-GKE-001 google_container_cluster.Cluster",
      "AIP-GKE-002 google_container_cluster.Cluster",
      "AIP-GKE-003 google_container_cluster.Cluster",
      "AIP-GKE-004 google_container_cluster.Cluster",
      "AIP-GKE-005 google_container_cluster.Cluster",
      "AIP-GKE-009 google_container_cluster.Cluster",
      "AIP-GKE-011 google_container_cluster.Cluster",
      "AIP-GNET-004 google_compute_firewall.OpenSsh",
      "AIP-RES-001 google_storage_bucket.Bucket",
    ]);
  });

  test("names the construct path of each offender", () => {
    const f = findings.find((x) => x.ruleId === "AIP-EKS-001");
    expect(f?.constructPath).toBe("bad-aws/Cluster");
    expect(f?.file).toBe("stacks/bad-aws/cdk.tf.json");
  });
});
