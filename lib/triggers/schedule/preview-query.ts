import { z } from "zod";

/** Query of `GET /graphs/:id/triggers/:name/preview`: how many fire times (1–50, default 10). */
export const ZSchedulePreviewQuery = z.strictObject({
  count: z.coerce.number().int().min(1).max(50).default(10),
});

/** Body of `POST /schedules/preview`: a schedule not saved yet (the builder, before a save). */
export const ZSchedulePreviewRequestSchema = z.strictObject({
  cron: z.string().min(1).max(200),
  timezone: z.string().min(1).max(64).optional(),
  count: z.number().int().min(1).max(50).default(10),
});
export type TSchedulePreviewRequest = z.infer<typeof ZSchedulePreviewRequestSchema>;

/** A schedule's next fire times: in its zone (ISO with the offset at that instant) and in UTC. */
export interface SchedulePreview {
  cron: string;
  timezone: string;
  times: { at: string; utc: string }[];
}
