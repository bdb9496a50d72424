/**
 * What the FinOps API answers (costs, budgets, reservations, models, notifications, alert
 * webhooks), as zod schemas: declared in the OpenAPI document and checked against real
 * answers by the integration tests. Amounts of money are exact decimal strings. Pure.
 */
import { z } from "zod";
import { ZDateTime, ZDateTimeOrNull, ZJson } from "../api/wire";

const ZUsd = z.string().describe("US dollars, an exact decimal string");
const COST_GROUPS = ["agent", "model", "graph", "version", "tag", "customer", "day", "month"] as const;
const SPLIT_GROUPS = ["agent", "model", "graph", "version", "tag", "customer"] as const;

/** `GET /costs` (JSON; `format=csv` answers the same rows as text/csv). */
export const ZCostReport = z.object({
  groupBy: z.enum(COST_GROUPS),
  from: ZDateTime,
  to: ZDateTime,
  graphId: z.string().nullable(),
  rows: z.array(z.object({ key: z.string(), label: z.string().nullable(), calls: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: ZUsd })),
  groups: z.number().int(),
  offset: z.number().int(),
  total: z.object({ calls: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: ZUsd }),
  basis: z.enum(["rollup", "month-rollup", "ledger"]),
  splits: z
    .object({
      by: z.enum(SPLIT_GROUPS),
      keys: z.array(z.object({ key: z.string(), label: z.string().nullable(), costUsd: ZUsd })),
      otherKeys: z.number().int(),
      rows: z.array(z.object({ period: z.string(), values: z.record(z.string(), ZUsd), otherUsd: ZUsd })),
      basis: z.enum(["rollup", "ledger"]),
    })
    .optional(),
});

const ZAccuracyStats = z.object({
  runs: z.number().int(),
  withinP90: z.number().int(),
  withinP90Pct: z.number().nullable(),
  medianAbsErrorPct: z.number().nullable(),
  meanAbsErrorPct: z.number().nullable(),
  forecastP50Usd: ZUsd,
  forecastP90Usd: ZUsd,
  actualUsd: ZUsd,
});
/** `GET /costs/forecast-accuracy`. */
export const ZForecastAccuracyReport = z.object({
  from: ZDateTime,
  to: ZDateTime,
  graphId: z.string().nullable(),
  summary: ZAccuracyStats.extend({ unforecastRuns: z.number().int() }),
  byBasis: z.array(ZAccuracyStats.extend({ basis: z.enum(["history", "estimate"]) })),
  runs: z.array(
    z.object({
      runId: z.string(),
      graphId: z.string(),
      graphName: z.string().nullable(),
      version: z.number().int(),
      status: z.string(),
      createdAt: ZDateTime,
      p50Usd: ZUsd,
      p90Usd: ZUsd,
      basis: z.enum(["history", "estimate"]),
      historyRuns: z.number().int(),
      simulated: z.boolean(),
      actualUsd: ZUsd,
      errorPct: z.number().nullable(),
      withinP90: z.boolean(),
    }),
  ),
});

/** A budget with its current windows (spent, reserved, remaining, projected period end). */
export const ZBudget = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.string(),
  scopeRef: z.string().nullable(),
  period: z.string(),
  limitUsd: ZUsd,
  onExceed: z.string(),
  thresholds: z.array(z.number()),
  enabled: z.boolean(),
  source: z.string(),
  graphVersionId: z.string().nullable(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
  current: z.array(
    z.object({
      windowKey: z.string(),
      limitUsd: ZUsd,
      spentUsd: ZUsd,
      reservedUsd: ZUsd,
      remainingUsd: ZUsd,
      usedPct: z.number(),
      projectedUsd: ZUsd.nullable(),
      alertedPct: z.number(),
    }),
  ),
});
export const ZListBudgetsResponse = z.object({ budgets: z.array(ZBudget) });
export const ZBudgetResponse = z.object({ budget: ZBudget });
export const ZRaiseBudgetResponse = z.object({
  budgetId: z.string(),
  windowKey: z.string().nullable(),
  raisedByUsd: ZUsd,
  resumed: z.array(z.object({ approvalId: z.string(), runId: z.string().nullable() })).describe("The budget pauses approved by the raise, whose runs resume"),
});
export const ZReserveSpendResponse = z.object({
  reservationId: z.string(),
  amountUsd: ZUsd,
  budgets: z.array(z.object({ budgetId: z.string(), windowKey: z.string() })),
  expiresAt: ZDateTime,
});
export const ZSettleSpendResponse = z.object({ reservationId: z.string(), costEntryId: z.string(), settledUsd: ZUsd, reservedUsd: ZUsd });

const ZPerMTok = ZUsd.describe("US dollars per million tokens");
export const ZModel = z.object({
  modelId: z.string(),
  provider: z.string(),
  tier: z.string().nullable(),
  contextWindow: z.number().int().nullable(),
  maxOutputTokens: z.number().int().nullable(),
  inputUsdPerMTok: ZPerMTok.nullable(),
  outputUsdPerMTok: ZPerMTok.nullable(),
  cachedUsdPerMTok: ZPerMTok.nullable(),
  source: z.enum(["simulated", "custom", "override", "catalogue", "self-hosted"]).nullable(),
  catalogue: z.object({ inputUsdPerMTok: ZPerMTok, outputUsdPerMTok: ZPerMTok, cachedUsdPerMTok: ZPerMTok }).nullable(),
  override: z.object({ inputUsdPerMTok: ZPerMTok, outputUsdPerMTok: ZPerMTok, cachedUsdPerMTok: ZPerMTok.nullable(), effectiveFrom: ZDateTime, custom: z.boolean() }).nullable(),
  requestsPerMinute: z.number().nullable(),
  tokensPerMinute: z.number().nullable(),
  available: z.boolean(),
  simulated: z.boolean(),
});
export const ZListModelsResponse = z.object({ models: z.array(ZModel) });
export const ZModelResponse = z.object({ model: ZModel });

export const ZNotification = z.object({
  id: z.string(),
  workspaceId: z.string(),
  userId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  data: ZJson,
  readAt: ZDateTimeOrNull,
  createdAt: ZDateTime,
});
export const ZListNotificationsResponse = z.object({ notifications: z.array(ZNotification) });
export const ZMarkNotificationsReadResponse = z.object({ updated: z.number().int() });

const ZDeliveryStatus = z.enum(["pending", "delivered", "failed"]);
const ZDeliverySummary = z.object({
  id: z.string(),
  event: z.string(),
  status: ZDeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: ZDateTimeOrNull,
  deliveredAt: ZDateTimeOrNull,
  createdAt: ZDateTime,
});
export const ZWebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  events: z.array(z.string()),
  createdAt: ZDateTime,
  lastDelivery: ZDeliverySummary.nullable(),
  failedDeliveries: z.number().int(),
  pendingDeliveries: z.number().int(),
});
export const ZListWebhooksResponse = z.object({ webhooks: z.array(ZWebhookEndpoint) });
export const ZCreateWebhookResponse = z.object({
  webhook: z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), enabled: z.boolean(), createdAt: ZDateTime, secret: z.string().describe("The signing secret, shown only here") }),
});
export const ZListWebhookDeliveriesResponse = z.object({
  deliveries: z.array(
    ZDeliverySummary.extend({
      attemptLog: z.array(z.object({ attempt: z.number().int(), at: z.string(), statusCode: z.number().int().optional(), error: z.string().optional(), durationMs: z.number() })),
    }),
  ),
});
