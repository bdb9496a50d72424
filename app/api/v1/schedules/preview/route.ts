import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { ZSchedulePreviewRequestSchema } from "@/lib/triggers/schedule/preview-query";
import { previewScheduleRequest } from "@/lib/triggers/schedule/preview-schedule";

/** POST /api/v1/schedules/preview `{ cron, timezone?, count? }` → the next fire times of a schedule not saved yet (422 naming `cron` or `timezone` when it cannot run). */
export const POST = withWorkspace("graphs:read", async ({ req }) => json(previewScheduleRequest(await readJson(req, ZSchedulePreviewRequestSchema))));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
