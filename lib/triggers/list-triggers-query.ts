import { z } from "zod";
import { FIRE_OUTCOMES } from "./outcomes";

/** Query of `GET /graphs/:id/triggers/:name/fires`. */
export const ZListFiresQuery = z.strictObject({
  outcome: z.enum(FIRE_OUTCOMES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
