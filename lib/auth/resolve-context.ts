import "server-only";
import { getPrisma } from "../db/client";
import { scopedDb } from "../db/scoped";
import { AppError } from "../errors";
import { requestOrigin } from "../audit/record-audit-event";
import { authenticateApiKey } from "./api-keys";
import { getSessionUser } from "./session";
import type { WorkspaceContext } from "./context";
import type { RoleName } from "./permissions";

export const WORKSPACE_HEADER = "x-workspace";

type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionUser>>>;

/**
 * Turns a request into a workspace context — the single entry point to tenant
 * data. An API key (`Authorization: Bearer sy_…`) names its workspace; a
 * browser session names it with the `x-workspace` header (slug or id) or the
 * `workspace` query parameter, and must be a member of it. `sessionUser` reads the session
 * (Next.js's request context by default).
 */
export async function resolveWorkspaceContext(req: Request, sessionUser: () => Promise<SessionUser | null> = getSessionUser): Promise<WorkspaceContext> {
  const origin = requestOrigin(req.headers);
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const found = match ? await authenticateApiKey(match[1]) : null;
    if (!found) throw new AppError("unauthorized", "The API key is missing, malformed, revoked or expired.");
    const { workspace, apiKey, role } = found;
    return {
      workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
      role,
      actor: { type: "apiKey", apiKeyId: apiKey.id, userId: null, ...origin },
      db: scopedDb(workspace.id),
    };
  }
  // no cookie, no session: skip decoding one
  const user = req.headers.get("cookie") ? await sessionUser() : null;
  if (!user) throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
  const ref = req.headers.get(WORKSPACE_HEADER) ?? new URL(req.url).searchParams.get("workspace");
  const db = getPrisma();
  const memberships = await db.membership.findMany({
    where: { userId: user.id, ...(ref ? { workspace: { OR: [{ slug: ref }, { id: ref }] } } : {}) },
    include: { workspace: true },
    take: 2,
  });
  if (!ref && memberships.length > 1) {
    throw new AppError("bad_request", `Say which workspace: send the \`${WORKSPACE_HEADER}\` header with its slug.`);
  }
  const m = memberships[0];
  // not a member and no such workspace look the same
  if (!m) throw new AppError("not_found", "Workspace not found.");
  return {
    workspace: { id: m.workspace.id, slug: m.workspace.slug, name: m.workspace.name },
    role: m.role as RoleName,
    actor: { type: "user", userId: user.id, apiKeyId: null, ...origin },
    db: scopedDb(m.workspace.id),
  };
}
