import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { setReportSchedulePaused } from "@/lib/reports/set-report-schedule-paused";

/** POST /api/v1/report-schedules/:id/resume → the schedule, armed again from now. */
export const POST = withWorkspace<{ id: string }>("reports:manage", async ({ params, ctx }) => json(await setReportSchedulePaused(ctx, params.id, false)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
