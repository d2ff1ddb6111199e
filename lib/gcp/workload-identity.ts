import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { TEAM_SERVICE_ACCOUNT, type IWorkloadIdentity } from "../spec/contracts";
import { ImportedServiceAccount, type ImportedServiceAccountOptions } from "./imports";

export { TEAM_SERVICE_ACCOUNT };

/** The annotation that binds a Kubernetes service account to a Google service account. */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = "iam.gke.io/gcp-service-account";

/** The only role granted on a team's Google service account. */
export const WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";

/** Props of {@link GcpWorkloadIdentity}. */
export interface GcpWorkloadIdentityProps {
  readonly project: string;
  /** Google service account id (6-30 characters). */
  readonly accountId: string;
  /** Kubernetes namespace of the bound service account (the team name). */
  readonly namespace: string;
  /**
   * Kubernetes service account bound to the Google service account.
   * @default TEAM_SERVICE_ACCOUNT ("workload")
   */
  readonly serviceAccountName?: string;
  /**
   * Display name of the Google service account.
   * @default - "Workload identity of <namespace>"
   */
  readonly displayName?: string;
  /**
   * What the Workload Identity binding must wait for. The member
   * `<project>.svc.id.goog[ns/ksa]` names the project's workload identity pool, which
   * exists only once the project's first cluster with Workload Identity does; until then
   * IAM rejects the binding ("Identity Pool does not exist"). Pass the cluster.
   * https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A team's cloud identity: a Google service account that only the Kubernetes service
 * account `<namespace>/<serviceAccountName>` of this project's clusters can impersonate
 * (GKE Workload Identity: `roles/iam.workloadIdentityUser` for
 * `serviceAccount:<project>.svc.id.goog[<namespace>/<ksa>]` on that account only).
 * It has no key and no role of its own: access comes from grants on buckets and datasets.
 */
export class GcpWorkloadIdentity extends Construct implements IWorkloadIdentity {
  /**
   * Any Google service account, for grants: the data lake and model registry bind their
   * roles to it. Passing the email to a grant does the same.
   */
  public static fromServiceAccountEmail(scope: Construct, id: string, email: string, options?: ImportedServiceAccountOptions): IWorkloadIdentity {
    return new ImportedServiceAccount(scope, id, email, options);
  }

  public readonly resource: ServiceAccount;
  public readonly binding: ServiceAccountIamMember;
  public readonly principal: string;
  public readonly namespace: string;
  public readonly serviceAccountName: string;
  public readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** IAM member string of the Google service account (`serviceAccount:<email>`). */
  public readonly member: string;
  /** The Workload Identity member allowed to impersonate the account. */
  public readonly workloadMember: string;

  constructor(scope: Construct, id: string, props: GcpWorkloadIdentityProps) {
    super(scope, id);
    this.namespace = props.namespace;
    this.serviceAccountName = props.serviceAccountName ?? TEAM_SERVICE_ACCOUNT;
    this.resource = new ServiceAccount(this, "Resource", {
      project: props.project,
      accountId: props.accountId,
      displayName: props.displayName ?? `Workload identity of ${props.namespace}`,
    });
    this.principal = this.resource.email;
    this.member = this.resource.member;
    this.workloadMember = `serviceAccount:${props.project}.svc.id.goog[${props.namespace}/${this.serviceAccountName}]`;
    this.binding = new ServiceAccountIamMember(this, "WorkloadIdentityUser", {
      serviceAccountId: this.resource.name,
      role: WORKLOAD_IDENTITY_USER,
      member: this.workloadMember,
      ...(props.dependsOn === undefined ? {} : { dependsOn: [...props.dependsOn] }),
    });
    this.serviceAccountAnnotations = { [GKE_SERVICE_ACCOUNT_ANNOTATION]: this.principal };
  }
}
