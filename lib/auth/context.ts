import "server-only";
import type { ScopedDb } from "../db/scoped";
import type { RoleName } from "./permissions";
import type { AuditActor } from "../audit/record-audit-event";

/**
 * Everything a workspace operation needs: which workspace, who is acting, with
 * which role, and a database client that cannot leave the workspace.
 */
export interface WorkspaceContext {
  workspace: { id: string; slug: string; name: string };
  role: RoleName;
  actor: AuditActor & { type: "user" | "apiKey" | "system"; userId?: string | null; apiKeyId?: string | null };
  db: ScopedDb;
}
