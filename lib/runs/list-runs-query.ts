import { z } from "zod";

export const RUN_STATUSES = ["queued", "running", "waiting", "paused", "succeeded", "failed", "cancelled"] as const;

/**
 * Query of `GET /api/v1/runs` (no server-only imports: the OpenAPI document describes its
 * parameters from it).
 *
 * `agent` and `model` find the runs behind a row of the costs screen: runs in which the node
 * `agent` (a node id; cost rows call it the agent) ran, or a node called the model `model`
 * (`provider:model`, as the cost ledger records it); both together: that node with that model.
 * Like every filter here, an empty value means "any".
 */
export const ZListRunsQuerySchema = z.object({
  graphId: z.string().max(60).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  version: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  tag: z.string().max(60).optional(),
  customerKey: z.string().max(200).optional(),
  agent: z.string().max(100).meta({ description: "A node id: runs in which that node ran (the agent of a cost row)" }).optional(),
  model: z.string().max(200).meta({ description: "provider:model: runs in which a node called that model" }).optional(),
  from: z.coerce.date().meta({ description: "ISO 8601 date-time: runs created at or after it" }).optional(),
  to: z.coerce.date().meta({ description: "ISO 8601 date-time: runs created at or before it" }).optional(),
  cursor: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListRunsQuery = z.infer<typeof ZListRunsQuerySchema>;
