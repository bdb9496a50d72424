/**
 * What the breakers API answers, as zod schemas: declared in the OpenAPI document and
 * checked against real answers by the integration tests. Pure: no server imports.
 */
import { z } from "zod";
import { ZDateTime } from "../api/wire";
import { BREAKER_KINDS } from "./keys";

const ZState = z.enum(["closed", "open", "half_open"]);
const ZWhen = ZDateTime.nullable();

export const ZBreaker = z.object({
  key: z.string(),
  kind: z.enum(BREAKER_KINDS).nullable(),
  label: z.string(),
  state: ZState.describe("What applies: a forced state wins over the automatic one"),
  automaticState: ZState,
  forced: z.enum(["closed", "open"]).nullable(),
  forcedBy: z.string().nullable(),
  forcedByName: z.string().nullable(),
  forcedReason: z.string().nullable(),
  forcedAt: ZWhen,
  failures: z.number().int(),
  calls: z.number().int(),
  windowStart: ZWhen,
  openedAt: ZWhen,
  nextProbeAt: ZWhen,
  lastError: z.string().nullable(),
  lastFailureAt: ZWhen,
  updatedAt: ZDateTime,
});
export const ZListBreakersResponse = z.object({ breakers: z.array(ZBreaker) });

export const ZBreakerEvent = z.object({
  id: z.string(),
  key: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  at: ZDateTime,
});
export const ZListBreakerEventsResponse = z.object({ events: z.array(ZBreakerEvent) });

/** A forced transition: the breaker's state before and after. */
export const ZForceBreakerResponse = z.object({ key: z.string(), from: z.string(), to: z.string() });
