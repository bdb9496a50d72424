import { json, methodsNotAllowed, readQuery, withWorkspace } from "@/lib/api/handler";
import { listReportFires } from "@/lib/reports/list-report-fires";
import { ZListFiresQuery } from "@/lib/triggers/list-triggers-query";

/** GET /api/v1/report-schedules/:id/fires?outcome=&cursor=&limit= → deliveries newest first: intended vs actual time, outcome (started = delivered, error) and reason, the period, rows and channels in payload. */
export const GET = withWorkspace<{ id: string }>("reports:manage", async ({ req, params, ctx }) => json(await listReportFires(ctx, params.id, readQuery(req, ZListFiresQuery))));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
