import "server-only";
import { getPrisma } from "../db/client";
import type { WorkspaceContext } from "../auth/context";

/** Who acts, as breakers store it: `user:<id>`, `apikey:<id>` or `system`. */
export function actorRef(ctx: WorkspaceContext): string {
  return ctx.actor.apiKeyId ? `apikey:${ctx.actor.apiKeyId}` : ctx.actor.userId ? `user:${ctx.actor.userId}` : "system";
}

/**
 * Readable names for actor refs: a member's name and e-mail, an API key's name. A ref that
 * names nobody of this workspace is shown as it is.
 */
export async function actorLabels(ctx: WorkspaceContext, refs: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set([...refs].filter((r): r is string => !!r))];
  const userIds = unique.filter((r) => r.startsWith("user:")).map((r) => r.slice(5));
  const keyIds = unique.filter((r) => r.startsWith("apikey:")).map((r) => r.slice(7));
  const labels = new Map<string, string>(unique.map((r) => [r, r === "system" ? "the system" : r]));
  if (userIds.length) {
    // only members of this workspace are named
    const members = await ctx.db.membership.findMany({ where: { userId: { in: userIds } }, select: { userId: true } });
    const users = await getPrisma().user.findMany({ where: { id: { in: members.map((m) => m.userId) } }, select: { id: true, email: true, name: true } });
    for (const u of users) labels.set(`user:${u.id}`, u.name ? `${u.name} <${u.email}>` : u.email);
  }
  if (keyIds.length) {
    const keys = await ctx.db.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } });
    for (const k of keys) labels.set(`apikey:${k.id}`, `API key “${k.name}”`);
  }
  return labels;
}
