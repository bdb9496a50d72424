import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { markNotificationsRead, ZMarkNotificationsReadRequestSchema } from "@/lib/finops/mark-notifications-read";

/** POST /api/v1/notifications/read `{ ids? }` — mark notifications read (all when no ids). */
export const POST = withWorkspace("workspace:read", async ({ req, ctx }) => {
  const body = await readJson(req, ZMarkNotificationsReadRequestSchema);
  return json({ updated: await markNotificationsRead(ctx, body) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
