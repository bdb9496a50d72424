import "server-only";
import { z } from "zod";
import { parseCursor } from "../api/cursor";
import type { WorkspaceContext } from "../auth/context";

export const ZListAuditEventsQuerySchema = z.object({
  action: z.string().max(80).optional(),
  actor: z.string().max(80).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListAuditEventsQuery = z.infer<typeof ZListAuditEventsQuerySchema>;

/**
 * Newest first, with names for what people read: the actor's name and e-mail (a member), the
 * API key's name, and the target's name (a graph, an API key, a member); the ids stay beside
 * them. `nextCursor` pages on.
 */
export async function listAuditEvents(ctx: WorkspaceContext, q: TListAuditEventsQuery) {
  const cursor = parseCursor("audit", q.cursor);
  const rows = await ctx.db.auditEvent.findMany({
    where: {
      ...(q.action ? { action: { startsWith: q.action } } : {}),
      ...(q.actor ? { OR: [{ actorUserId: q.actor }, { actorApiKeyId: q.actor }] } : {}),
      ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      ...(cursor ? { id: { lt: cursor } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const ids = (pick: (r: (typeof page)[number]) => string | null | undefined) => [...new Set(page.map(pick).filter((x): x is string => !!x))];
  const targetsOf = (...types: string[]) => ids((r) => (r.targetType && types.includes(r.targetType) ? r.targetId : null));
  const [members, keys, graphs] = await Promise.all([
    ctx.db.membership.findMany({ where: { userId: { in: [...ids((r) => r.actorUserId), ...targetsOf("user", "member", "membership")] } }, include: { user: { select: { id: true, email: true, name: true } } } }),
    ctx.db.apiKey.findMany({ where: { id: { in: [...ids((r) => r.actorApiKeyId), ...targetsOf("api_key")] } }, select: { id: true, name: true } }),
    ctx.db.graph.findMany({ where: { id: { in: targetsOf("graph") } }, select: { id: true, name: true } }),
  ]);
  const users = new Map(members.map((m) => [m.user.id, m.user]));
  const keyNames = new Map(keys.map((k) => [k.id, k.name]));
  const targetName = (type: string | null, id: string | null): string | null => {
    if (!type || !id) return null;
    if (type === "graph") return graphs.find((g) => g.id === id)?.name ?? null;
    if (type === "workspace") return id === ctx.workspace.id ? ctx.workspace.name : null;
    if (type === "api_key") return keyNames.get(id) ?? null;
    if (type === "user" || type === "member" || type === "membership") return users.get(id)?.name || users.get(id)?.email || null;
    return null;
  };
  return {
    events: page.map((r) => {
      const user = r.actorUserId ? users.get(r.actorUserId) : undefined;
      return {
        ...r,
        actorEmail: user?.email ?? null,
        actorName: user?.name || null,
        actorApiKeyName: r.actorApiKeyId ? (keyNames.get(r.actorApiKeyId) ?? null) : null,
        targetName: targetName(r.targetType, r.targetId),
      };
    }),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
