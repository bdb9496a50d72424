import { z } from "zod";

/** Query of `GET /graphs/:id/triggers/:name/fires`. */
export const ZListFiresQuery = z.strictObject({
  outcome: z.enum(["started", "duplicate", "condition_false", "paused", "error"]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
