import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";

/** Query of `GET /api/v1/notifications`. */
export const ZListNotificationsRequestSchema = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The workspace's in-app notifications (budget threshold alerts among them), newest first.
 *
 * @example
 * await listNotifications(ctx, { unread: "true", limit: 20 });
 */
export async function listNotifications(ctx: WorkspaceContext, q: z.infer<typeof ZListNotificationsRequestSchema>) {
  return ctx.db.notification.findMany({
    where: { ...(q.unread === "true" ? { readAt: null } : {}), OR: [{ userId: null }, { userId: ctx.actor.userId ?? "" }] },
    orderBy: { createdAt: "desc" },
    take: q.limit,
  });
}
