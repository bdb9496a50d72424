/**
 * The role table: one place that decides what each role may do, read by the
 * API (withWorkspace) and by the UI (which hides controls a role may not use).
 * Pure data, safe to import in client components.
 */
export const ROLES = ["owner", "admin", "editor", "approver", "finance", "viewer"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABEL: Record<RoleName, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
  approver: "Approver",
  finance: "Finance",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTION: Record<RoleName, string> = {
  owner: "Everything, including deleting the workspace and managing owners.",
  admin: "Manage members, keys, providers and settings; build and run graphs.",
  editor: "Build graphs, start and cancel runs, manage triggers.",
  approver: "Decide approvals and escalations in the inbox.",
  finance: "Read costs, manage budgets and model prices, decide budget raises in the inbox.",
  viewer: "Read-only access to graphs, runs, approvals and costs.",
};

const ALL: readonly RoleName[] = ROLES;
const ADMINS: readonly RoleName[] = ["owner", "admin"];
const BUILDERS: readonly RoleName[] = ["owner", "admin", "editor"];

export const PERMISSIONS = {
  "workspace:read": ALL,
  "workspace:update": ADMINS,
  "workspace:delete": ["owner"],
  "members:read": ALL,
  "members:manage": ADMINS,
  "invitations:manage": ADMINS,
  "apiKeys:manage": ADMINS,
  "providers:read": ADMINS,
  "providers:manage": ADMINS,
  "secrets:manage": ADMINS,
  "graphs:read": ALL,
  "graphs:write": BUILDERS,
  "runs:read": ALL,
  "runs:start": BUILDERS,
  "runs:cancel": BUILDERS,
  "approvals:read": ALL,
  // finance decides budget items (assigned to the finance role); mayDecide checks assignment
  "approvals:decide": ["owner", "admin", "approver", "finance"],
  "costs:read": ["owner", "admin", "editor", "finance", "viewer", "approver"],
  "budgets:manage": ["owner", "admin", "finance"],
  "prices:manage": ["owner", "admin", "finance"],
  // scheduled cost reports (a report e-mails or posts the workspace's spend)
  "reports:manage": ["owner", "admin", "finance"],
  "triggers:write": BUILDERS,
  "audit:read": ADMINS,
  "breakers:read": ALL,
  // force a breaker open or closed (a graph's kill switch included)
  "breakers:manage": ADMINS,
  "llm:proxy": BUILDERS,
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: RoleName | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly RoleName[]).includes(role);
}

/** Roles a member with `role` may grant: admins cannot create owners. */
export function grantableRoles(role: RoleName): RoleName[] {
  if (role === "owner") return [...ROLES];
  if (role === "admin") return ROLES.filter((r) => r !== "owner");
  return [];
}

export function isRole(value: unknown): value is RoleName {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
