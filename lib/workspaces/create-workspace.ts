import "server-only";
import { getPrisma } from "../db/client";
import { newId } from "../ids";
import { randomToken } from "../crypto";
import { recordAuditEvent, type AuditActor } from "../audit/record-audit-event";

export { ZCreateWorkspaceRequestSchema } from "../schemas/account";

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/[\s_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "workspace"
  );
}

/** Creates a workspace with `userId` as its owner; the slug is made unique. */
export async function createWorkspace(userId: string, name: string, actor: AuditActor = { userId }) {
  const db = getPrisma();
  const base = slugify(name);
  let slug = base;
  for (let i = 0; await db.workspace.findUnique({ where: { slug } }); i++) {
    slug = `${base}-${i < 3 ? i + 2 : randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, "x")}`;
  }
  const workspace = await db.workspace.create({
    data: {
      id: newId("workspace"),
      slug,
      name,
      memberships: { create: { id: newId("membership"), userId, role: "owner" } },
    },
  });
  await recordAuditEvent(actor, { workspaceId: workspace.id, action: "workspace.created", targetType: "workspace", targetId: workspace.id, data: { name } });
  return workspace;
}
