import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { notFound } from "@/lib/errors";
import { runReportSchedule } from "@/lib/reports/run-report-schedule";

/** POST /api/v1/report-schedules/:id/run → `{ fireId, outcome, reason, payload }`: builds and delivers the report now (for the period before now), recorded as a fire. */
export const POST = withWorkspace<{ id: string }>("reports:manage", async ({ params, ctx }) => {
  const now = new Date();
  const fire = await runReportSchedule(ctx, params.id, { intendedAt: now, now }, { manual: true });
  if (!fire) throw notFound("Report schedule");
  return json(fire);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
