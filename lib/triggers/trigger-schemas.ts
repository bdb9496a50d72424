/**
 * What the triggers API answers (a graph's triggers and their fires, the Schedules view,
 * workspace events, webhook deliveries and inbound e-mail), as zod schemas: declared in the
 * OpenAPI document and checked against real answers by the integration tests. Pure.
 */
import { z } from "zod";
import { ZDateTime, ZDateTimeOrNull, ZJson, ZNextCursor } from "../api/wire";
import { ZErrorBody } from "../errors";
import { FIRE_OUTCOMES } from "./outcomes";

export const ZFireOutcome = z.enum(FIRE_OUTCOMES);
const TRIGGER_TYPES = ["schedule", "webhook", "email", "api", "event", "graph_completed", "watch", "report"] as const;

/** One trigger the graph's latest version declares. */
export const ZGraphTrigger = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(TRIGGER_TYPES),
  config: ZJson,
  graphVersion: z.number().int(),
  paused: z.boolean(),
  pausedAt: ZDateTimeOrNull,
  lastFiredAt: ZDateTimeOrNull,
  lastDay: z.record(z.string(), z.number().int()).describe("The last day's fires by outcome"),
  url: z.string().optional().describe("A webhook trigger's delivery URL"),
  hasSecret: z.boolean().optional(),
  secretCreatedAt: ZDateTimeOrNull.optional(),
  address: z.string().optional().describe("An e-mail trigger's address"),
});
export const ZListGraphTriggersResponse = z.object({ data: z.array(ZGraphTrigger) });

export const ZTriggerPausedResponse = z.object({ name: z.string(), paused: z.boolean() });
export const ZSchedulePausedResponse = z.object({ id: z.string(), name: z.string(), paused: z.boolean() });

/** A fire, newest first in lists: when it was meant to happen, when it did, and what came of it. */
export const ZFire = z.object({
  id: z.string(),
  intendedAt: ZDateTime,
  firedAt: ZDateTime,
  lateMs: z.number(),
  dedupeKey: z.string().nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
  runId: z.string().nullable(),
  runStatus: z.string().nullable(),
  payload: ZJson,
});
export const ZListFiresResponse = z.object({ data: z.array(ZFire), nextCursor: ZNextCursor });

export const ZWebhookSecretResponse = z.object({
  name: z.string(),
  url: z.string(),
  secret: z.string().describe("whsec_…, shown only in this answer"),
  secretCreatedAt: ZDateTime,
  previousSecretValidUntil: z.string().nullable(),
  curl: z.string().describe("An example signed delivery"),
});

export const ZSchedulePreview = z.object({
  cron: z.string(),
  timezone: z.string(),
  times: z.array(z.object({ at: z.string().describe("ISO with the zone's offset"), utc: ZDateTime })),
});
export const ZTriggerSchedulePreview = ZSchedulePreview.extend({ paused: z.boolean() });

/** A trigger as the Schedules view shows it. */
export const ZScheduleView = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  graphId: z.string().nullable(),
  graphName: z.string().nullable(),
  graphVersion: z.number().int(),
  description: z.string().nullable(),
  source: z.object({ summary: z.string(), value: z.string().optional() }),
  config: ZJson,
  paused: z.boolean(),
  pausedAt: ZDateTimeOrNull,
  nextFireTimes: z.array(ZDateTime),
  health: z.object({
    status: z.enum(["healthy", "failing", "overdue", "unarmed", "paused"]),
    lastCheckedAt: ZDateTimeOrNull,
    lastError: z.string().nullable(),
    lastErrorAt: ZDateTimeOrNull,
  }),
  lastFire: z.object({ id: z.string(), firedAt: ZDateTime, intendedAt: ZDateTime, outcome: z.string(), runId: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  lastDay: z.partialRecord(ZFireOutcome, z.number().int()),
  lateness: z.object({ p50Ms: z.number().nullable(), p99Ms: z.number().nullable(), samples: z.number().int() }),
});
export const ZListSchedulesResponse = z.object({ schedules: z.array(ZScheduleView) });

/** What one trigger did with a fire: the run it started, or why it did not. */
const ZTriggerFire = z.object({
  triggerId: z.string(),
  trigger: z.string(),
  graphId: z.string().nullable(),
  outcome: ZFireOutcome,
  runId: z.string().nullable(),
  reason: z.string().nullable(),
  fireId: z.string(),
  retryAfterMs: z.number().optional(),
  retryable: z.literal(true).optional(),
});
export const ZSendEventResponse = z.object({
  name: z.string(),
  eventId: z.string().nullable().describe("null when this id was delivered within the last 24 hours"),
  runs: z.array(ZTriggerFire).describe("The graphs whose event triggers matched"),
});

/** `POST /hooks/{workspace}/{path}`: what the delivery did. */
export const ZWebhookDeliveryResponse = z.object({
  runId: z.string().nullable(),
  fireId: z.string(),
  outcome: ZFireOutcome,
  duplicate: z.boolean(),
  reason: z.string().optional(),
});
/** A refused webhook delivery: the error shape, with the fire it was recorded as (when it was). */
export const ZWebhookDeliveryError = ZErrorBody.extend({
  runId: z.string().nullable().optional(),
  fireId: z.string().optional(),
  outcome: ZFireOutcome.optional(),
  duplicate: z.boolean().optional(),
  reason: z.string().optional(),
});

/** `POST /inbound/email…`: each addressed trigger's outcome. */
export const ZInboundEmailResponse = z.object({
  messageId: z.string(),
  dedupeKey: z.string(),
  deliveries: z.array(
    // what each trigger did with the fire, by the recipient address it was for
    z.object({ recipient: z.string() }).extend(ZTriggerFire.omit({ triggerId: true, retryAfterMs: true, retryable: true }).shape),
  ),
  unknown: z.array(z.string()).describe("Recipients no e-mail trigger receives for"),
});
