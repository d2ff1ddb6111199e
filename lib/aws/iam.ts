/**
 * IAM policy documents as plain objects, the account context of a stack, and the
 * grantee interface the data lake and model registry add statements to.
 *
 * Documents are serialized with `JSON.stringify`; Terraform references inside strings
 * (bucket ARNs, key ARNs) are resolved by cdktf, so the synthesized JSON holds a policy
 * string with `${aws_s3_bucket.x.arn}` interpolations that reviewers can read.
 */
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { Construct } from "constructs";
import type { IWorkloadIdentity } from "../spec/contracts";
import type { AwsTarget } from "../spec/schema";
import { partitionOf } from "./names";

/** Condition block of a policy statement: operator -> key -> value(s). */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

/** One IAM or resource policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyConditions;
}

/** Serializes statements into a policy document (version 2012-10-17). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A trust policy letting an AWS service assume the role. */
export function serviceTrustPolicy(service: string, conditions?: PolicyConditions): string {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      ...(conditions ? { Condition: conditions } : {}),
    },
  ]);
}

/**
 * The trust policy of an EKS Pod Identity role: `pods.eks.amazonaws.com` may assume it
 * and tag the session (Pod Identity passes cluster, namespace and service account as
 * session tags). Which pods get the role is decided by the pod identity association,
 * and only principals allowed `iam:PassRole` on the role can create one.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export function podIdentityTrustPolicy(): string {
  return policyDocument([
    {
      Sid: "EksPodIdentity",
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    },
  ]);
}

/** The account, region and partition a stack deploys into. */
export interface AwsEnvironment {
  readonly region: string;
  readonly partition: string;
  /** The account id: the target's `accountId`, or a reference to `aws_caller_identity`. */
  readonly accountId: string;
}

/**
 * The environment of an AWS target. With `target.accountId` the account is a literal
 * (and the provider refuses any other account); without it, it is read from
 * `data.aws_caller_identity` at plan time.
 */
export function awsEnvironment(scope: Construct, target: AwsTarget): AwsEnvironment {
  const accountId = target.accountId ?? new DataAwsCallerIdentity(scope, "CallerIdentity", {}).accountId;
  return { region: target.region, partition: partitionOf(target.region), accountId };
}

/** ARN of an AWS managed IAM policy. */
export function managedPolicyArn(env: AwsEnvironment, name: string): string {
  return `arn:${env.partition}:iam::aws:policy/${name}`;
}

/** The account root principal ARN. */
export function accountRootArn(env: AwsEnvironment): string {
  return `arn:${env.partition}:iam::${env.accountId}:root`;
}

/**
 * An identity the data lake and model registry can grant access to: an AWS
 * {@link IWorkloadIdentity} whose permissions policy accepts more statements.
 */
export interface IAwsWorkloadIdentity extends IWorkloadIdentity {
  /** Adds a statement to the identity's permissions policy. */
  addToPrincipalPolicy(statement: PolicyStatement): void;
}

/** True when the identity is an AWS workload identity that accepts policy statements. */
export function isAwsWorkloadIdentity(identity: IWorkloadIdentity): identity is IAwsWorkloadIdentity {
  return typeof (identity as Partial<IAwsWorkloadIdentity>).addToPrincipalPolicy === "function";
}

/** Returns the identity as an AWS grantee, or throws a message naming what was passed. */
export function requireAwsIdentity(identity: IWorkloadIdentity, what: string): IAwsWorkloadIdentity {
  if (!isAwsWorkloadIdentity(identity)) {
    throw new Error(
      `${what}: ${identity.node.path} is not an AWS workload identity (it has no addToPrincipalPolicy); grant to an identity created by lib/aws (TeamIdentity)`,
    );
  }
  return identity;
}
