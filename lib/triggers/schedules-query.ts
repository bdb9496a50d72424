import { z } from "zod";
import { FIRE_OUTCOMES } from "./outcomes";

/** The outcome filter's extra value: every fire that did not become a run (all but `started` and `duplicate`). */
export const NOT_STARTED = "not_started";
/** Outcomes that mean a fire became a run (a new one, or the one its dedupe key already started). */
export const RUN_OUTCOMES = ["started", "duplicate"] as const;

/** Query of `GET /api/v1/schedules/:triggerId/fires` (no server-only imports: the OpenAPI document reads it). */
export const ZListScheduleFiresQuerySchema = z.strictObject({
  outcome: z
    .enum([...FIRE_OUTCOMES, NOT_STARTED])
    .meta({ description: "One outcome, or not_started: every fire that did not become a run (all but started and duplicate)" })
    .optional(),
  at: z
    .string()
    .max(60)
    .meta({ description: "A fire id (tfr_…): the page starts at that fire (the runs list links to a run's fire this way)" })
    .optional(),
  cursor: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListScheduleFiresQuery = z.infer<typeof ZListScheduleFiresQuerySchema>;

/** Query of `GET /api/v1/schedules`. */
export const ZListSchedulesQuerySchema = z.strictObject({
  graphId: z.string().max(60).meta({ description: "Only this graph's triggers" }).optional(),
  follows: z.string().max(60).meta({ description: "Only the graph_completed triggers (of other graphs) that start when a run of this graph ends" }).optional(),
  count: z.coerce.number().int().min(1).max(20).default(3).meta({ description: "How many next fire times per schedule (1–20)" }),
});
export type TListSchedulesQuery = z.infer<typeof ZListSchedulesQuerySchema>;
