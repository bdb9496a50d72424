import { z } from "zod";

/** Query of `GET /graphs`: `archived=true` lists the archived graphs instead of the ones in use. */
export const ZListGraphsQuerySchema = z.strictObject({
  archived: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
});
