import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { Construct } from "constructs";
import { memberConstructId } from "./names";

/** Basic (primitive) roles: never granted by this library. */
export const PRIMITIVE_ROLES: ReadonlySet<string> = new Set(["roles/owner", "roles/editor", "roles/viewer"]);

/** Members that stand for "anyone": never granted anything. */
export const PUBLIC_MEMBERS: ReadonlySet<string> = new Set(["allUsers", "allAuthenticatedUsers"]);

/** Fails on a primitive role or a public member: neither is ever granted. */
export function assertGrantable(role: string, member: string): void {
  if (PRIMITIVE_ROLES.has(role)) throw new Error(`${role} is a primitive role; grant a predefined role instead`);
  if (PUBLIC_MEMBERS.has(member)) throw new Error(`${member} may not be granted ${role}: nothing on the platform is public`);
}

/** Props of {@link ProjectIamGrants}. */
export interface ProjectIamGrantsProps {
  readonly project: string;
}

/**
 * Project-level IAM members, one `google_project_iam_member` per (role, member), created
 * once however often they are requested. The construct id of each is the role's short
 * name and a digest of the member, so adding a member never moves another's address.
 * `google_project_iam_member` is additive: it never removes bindings it did not create.
 */
export class ProjectIamGrants extends Construct {
  private readonly project: string;
  private readonly members = new Map<string, ProjectIamMember>();

  constructor(scope: Construct, id: string, props: ProjectIamGrantsProps) {
    super(scope, id);
    this.project = props.project;
  }

  /**
   * Grants `role` on the project to `member` (`user:`, `group:` or `serviceAccount:`), once.
   * `member` must be a literal: a Terraform reference has no stable digest to name it by.
   */
  public grant(role: string, member: string): ProjectIamMember {
    assertGrantable(role, member);
    if (member.includes("${")) throw new Error(`internal: project IAM member for ${role} must be a literal principal, not a reference`);
    const key = `${role}\u0000${member}`;
    const existing = this.members.get(key);
    if (existing !== undefined) return existing;
    const created = new ProjectIamMember(this, memberConstructId(role, member), { project: this.project, role, member });
    this.members.set(key, created);
    return created;
  }

  /** Every (role, member) pair granted so far. */
  public get grants(): readonly { readonly role: string; readonly member: string }[] {
    return [...this.members.keys()].map((k) => {
      const [role, member] = k.split("\u0000") as [string, string];
      return { role, member };
    });
  }
}
