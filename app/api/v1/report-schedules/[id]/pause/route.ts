import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { setReportSchedulePaused } from "@/lib/reports/set-report-schedule-paused";

/** POST /api/v1/report-schedules/:id/pause → the schedule: nothing is delivered until it is resumed (run-now still works). */
export const POST = withWorkspace<{ id: string }>("reports:manage", async ({ params, ctx }) => json(await setReportSchedulePaused(ctx, params.id, true)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
