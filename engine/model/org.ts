/**
 * The org directory: departments, their heads and members, roles, and the manager chain.
 * Shipped as `sop-definitions/org.yaml`; the validator checks SOP references against it and
 * participants resolve against it at run time.
 */
export interface OrgUser {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  /** User id of this person's manager; absent at the top of the chain. */
  readonly manager?: string;
  readonly roles?: readonly string[];
  readonly email?: string;
}

export interface OrgDepartment {
  readonly id: string;
  readonly name: string;
  /** User id of the department head. */
  readonly head: string;
}

export interface OrgDirectory {
  readonly departments: readonly OrgDepartment[];
  readonly users: readonly OrgUser[];
  /** Role ids known to the organisation, with a description each. */
  readonly roles: Readonly<Record<string, string>>;
}
