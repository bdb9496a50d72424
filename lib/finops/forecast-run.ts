import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { getGraphVersionOrThrow } from "../graphs/get-graph";
import type { TModelPolicy, TNodeSpec } from "../graphs/spec/schema";
import { renderTemplate } from "../graphs/spec/template";
import { getModelInfo } from "../runtime/providers/model-catalogue";
import { countTokens } from "../runtime/tokens";
import { getPrice, type ModelPriceQuote } from "./get-price";
import { costOf, formatUsd, usd, type Decimal } from "./money";
import { routeModel } from "./route-model";

/** Body of `POST /api/v1/graphs/:id/forecast`. */
export const ZForecastRequestSchema = z.strictObject({
  input: z.record(z.string(), z.unknown()).default({}),
  version: z.number().int().min(1).optional(),
});
export type TForecastRequest = z.infer<typeof ZForecastRequestSchema>;

/** Runs of this version needed before history replaces the estimate. */
export const MIN_HISTORY_RUNS = 3;
/** Most recent runs the forecast learns from. */
const HISTORY_RUNS = 200;
/** Input-size scaling is clamped so one odd run cannot dominate. */
const MIN_SCALE = 0.25;
const MAX_SCALE = 4;
/** Without history the median call is assumed to use this share of its output limit. */
const ESTIMATE_OUTPUT_SHARE = 0.25;
const DEFAULT_OUTPUT_LIMIT = 8_192;

export interface NodeForecast {
  nodeId: string;
  modelId: string;
  p50Usd: string;
  p90Usd: string;
  basis: "history" | "estimate";
  /** Runs of this version the node's figures come from (0 for an estimate). */
  runs: number;
  p50InputTokens: number;
  p50OutputTokens: number;
}

export interface RunForecast {
  graphId: string;
  version: number;
  p50Usd: string;
  p90Usd: string;
  /** `history` when the version has enough past runs, `estimate` otherwise. */
  basis: "history" | "estimate";
  runs: number;
  perNode: NodeForecast[];
  /** True when any priced model is simulated (the forecast is in simulated dollars). */
  simulated: boolean;
}

/**
 * The `q`-quantile (0…1) of numbers by linear interpolation between closest ranks.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function decimalQuantile(values: Decimal[], q: number): Decimal {
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  if (!sorted.length) return usd(0);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]!.plus(sorted[hi]!.minus(sorted[lo]!).times(pos - lo)).toDecimalPlaces(12);
}

type ModelNode = Extract<TNodeSpec, { type: "agent" }>;

function modelNodes(nodes: TNodeSpec[]): ModelNode[] {
  return nodes.filter((n): n is ModelNode => n.type === "agent" || ("model" in n && "prompt" in n));
}

/** Size of a run input, in characters of its JSON, the measure history is scaled by. */
function inputSize(input: unknown): number {
  return Math.max(1, JSON.stringify(input ?? {}).length);
}

/**
 * Forecasts what one run of a graph version will cost for an input, before it runs.
 *
 * With at least {@link MIN_HISTORY_RUNS} past runs of the version: every past run's per-node
 * token counts (from the ledger, retries and failed attempts included) are scaled by the new
 * input's size relative to that run's input (input tokens only, clamped to ×0.25…×4),
 * re-priced at today's prices, and the p50 / p90 taken over runs — per node and for the
 * whole run (so branches a router usually skips weigh in as they happened).
 *
 * Without history: each model node's prompt is rendered with the input and counted; p50
 * assumes one call using a quarter of the output limit, p90 one call using all of it (the
 * worst case a budget would reserve for that call).
 *
 * @example
 * const f = await forecastRun(ctx, graphId, { input: { requestId: "REQ-1", body: "…" } });
 * // { p50Usd: "0.0123", p90Usd: "0.0311", basis: "history", perNode: [{ nodeId: "draft", … }], … }
 */
export async function forecastRun(ctx: WorkspaceContext, graphId: string, req: TForecastRequest): Promise<RunForecast> {
  const gv = await getGraphVersionOrThrow(ctx, graphId, req.version);
  const nodes = modelNodes(gv.spec.nodes);
  const models = new Map<string, string>();
  for (const node of nodes) {
    models.set(node.id, typeof node.model === "string" ? node.model : (await routeModel(ctx, node.model as TModelPolicy).catch(() => null))?.modelId ?? `sim:${node.model.tier === "cheap" ? "fast" : node.model.tier}`);
  }
  const prices = new Map<string, ModelPriceQuote | null>();
  for (const id of new Set(models.values())) prices.set(id, await getPrice(ctx, id));
  const priceOf = (modelId: string) => prices.get(modelId) ?? null;
  const simulated = [...models.values()].some((m) => m.startsWith("sim:"));

  const runs = await ctx.db.run.findMany({
    where: { graphVersionId: gv.id, status: { in: ["succeeded", "failed"] } },
    orderBy: { createdAt: "desc" },
    take: HISTORY_RUNS,
    select: { id: true, input: true },
  });
  if (runs.length >= MIN_HISTORY_RUNS) {
    const rows = await ctx.db.costEntry.groupBy({
      by: ["runId", "nodeId", "model"],
      where: { runId: { in: runs.map((r) => r.id) }, kind: "model" },
      _sum: { inputTokens: true, outputTokens: true, cachedTokens: true },
    });
    const now = inputSize(req.input);
    const perNode = new Map<string, { costs: Decimal[]; inputs: number[]; outputs: number[] }>();
    const runTotals: Decimal[] = [];
    for (const run of runs) {
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, now / inputSize(run.input)));
      let total = usd(0);
      for (const node of nodes) {
        const modelId = models.get(node.id)!;
        const price = priceOf(modelId);
        const mine = rows.filter((r) => r.runId === run.id && r.nodeId === node.id);
        const inTok = Math.round(mine.reduce((a, r) => a + (r._sum.inputTokens ?? 0), 0) * scale);
        const outTok = mine.reduce((a, r) => a + (r._sum.outputTokens ?? 0), 0);
        const cached = Math.round(mine.reduce((a, r) => a + (r._sum.cachedTokens ?? 0), 0) * scale);
        const cost = price ? costOf({ inputTokens: inTok, outputTokens: outTok, cachedTokens: cached }, price) : usd(0);
        const slot = perNode.get(node.id) ?? { costs: [], inputs: [], outputs: [] };
        slot.costs.push(cost);
        slot.inputs.push(inTok);
        slot.outputs.push(outTok);
        perNode.set(node.id, slot);
        total = total.plus(cost);
      }
      runTotals.push(total);
    }
    return {
      graphId,
      version: gv.version,
      p50Usd: formatUsd(decimalQuantile(runTotals, 0.5)),
      p90Usd: formatUsd(decimalQuantile(runTotals, 0.9)),
      basis: "history",
      runs: runs.length,
      simulated,
      perNode: nodes.map((node) => {
        const s = perNode.get(node.id)!;
        return {
          nodeId: node.id,
          modelId: models.get(node.id)!,
          p50Usd: formatUsd(decimalQuantile(s.costs, 0.5)),
          p90Usd: formatUsd(decimalQuantile(s.costs, 0.9)),
          basis: "history" as const,
          runs: runs.length,
          p50InputTokens: Math.round(quantile([...s.inputs].sort((a, b) => a - b), 0.5)),
          p50OutputTokens: Math.round(quantile([...s.outputs].sort((a, b) => a - b), 0.5)),
        };
      }),
    };
  }

  let p50 = usd(0);
  let p90 = usd(0);
  const perNode: NodeForecast[] = [];
  for (const node of nodes) {
    const modelId = models.get(node.id)!;
    const price = priceOf(modelId);
    const context = { input: req.input, nodes: {}, run: {} };
    const render = (t: string | undefined) => {
      if (!t) return "";
      try {
        const v = renderTemplate(t, context);
        return typeof v === "string" ? v : JSON.stringify(v ?? "");
      } catch {
        // references to upstream outputs cannot be rendered before the run: count the template and the input
        return `${t}\n${JSON.stringify(req.input)}`;
      }
    };
    const prompt = `${render(node.instructions)}\n${render(node.prompt)}\n${node.output ? JSON.stringify(node.output) : ""}`;
    const inTok = countTokens(prompt, modelId) + 8;
    const limit = node.maxOutputTokens ?? Math.min(getModelInfo(modelId)?.maxOutputTokens ?? DEFAULT_OUTPUT_LIMIT, DEFAULT_OUTPUT_LIMIT);
    const mid = Math.round(limit * ESTIMATE_OUTPUT_SHARE);
    const c50 = price ? costOf({ inputTokens: inTok, outputTokens: mid }, price) : usd(0);
    const c90 = price ? costOf({ inputTokens: inTok, outputTokens: limit }, price) : usd(0);
    p50 = p50.plus(c50);
    p90 = p90.plus(c90);
    perNode.push({ nodeId: node.id, modelId, p50Usd: formatUsd(c50), p90Usd: formatUsd(c90), basis: "estimate", runs: 0, p50InputTokens: inTok, p50OutputTokens: mid });
  }
  return { graphId, version: gv.version, p50Usd: formatUsd(p50), p90Usd: formatUsd(p90), basis: "estimate", runs: runs.length, simulated, perNode };
}
