import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { rotateReportSecret } from "@/lib/reports/rotate-report-secret";

/** POST /api/v1/report-schedules/:id/secret → `{ id, signingSecret, createdAt }`: a new webhook signing secret, shown once; the old one stops signing. */
export const POST = withWorkspace<{ id: string }>("reports:manage", async ({ params, ctx }) => json(await rotateReportSecret(ctx, params.id)));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
