import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { createReportSchedule } from "@/lib/reports/create-report-schedule";
import { listReportSchedules } from "@/lib/reports/list-report-schedules";
import { ZCreateReportScheduleRequestSchema } from "@/lib/reports/schemas";

/** GET /api/v1/report-schedules → `{ data: [schedule…] }`: the workspace's scheduled cost reports. */
export const GET = withWorkspace("reports:manage", async ({ ctx }) => json(await listReportSchedules(ctx)));

/** POST /api/v1/report-schedules `{ name, cron, timezone?, report: { groupBy, period, format? }, deliver: { email?, webhook? } }` → 201 the schedule (a webhook's `signingSecret` in this answer only). */
export const POST = withWorkspace("reports:manage", async ({ req, ctx }) => {
  const body = await readJson(req, ZCreateReportScheduleRequestSchema);
  return json(await createReportSchedule(ctx, body), 201);
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
