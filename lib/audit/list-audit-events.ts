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

/** Newest first, with the actor's e-mail resolved; `nextCursor` pages on. */
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
  const userIds = [...new Set(page.map((r) => r.actorUserId).filter((x): x is string => !!x))];
  const members = await ctx.db.membership.findMany({ where: { userId: { in: userIds } }, include: { user: { select: { id: true, email: true } } } });
  const emails = new Map(members.map((m) => [m.user.id, m.user.email]));
  return {
    events: page.map((r) => ({ ...r, actorEmail: r.actorUserId ? (emails.get(r.actorUserId) ?? null) : null })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
