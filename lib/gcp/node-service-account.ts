import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { Construct } from "constructs";

/**
 * What a GKE node needs and nothing more: `roles/container.defaultNodeServiceAccount`
 * (Kubernetes Engine Default Node Service Account: write logs, metrics and resource
 * metadata, read monitoring config), the role Google's hardening guide and the CIS GKE
 * benchmark name for a least-privilege node service account, and Artifact Registry read
 * to pull images. It replaces the Compute Engine default service account, which has the
 * primitive Editor role.
 * https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa
 * https://cloud.google.com/iam/docs/roles-permissions/container#container.defaultNodeServiceAccount
 */
export const NODE_SERVICE_ACCOUNT_ROLES = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"] as const;

/** Props of {@link GcpNodeServiceAccount}. */
export interface GcpNodeServiceAccountProps {
  readonly project: string;
  /** The account id (6-30 characters). */
  readonly accountId: string;
}

/** The dedicated Google service account every node pool runs as. */
export class GcpNodeServiceAccount extends Construct {
  public readonly resource: ServiceAccount;
  /** The account's email. */
  public readonly email: string;
  /** Project-level role members, one per role. */
  public readonly roleMembers: readonly ProjectIamMember[];

  constructor(scope: Construct, id: string, props: GcpNodeServiceAccountProps) {
    super(scope, id);
    this.resource = new ServiceAccount(this, "Resource", {
      project: props.project,
      accountId: props.accountId,
      displayName: "GKE nodes (least privilege)",
    });
    this.email = this.resource.email;
    this.roleMembers = NODE_SERVICE_ACCOUNT_ROLES.map(
      (role) =>
        new ProjectIamMember(this, role.replace(/^roles\//, ""), {
          project: props.project,
          role,
          member: this.resource.member,
        }),
    );
  }
}
