import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { getGraphVersionOrThrow } from "../graphs/get-graph";
import type { TModelPolicy, TNodeSpec } from "../graphs/spec/schema";
import { renderTemplate } from "../graphs/spec/template";
import { getModelInfo } from "@/lib/models/model-catalogue";
import { countTokens } from "@/lib/models/tokens";
import { getPrice, type ModelPriceQuote } from "./get-price";
import { costOf, formatUsd, usd, type Decimal } from "./money";
import { routeModel } from "./route-model";

/** Body of `POST /api/v1/graphs/:id/forecast`. */
export const ZForecastRequestSchema = z.strictObject({
  input: z.record(z.string(), z.unknown()).default({}),
  version: z.number().int().min(1).max(2_147_483_647).optional(),
});
export type TForecastRequest = z.infer<typeof ZForecastRequestSchema>;

/** Runs of this version needed before history replaces the estimate. */
export const MIN_HISTORY_RUNS = 3;
/** Most recent runs the forecast learns from. */
const HISTORY_RUNS = 200;
/** Input-size scaling is clamped so one odd run cannot dominate. */
const MIN_SCALE = 0.25;
const MAX_SCALE = 4;
const DEFAULT_OUTPUT_LIMIT = 8_192;
/**
 * Without history of the version, a call's median output length comes from the workspace's own
 * recent calls of the same model (any graph, the gateway included) when there are at least
 * {@link MIN_MODEL_CALLS} of them: the median output tokens of its last {@link MODEL_CALLS}
 * successful calls, capped at the node's output limit.
 */
export const MIN_MODEL_CALLS = 5;
const MODEL_CALLS = 500;
/**
 * Without any calls of the model either, the prior: a call writes {@link PRIOR_OUTPUT_SHARE} of
 * its output limit, at most {@link PRIOR_OUTPUT_CAP} tokens. Output limits are set with head-room
 * (the templates give every node 1,024), and an agent step's answer — a classification, an
 * extracted record, a short draft — is typically a few hundred tokens on real models: 15 % of a
 * 1,024 limit is 154 tokens, of an 8,192 default 300. A guess, replaced by the model's own figures
 * after its first few calls in the workspace.
 */
export const PRIOR_OUTPUT_SHARE = 0.15;
export const PRIOR_OUTPUT_CAP = 300;

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
  /**
   * Where p50's output tokens come from: `history` (this node in past runs of the version),
   * `model-history` (the median of the workspace's recent calls of the model), `prior` (a share of
   * the output limit, see {@link PRIOR_OUTPUT_SHARE}). p90 of an estimate is always the whole limit.
   */
  outputBasis: "history" | "model-history" | "prior";
  /** Calls of the model the `model-history` median was taken over (0 otherwise). */
  modelCalls: number;
  /** The output limit p90 assumes for an estimate (the node's `maxOutputTokens` or the model's). */
  maxOutputTokens?: number;
}

export interface RunForecast {
  graphId: string;
  version: number;
  p50Usd: string;
  p90Usd: string;
  /** `history` when the version has enough past runs, `estimate` otherwise. */
  basis: "history" | "estimate";
  /** One sentence on what the figures rest on, for people (e.g. shown with an approval). */
  basisDetail: string;
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
 * Without history: each model node's prompt is rendered with the input and counted, and one call
 * per node assumed. p90 is the ceiling: every call writes its whole output limit (the worst case a
 * budget reserves for it). p50 is an estimate: the call writes what calls of the same model in
 * this workspace wrote (median of the last {@link MODEL_CALLS}, any graph, once there are
 * {@link MIN_MODEL_CALLS}), else the prior ({@link PRIOR_OUTPUT_SHARE} of the limit, at most
 * {@link PRIOR_OUTPUT_CAP} tokens). `perNode[].outputBasis` and `basisDetail` say which.
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
      basisDetail: `From the last ${runs.length} runs of version ${gv.version}: each run's tokens per node, input tokens scaled by this input's size, at today's prices.`,
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
          outputBasis: "history" as const,
          modelCalls: 0,
        };
      }),
    };
  }

  const typical = await typicalOutputTokens(ctx, [...new Set(models.values())]);
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
    const seen = typical.get(modelId);
    const mid = seen ? Math.min(limit, seen.median) : priorOutputTokens(limit);
    const c50 = price ? costOf({ inputTokens: inTok, outputTokens: mid }, price) : usd(0);
    const c90 = price ? costOf({ inputTokens: inTok, outputTokens: limit }, price) : usd(0);
    p50 = p50.plus(c50);
    p90 = p90.plus(c90);
    perNode.push({
      nodeId: node.id,
      modelId,
      p50Usd: formatUsd(c50),
      p90Usd: formatUsd(c90),
      basis: "estimate",
      runs: 0,
      p50InputTokens: inTok,
      p50OutputTokens: mid,
      outputBasis: seen ? "model-history" : "prior",
      modelCalls: seen?.calls ?? 0,
      maxOutputTokens: limit,
    });
  }
  return {
    graphId,
    version: gv.version,
    p50Usd: formatUsd(p50),
    p90Usd: formatUsd(p90),
    basis: "estimate",
    basisDetail: estimateDetail(runs.length, perNode),
    runs: runs.length,
    simulated,
    perNode,
  };
}

/**
 * The prior median output of a call with output limit `limit`, for a model this workspace has not
 * called yet.
 *
 * @example
 * priorOutputTokens(1024); // 154
 * priorOutputTokens(8192); // 300
 */
export function priorOutputTokens(limit: number): number {
  return Math.max(1, Math.min(PRIOR_OUTPUT_CAP, Math.round(limit * PRIOR_OUTPUT_SHARE)));
}

/** Median output tokens per successful call of each model, over the workspace's latest calls of it. */
async function typicalOutputTokens(ctx: WorkspaceContext, modelIds: string[]): Promise<Map<string, { median: number; calls: number }>> {
  const out = new Map<string, { median: number; calls: number }>();
  for (const model of modelIds) {
    const rows = await ctx.db.costEntry.findMany({
      where: { kind: "model", model, success: true },
      orderBy: { occurredAt: "desc" },
      take: MODEL_CALLS,
      select: { outputTokens: true },
    });
    if (rows.length < MIN_MODEL_CALLS) continue;
    out.set(model, { median: Math.round(quantile(rows.map((r) => r.outputTokens).sort((a, b) => a - b), 0.5)), calls: rows.length });
  }
  return out;
}

function estimateDetail(versionRuns: number, perNode: NodeForecast[]): string {
  const head = `An estimate (${versionRuns ? `${versionRuns} finished run${versionRuns === 1 ? "" : "s"} of this version; ${MIN_HISTORY_RUNS} needed for history` : "this version has not run yet"}): counted prompts, one call per model node.`;
  const fromModels = [...new Map(perNode.filter((n) => n.outputBasis === "model-history").map((n) => [n.modelId, n.modelCalls])).entries()];
  const priors = [...new Set(perNode.filter((n) => n.outputBasis === "prior").map((n) => n.modelId))];
  const parts: string[] = [];
  if (fromModels.length) parts.push(`the median output of this workspace's recent calls of ${fromModels.map(([m, c]) => `${m} (${c})`).join(", ")}`);
  if (priors.length) parts.push(`for ${priors.join(", ")}, not called here yet, ${Math.round(PRIOR_OUTPUT_SHARE * 100)}% of the output limit (at most ${PRIOR_OUTPUT_CAP} tokens)`);
  return `${head} Median (p50): ${parts.join("; ") || "no model calls"}. p90: every call writing its whole output limit.`;
}
