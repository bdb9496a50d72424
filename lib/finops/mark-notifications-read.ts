import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";

/** Body of `POST /api/v1/notifications/read`: the ids to mark, or all when omitted. */
export const ZMarkNotificationsReadRequestSchema = z.strictObject({ ids: z.array(z.string().min(1).max(100)).max(500).optional() });

/**
 * Marks notifications read; returns how many changed.
 *
 * @example
 * await markNotificationsRead(ctx, { ids: ["ntf_…"] }); // 1
 */
export async function markNotificationsRead(ctx: WorkspaceContext, input: z.infer<typeof ZMarkNotificationsReadRequestSchema>): Promise<number> {
  const { count } = await ctx.db.notification.updateMany({ where: { readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) }, data: { readAt: new Date() } });
  return count;
}
