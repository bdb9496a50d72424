/**
 * What the audit API answers, as zod schemas: declared in the OpenAPI document and checked
 * against real answers by the integration tests. Pure: no server imports.
 */
import { z } from "zod";
import { ZDateTime, ZJson, ZNextCursor } from "../api/wire";

export const ZAuditEvent = z.object({
  id: z.string(),
  workspaceId: z.string().nullable(),
  seq: z.number().int().nullable(),
  action: z.string(),
  actorUserId: z.string().nullable(),
  actorApiKeyId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable().describe("The acting member's name"),
  actorApiKeyName: z.string().nullable().describe("The acting API key's name"),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable().describe("The target's name, when it has one (a graph, an API key, a member, the workspace)"),
  data: ZJson,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string().nullable(),
  prevHash: z.string().nullable(),
  createdAt: ZDateTime,
});
export const ZListAuditEventsResponse = z.object({ events: z.array(ZAuditEvent), nextCursor: ZNextCursor });

export const ZVerifyAuditResponse = z.object({
  ok: z.boolean(),
  chain: z.string(),
  events: z.number().int(),
  unchained: z.number().int(),
  head: z.string().nullable(),
  headSeq: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string().nullable(), action: z.string().nullable(), reason: z.string() }).optional(),
});
