import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { AppError, zodIssues } from "@/lib/errors";
import { listNotifications, ZListNotificationsRequestSchema } from "@/lib/finops/list-notifications";

/** GET /api/v1/notifications[?unread=true&limit=50] — in-app notifications, budget alerts included. */
export const GET = withWorkspace("workspace:read", async ({ req, ctx }) => {
  const parsed = ZListNotificationsRequestSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("validation_failed", "Invalid query.", zodIssues(parsed.error));
  return json({ notifications: await listNotifications(ctx, parsed.data) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
