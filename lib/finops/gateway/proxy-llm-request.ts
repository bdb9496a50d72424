import "server-only";
import { errorResponse } from "../../api/handler";
import type { WorkspaceContext } from "../../auth/context";
import { PROVIDER_ENV, providerEnvCredential } from "../../env";
import { AppError } from "../../errors";
import { MODEL_TIERS } from "../../graphs/spec/schema";
import { findOutboundBlocked, outboundFetch } from "../../net/outbound";
import { getProviderCredentials } from "../../providers/credentials";
import { getModelInfo } from "@/lib/models/model-catalogue";
import { countTokens } from "@/lib/models/tokens";
import type { SpendContext } from "../attribution";
import { consumeRateLimit } from "../consume-rate-limit";
import { deliverBudgetAlerts } from "../deliver-budget-alerts";
import { getPriceOrThrow, type ModelPriceQuote } from "../get-price";
import { costOf, formatUsd, type TokenUsage } from "../money";
import { recordCost } from "../record-cost";
import { reserveBudget, type Reservation } from "../reserve-budget";
import { routeModel } from "../route-model";
import { releaseReservation, settleReservation } from "../settle-reservation";
import {
  AGENT_HEADER,
  COST_RESPONSE_HEADER,
  CUSTOMER_HEADER,
  DEFAULT_BASE_URLS,
  MAX_GATEWAY_BODY_BYTES,
  MODEL_RESPONSE_HEADER,
  ROUTE_RESPONSE_HEADER,
  ROUTED_MODEL_PREFIX,
  TAGS_HEADER,
} from "./consts";
import { sseParser, type Dialect } from "./dialects";

/** Output limit reserved for when neither the request nor the catalogue gives one. */
const FALLBACK_MAX_OUTPUT_TOKENS = 4_096;
const UPSTREAM_TIMEOUT_MS = 10 * 60_000;


function attributionOf(ctx: WorkspaceContext, headers: Headers): SpendContext {
  const tags = (headers.get(TAGS_HEADER) ?? "").split(",").map((t) => t.trim()).filter(Boolean).slice(0, 20);
  return {
    agent: headers.get(AGENT_HEADER)?.trim().slice(0, 200) || null,
    tags,
    customerKey: headers.get(CUSTOMER_HEADER)?.trim().slice(0, 200) || null,
    apiKeyId: ctx.actor.apiKeyId ?? null,
    ancestors: [],
  };
}

/** `gpt-4o-mini` → `openai:gpt-4o-mini`; `openai-compatible:llama3.1` stays; `switchyard:<tier>` is routed. */
async function resolveModel(ctx: WorkspaceContext, dialect: Dialect, requested: unknown): Promise<{ modelId: string; route: string | null }> {
  if (typeof requested !== "string" || !requested.trim()) {
    throw new AppError("validation_failed", "The request has no model.", [{ path: "model", message: 'is required, e.g. "gpt-4o-mini" or "switchyard:cheap"' }]);
  }
  if (requested.startsWith(ROUTED_MODEL_PREFIX)) {
    const tier = requested.slice(ROUTED_MODEL_PREFIX.length);
    if (!(MODEL_TIERS as readonly string[]).includes(tier)) {
      throw new AppError("validation_failed", `Unknown tier "${tier}".`, [{ path: "model", message: `must be switchyard:${MODEL_TIERS.join("|switchyard:")}` }]);
    }
    const decision = await routeModel(ctx, { tier: tier as (typeof MODEL_TIERS)[number] }, { providers: dialect.providers });
    return { modelId: decision.modelId, route: decision.reason };
  }
  const colon = requested.indexOf(":");
  const provider = colon > 0 ? requested.slice(0, colon) : null;
  if (provider && dialect.providers.includes(provider)) return { modelId: requested, route: null };
  return { modelId: `${dialect.providers[0]}:${requested}`, route: null };
}

function upstreamOf(provider: string, credentials: Awaited<ReturnType<typeof getProviderCredentials>>) {
  const env = PROVIDER_ENV[provider as keyof typeof PROVIDER_ENV];
  const server = providerEnvCredential(provider);
  const cred = credentials[provider as keyof typeof credentials];
  const apiKey = cred?.apiKey || server.apiKey;
  const baseUrl = (cred?.baseUrl || server.baseUrl || DEFAULT_BASE_URLS[provider as keyof typeof DEFAULT_BASE_URLS] || "").replace(/\/+$/, "");
  if (!baseUrl || (!apiKey && provider !== "openai-compatible")) {
    throw new AppError("unavailable", `Provider ${provider} is not configured for this workspace: add its key in Settings → Providers or set ${env?.apiKey ?? "its API key"}.`);
  }
  // A base URL a workspace chose goes through the outbound guard; the server's own is trusted.
  const fetchUpstream = cred?.baseUrl ? (outboundFetch as typeof fetch) : fetch;
  return { apiKey, baseUrl, fetchUpstream };
}

/**
 * The gateway for agents built elsewhere: meters and governs one LLM request in the OpenAI
 * chat-completions or Anthropic messages shape, then forwards it to the real provider.
 *
 * 1. Attribution from `x-switchyard-agent`, `x-switchyard-tags`, `x-switchyard-customer` and
 *    the API key; `model: "switchyard:<tier>"` is routed by policy among configured providers.
 * 2. The worst case (prompt tokens counted + the request's output limit, or the model's) is
 *    reserved against every applicable budget; refusal is a 402 naming the budget.
 * 3. The request goes upstream with the workspace's (or the environment's) credentials; the
 *    response comes back unchanged — streams byte for byte, with OpenAI streams asked to
 *    include usage — and the usage it reports is written to the ledger and settled. A stream
 *    cut short without usage is charged for the prompt and the output seen so far.
 *
 * @example
 * export const POST = withWorkspace("llm:proxy", ({ req, ctx }) => proxyLlmRequest(ctx, req, OPENAI_DIALECT));
 */
export async function proxyLlmRequest(ctx: WorkspaceContext, req: Request, dialect: Dialect): Promise<Response> {
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_GATEWAY_BODY_BYTES) throw new AppError("payload_too_large", `The request body is larger than ${MAX_GATEWAY_BODY_BYTES} bytes.`);
  let body: Record<string, any>;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!body || typeof body !== "object" || !Array.isArray(body.messages)) {
    throw new AppError("validation_failed", "The request has no messages.", [{ path: "messages", message: "must be an array of messages" }]);
  }
  const spend = attributionOf(ctx, req.headers);
  const { modelId, route } = await resolveModel(ctx, dialect, body.model);
  const provider = modelId.slice(0, modelId.indexOf(":"));
  const upstreamModel = modelId.slice(provider.length + 1);

  let price: ModelPriceQuote;
  let reservation: Reservation;
  const promptTokens = countTokens(dialect.promptText(body), modelId);
  try {
    price = await getPriceOrThrow(ctx, modelId);
    const maxOutput = dialect.maxOutputTokens(body) ?? getModelInfo(modelId)?.maxOutputTokens ?? FALLBACK_MAX_OUTPUT_TOKENS;
    // Prompts are counted with OpenAI's tokenizers: pad for providers that count differently.
    const worstCase = costOf({ inputTokens: Math.ceil(promptTokens * 1.1) + 16, outputTokens: maxOutput }, price);
    await consumeRateLimit(ctx, modelId, promptTokens + maxOutput, price);
    reservation = await reserveBudget(ctx, spend, worstCase);
  } catch (err) {
    if ((err as { code?: string }).code === "rate_limited") {
      return Response.json({ error: { message: (err as Error).message, type: "rate_limit_exceeded", code: "rate_limited" } }, { status: 429, headers: { "retry-after": String(Math.ceil(((err as { retryAfterMs?: number }).retryAfterMs ?? 60_000) / 1000)) } });
    }
    return errorResponse(err);
  }

  const settle = async (usage: TokenUsage, ok: boolean) => {
    const cost = costOf(usage, price);
    const alerts = await ctx.db.$transaction(
      async (tx) => {
        await recordCost(ctx, { attribution: spend, modelId, usage, prices: price, costUsd: cost, success: ok }, { tx });
        return settleReservation(ctx, reservation, cost, { tx });
      },
      { timeout: 15_000, maxWait: 15_000 },
    );
    await deliverBudgetAlerts(ctx, alerts);
    return cost;
  };

  let upstream: Response;
  try {
    const { apiKey, baseUrl, fetchUpstream } = upstreamOf(provider, await getProviderCredentials(ctx));
    upstream = await fetchUpstream(`${baseUrl}${dialect.path}`, {
      method: "POST",
      headers: dialect.upstreamHeaders(apiKey, req.headers),
      body: JSON.stringify(dialect.prepare(body, upstreamModel)),
      signal: AbortSignal.any([req.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]),
    });
  } catch (err) {
    await settle({ inputTokens: 0, outputTokens: 0 }, false).catch(() => releaseReservation(ctx, reservation));
    if (err instanceof AppError) throw err;
    const blocked = findOutboundBlocked(err);
    if (blocked) throw new AppError("outbound_blocked", `The provider's base URL was refused: ${blocked.message}`, [{ path: `providers.${provider}.baseUrl`, message: blocked.message }]);
    console.warn(JSON.stringify({ level: "warn", msg: "gateway upstream failed", workspaceId: ctx.workspace.id, modelId, error: (err as Error).name }));
    return Response.json({ error: { message: `The provider could not be reached (${(err as Error).name}).`, type: "upstream_error", code: "bad_gateway" } }, { status: 502 });
  }

  const headers = new Headers({ "content-type": upstream.headers.get("content-type") ?? "application/json", [MODEL_RESPONSE_HEADER]: modelId });
  if (route) headers.set(ROUTE_RESPONSE_HEADER, encodeURIComponent(route));
  for (const h of ["x-request-id", "request-id", "retry-after"]) {
    const v = upstream.headers.get(h);
    if (v) headers.set(h, v);
  }

  const isStream = !!body.stream && upstream.ok && (upstream.headers.get("content-type") ?? "").includes("text/event-stream") && upstream.body;
  if (!isStream) {
    const payload = await upstream.text();
    let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    if (upstream.ok) {
      try {
        usage = dialect.usageFromJson(JSON.parse(payload)) ?? { inputTokens: promptTokens, outputTokens: 0 };
      } catch {
        usage = { inputTokens: promptTokens, outputTokens: 0 };
      }
    }
    const cost = await settle(usage, upstream.ok);
    headers.set(COST_RESPONSE_HEADER, formatUsd(cost));
    return new Response(payload, { status: upstream.status, headers });
  }

  // Streams pass through untouched while a parser watches for usage.
  const decoder = new TextDecoder();
  const parser = sseParser();
  const acc = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, seen: false };
  let streamedText = "";
  let settled = false;
  const finish = async () => {
    if (settled) return;
    settled = true;
    const usage = acc.seen ? acc : { inputTokens: promptTokens, outputTokens: countTokens(streamedText, modelId), cachedTokens: 0 };
    if (acc.seen && acc.outputTokens === 0 && streamedText) usage.outputTokens = countTokens(streamedText, modelId);
    await settle(usage, acc.seen).catch((err) => console.error(JSON.stringify({ level: "error", msg: "gateway settlement failed", workspaceId: ctx.workspace.id, error: String(err) })));
  };
  const meter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      controller.enqueue(chunk);
      for (const data of parser.push(decoder.decode(chunk, { stream: true }))) {
        if (data === "[DONE]") continue;
        try {
          streamedText += dialect.foldEvent(JSON.parse(data), acc);
        } catch {
          // not JSON: nothing to meter in it
        }
      }
    },
    flush: finish,
  });
  const reader = upstream.body!.pipeThrough(meter).getReader();
  const out = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        await finish();
        controller.error(err);
      }
    },
    async cancel(reason) {
      // The client went away: stop the upstream and charge what was used so far.
      await reader.cancel(reason).catch(() => {});
      await finish();
    },
  });
  return new Response(out, { status: upstream.status, headers });
}
