/**
 * A team's workload identity: an IAM role that pods using the team's service account
 * assume through EKS Pod Identity. Grants (data lake, model registry) add statements to
 * its inline policy; the policy is written at synth time from whatever was granted.
 */
import { ImportedRole, type ImportedRoleOptions } from "./imports";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { podIdentityTrustPolicy, policyDocument, type IAwsWorkloadIdentity, type PolicyStatement } from "./iam";
import { TEAM_SERVICE_ACCOUNT } from "./names";

/** IAM limit on the inline policies of one role, in characters (without whitespace). */
export const MAX_INLINE_POLICY_CHARS = 10240;

/** Props of a {@link WorkloadIdentity}. */
export interface WorkloadIdentityProps {
  /** EKS cluster name (reference). */
  readonly clusterName: string;
  readonly namespace: string;
  readonly roleName: string;
  /**
   * Kubernetes service account bound to the role.
   * @default TEAM_SERVICE_ACCOUNT ("workload")
   */
  readonly serviceAccountName?: string;
}

/** An IAM role for pods of one namespace's service account. */
export class WorkloadIdentity extends Construct implements IAwsWorkloadIdentity {
  /**
   * Any IAM role, for grants: the data lake and model registry add their statements to
   * an inline policy on it. Passing the ARN to a grant does the same.
   */
  public static fromRoleArn(scope: Construct, id: string, roleArn: string, options?: ImportedRoleOptions): IAwsWorkloadIdentity {
    return new ImportedRole(scope, id, roleArn, options);
  }

  /** The `aws_iam_role`. */
  public readonly resource: IamRole;
  public readonly association: EksPodIdentityAssociation;
  public readonly principal: string;
  public readonly namespace: string;
  public readonly serviceAccountName: string;
  /** Pod Identity needs no service-account annotation. */
  public readonly serviceAccountAnnotations: Readonly<Record<string, string>> = {};
  private readonly statements: PolicyStatement[] = [];
  private policy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    this.namespace = props.namespace;
    this.serviceAccountName = props.serviceAccountName ?? TEAM_SERVICE_ACCOUNT;
    this.resource = new IamRole(this, "Resource", {
      name: props.roleName,
      description: `Pod Identity role of ${this.namespace}/${this.serviceAccountName}`,
      assumeRolePolicy: podIdentityTrustPolicy(),
      maxSessionDuration: 3600,
    });
    this.principal = this.resource.arn;
    this.association = new EksPodIdentityAssociation(this, "PodIdentity", {
      clusterName: props.clusterName,
      namespace: this.namespace,
      serviceAccount: this.serviceAccountName,
      roleArn: this.resource.arn,
    });
    this.node.addValidation({ validate: () => this.validatePolicySize() });
  }

  /**
   * Adds a statement to the role's inline policy (created on the first grant). An
   * identical statement is added once; a different statement with a Sid already used
   * gets a numbered Sid, since IAM rejects duplicate Sids.
   */
  public addToPrincipalPolicy(statement: PolicyStatement): void {
    const text = JSON.stringify(statement);
    if (this.statements.some((s) => JSON.stringify(s) === text)) return;
    let candidate = statement;
    if (statement.Sid !== undefined) {
      const used = new Set(this.statements.map((s) => s.Sid));
      let n = 2;
      while (used.has(candidate.Sid)) candidate = { ...statement, Sid: `${statement.Sid}${n++}` };
    }
    this.statements.push(candidate);
    if (!this.policy) {
      this.policy = new IamRolePolicy(this, "Policy", {
        role: this.resource.id,
        name: "grants",
        policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
      });
    }
  }

  /** The statements granted so far. */
  public get policyStatements(): readonly PolicyStatement[] {
    return [...this.statements];
  }

  private validatePolicySize(): string[] {
    // Terraform references are longer once resolved, so this is a lower bound.
    const size = policyDocument(this.statements).length;
    return size > MAX_INLINE_POLICY_CHARS
      ? [`inline policy of ${this.namespace} is about ${size} characters; IAM allows ${MAX_INLINE_POLICY_CHARS} per role. Grant fewer zones or split the team.`]
      : [];
  }
}
