import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { ZSchedulePreviewQuery } from "@/lib/triggers/schedule/preview-query";
import { previewTriggerSchedule } from "@/lib/triggers/schedule/preview-schedule";

/** GET /api/v1/graphs/:id/triggers/:name/preview?count=N (1–50, default 10) → a schedule trigger's next fire times, in its zone and in UTC. */
export const GET = withWorkspace<{ id: string; name: string }>("graphs:read", async ({ req, params, ctx }) => {
  const q = ZSchedulePreviewQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await previewTriggerSchedule(ctx, params.id, params.name, q.count));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
