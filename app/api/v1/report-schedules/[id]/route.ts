import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { deleteReportSchedule } from "@/lib/reports/delete-report-schedule";
import { getReportSchedule } from "@/lib/reports/list-report-schedules";
import { ZUpdateReportScheduleRequestSchema } from "@/lib/reports/schemas";
import { updateReportSchedule } from "@/lib/reports/update-report-schedule";

/** GET /api/v1/report-schedules/:id → the schedule, with its next fire time and health. */
export const GET = withWorkspace<{ id: string }>("reports:manage", async ({ params, ctx }) => json(await getReportSchedule(ctx, params.id)));

/** PATCH /api/v1/report-schedules/:id `{ name?, cron?, timezone?, report?, deliver? }` → the schedule, re-armed. */
export const PATCH = withWorkspace<{ id: string }>("reports:manage", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZUpdateReportScheduleRequestSchema);
  return json(await updateReportSchedule(ctx, params.id, body));
});

/** DELETE /api/v1/report-schedules/:id → 204; its fires stay. */
export const DELETE = withWorkspace<{ id: string }>("reports:manage", async ({ params, ctx }) => {
  await deleteReportSchedule(ctx, params.id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
