import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { AppError, zodIssues } from "@/lib/errors";
import { listWebhookDeliveries, ZListWebhookDeliveriesRequestSchema } from "@/lib/finops/list-webhook-deliveries";

/** GET /api/v1/webhooks/:id/deliveries?limit= — recent deliveries with every attempt, newest first. */
export const GET = withWorkspace<{ id: string }>("workspace:update", async ({ req, params, ctx }) => {
  const parsed = ZListWebhookDeliveriesRequestSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError("validation_failed", `Invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return json({ deliveries: await listWebhookDeliveries(ctx, params.id, parsed.data) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
