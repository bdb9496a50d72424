import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { can, PERMISSIONS } from "../../auth/permissions";
import { PROVIDER_ENV, providerEnvCredential } from "../../env";
import { AppError, toErrorBody } from "../../errors";
import { MODEL_TIERS } from "../../graphs/spec/schema";
import { findOutboundBlocked } from "../../net/outbound";
import { getProviderCredentials } from "../../providers/credentials";
import { getModelInfo } from "@/lib/models/model-catalogue";
import { countTokens } from "@/lib/models/tokens";
import type { SpendContext } from "../attribution";
import { consumeRateLimit } from "../consume-rate-limit";
import { findCandidateBudgets } from "../find-candidate-budgets";
import { getPriceOrThrow, type ModelPriceQuote } from "../get-price";
import { costOf, formatUsd, type TokenUsage } from "../money";
import type { BudgetRow, Reservation } from "../reserve-budget";
import { routeModel } from "../route-model";
import { costIdFor, releaseReservation } from "../settle-reservation";
import { exportModelCallSpan } from "../../telemetry/export-model-call-span";
import {
  AGENT_HEADER,
  COST_RESPONSE_HEADER,
  CUSTOMER_HEADER,
  DEFAULT_BASE_URLS,
  GATEWAY_RESERVATION_TTL_MS,
  MAX_GATEWAY_BODY_BYTES,
  MODEL_RESPONSE_HEADER,
  ROUTE_RESPONSE_HEADER,
  ROUTED_MODEL_PREFIX,
  TAGS_HEADER,
} from "./consts";
import { sseParser, type Dialect } from "./dialects";
import { reserveForCall, settleCall } from "./gateway-budget";
import { recordGatewayCharge } from "./ledger-writer";
import { loadGatewayCall, type LoadedGatewayCall } from "./load-gateway-call";
import { postUpstream, type UpstreamResponse } from "./upstream";

/** Output limit reserved for when neither the request nor the catalogue gives one. */
const FALLBACK_MAX_OUTPUT_TOKENS = 4_096;

/** A gateway request, whoever serves it (the Node server in front of Next.js, or a route handler). */
export interface GatewayRequest {
  headers: { get(name: string): string | null };
  /** The raw body. */
  text: string;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A gateway answer: a body that is either whole or a stream relayed as it comes. */
export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string | ReadableStream<Uint8Array>;
}

type Headers = GatewayRequest["headers"];

function attributionOf(ctx: WorkspaceContext, headers: Headers): SpendContext {
  const tags = (headers.get(TAGS_HEADER) ?? "").split(",").map((t) => t.trim().slice(0, 200)).filter(Boolean).slice(0, 20);
  return {
    agent: headers.get(AGENT_HEADER)?.trim().slice(0, 200) || null,
    tags,
    customerKey: headers.get(CUSTOMER_HEADER)?.trim().slice(0, 200) || null,
    apiKeyId: ctx.actor.apiKeyId ?? null,
    ancestors: [],
  };
}

/** `gpt-4o-mini` → `openai:gpt-4o-mini`; `openai-compatible:llama3.1` stays; `switchyard:<tier>` is routed (null here). */
function requestedModel(dialect: Dialect, requested: unknown): { provider: string; model: string } | { tier: (typeof MODEL_TIERS)[number] } {
  if (typeof requested !== "string" || !requested.trim()) {
    throw new AppError("validation_failed", "The request has no model.", [{ path: "model", message: 'is required, e.g. "gpt-4o-mini" or "switchyard:cheap"' }]);
  }
  if (requested.length > 200) throw new AppError("validation_failed", "The model id is too long.", [{ path: "model", message: "must be at most 200 characters" }]);
  if (requested.startsWith(ROUTED_MODEL_PREFIX)) {
    const tier = requested.slice(ROUTED_MODEL_PREFIX.length);
    if (!(MODEL_TIERS as readonly string[]).includes(tier)) {
      throw new AppError("validation_failed", `Unknown tier "${tier}".`, [{ path: "model", message: `must be switchyard:${MODEL_TIERS.join("|switchyard:")}` }]);
    }
    return { tier: tier as (typeof MODEL_TIERS)[number] };
  }
  const colon = requested.indexOf(":");
  const provider = colon > 0 ? requested.slice(0, colon) : null;
  if (provider && dialect.providers.includes(provider)) return { provider, model: requested.slice(colon + 1) };
  return { provider: dialect.providers[0]!, model: requested };
}

function upstreamOf(provider: string, cred: { apiKey?: string; baseUrl?: string } | null | undefined) {
  const env = PROVIDER_ENV[provider as keyof typeof PROVIDER_ENV];
  const server = providerEnvCredential(provider);
  const apiKey = cred?.apiKey || server.apiKey;
  const baseUrl = (cred?.baseUrl || server.baseUrl || DEFAULT_BASE_URLS[provider as keyof typeof DEFAULT_BASE_URLS] || "").replace(/\/+$/, "");
  if (!baseUrl || (!apiKey && provider !== "openai-compatible")) {
    throw new AppError("unavailable", `Provider ${provider} is not configured for this workspace: add its key in Settings → Providers or set ${env?.apiKey ?? "its API key"}.`);
  }
  // A base URL a workspace chose goes through the outbound guard; the server's own is trusted.
  return { apiKey, baseUrl, guarded: !!cred?.baseUrl };
}

/** The documented error answer of a gateway call. */
export function gatewayError(err: unknown): GatewayResponse {
  const { status, body, headers } = toErrorBody(err);
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

/** Deep enough for any tool schema; a hostile body nested deeper would overflow the stack when forwarded. */
const MAX_GATEWAY_JSON_DEPTH = 256;

/** The path of the first value nested deeper than `max` (checked without recursion), or null. */
function pathDeeperThan(value: unknown, max: number): string | null {
  // depth alone first (no strings built for an ordinary body); the path only for a bad one
  const walk = (withPath: boolean): string | null => {
    const stack: [unknown, number, string][] = [[value, 0, ""]];
    while (stack.length) {
      const [v, depth, path] = stack.pop()!;
      if (!v || typeof v !== "object") continue;
      if (depth >= max) return withPath ? path : "";
      const at = (k: string | number) => (withPath ? (typeof k === "number" ? `${path}[${k}]` : path ? `${path}.${k}` : k) : "");
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push([v[i], depth + 1, at(i)]);
      else for (const k in v) stack.push([(v as Record<string, unknown>)[k], depth + 1, at(k)]);
    }
    return null;
  };
  return walk(false) === null ? null : walk(true);
}

/** Whether two objects have the same keys with the same values (compared by identity, one level). */
function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** The Switchyard key of a gateway call: `Authorization: Bearer`, or (Anthropic SDKs) `x-api-key`. */
export function gatewayKeyOf(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth) return /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? "";
  return headers.get("x-api-key");
}

/**
 * The gateway for agents built elsewhere: meters and governs one LLM request in the OpenAI
 * (chat completions, responses, embeddings) or Anthropic messages shape, then forwards it to
 * the real provider.
 *
 * 1. The caller is its Switchyard API key (or, for a route handler, a signed-in session given
 *    as `ctx`); what the call needs (key, budgets, credential, price) is one read.
 * 2. Attribution from `x-switchyard-agent`, `x-switchyard-tags`, `x-switchyard-customer` and
 *    the API key; `model: "switchyard:<tier>"` is routed by policy among configured providers.
 * 3. When a budget applies, the worst case (prompt tokens counted + the request's output limit,
 *    or the model's) is reserved first; refusal is a 402 naming the budget. A reservation whose
 *    holder dies expires after {@link GATEWAY_RESERVATION_TTL_MS} and is released.
 * 4. The request goes upstream with the workspace's (or the environment's) credentials; the
 *    response comes back unchanged — streams byte for byte, with OpenAI chat streams asked to
 *    include usage — and the usage it reports is written to the ledger (group-committed with
 *    concurrent calls) and the reservation settled, before a whole response is answered. A
 *    stream cut short without usage is charged for the prompt and the output seen so far.
 *
 * @example
 * const out = await proxyLlmCall(OPENAI_DIALECT, { headers, text, signal });
 */
export async function proxyLlmCall(dialect: Dialect, req: GatewayRequest, session?: WorkspaceContext): Promise<GatewayResponse> {
  try {
    return await proxy(dialect, req, session);
  } catch (err) {
    return gatewayError(err);
  }
}

async function proxy(dialect: Dialect, req: GatewayRequest, session?: WorkspaceContext): Promise<GatewayResponse> {
  if (Buffer.byteLength(req.text) > MAX_GATEWAY_BODY_BYTES) throw new AppError("payload_too_large", `The request body is larger than ${MAX_GATEWAY_BODY_BYTES} bytes.`);
  const key = session ? null : gatewayKeyOf(req.headers);
  if (!session && !key) throw new AppError("unauthorized", "Send a Switchyard API key as `Authorization: Bearer <key>` (or `x-api-key`).");
  // The body is read before the caller is known (the model decides what to load), but a caller
  // who is not allowed hears only that, whatever the body.
  let body: Record<string, any> = {};
  let wanted: ReturnType<typeof requestedModel> | null = null;
  let invalid: unknown = null;
  try {
    try {
      body = JSON.parse(req.text);
    } catch (err) {
      throw new AppError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("validation_failed", "The request body must be a JSON object.", [{ path: "", message: "must be an object" }]);
    const tooDeep = pathDeeperThan(body, MAX_GATEWAY_JSON_DEPTH);
    if (tooDeep) throw new AppError("validation_failed", `The request nests more than ${MAX_GATEWAY_JSON_DEPTH} levels deep.`, [{ path: tooDeep, message: `is nested more than ${MAX_GATEWAY_JSON_DEPTH} levels deep` }]);
    wanted = requestedModel(dialect, body.model);
  } catch (err) {
    invalid = err;
  }
  const direct = wanted && "provider" in wanted ? wanted : null;

  // One read: the key, its workspace, budgets, the credential and the price (of a concrete model).
  // A session's call (a route handler's) reads them one by one below.
  const loaded: LoadedGatewayCall | null = session ? null : await loadGatewayCall(key!, direct?.provider ?? dialect.providers[0]!, direct?.model ?? null, req.headers);
  if (!session && !loaded) throw new AppError("unauthorized", "The API key is missing, malformed, revoked or expired.");
  const ctx = session ?? loaded!.ctx;
  if (!can(ctx.role, "llm:proxy")) {
    throw new AppError("forbidden", `Your role (${ctx.role}) may not do this (llm:proxy); it needs one of: ${(PERMISSIONS["llm:proxy"] as readonly string[]).join(", ")}.`);
  }
  if (invalid) throw invalid;
  dialect.validate(body);

  let modelId: string;
  let route: string | null = null;
  let price = loaded?.price ?? null;
  let credential = loaded ? loaded.credential : undefined;
  const spend = attributionOf(ctx, req.headers);
  const budgets = loaded?.budgets ?? ((await findCandidateBudgets(ctx, spend)) as BudgetRow[]);
  if (direct) modelId = `${direct.provider}:${direct.model}`;
  else {
    const decision = await routeModel(ctx, { tier: (wanted as { tier: (typeof MODEL_TIERS)[number] }).tier }, { providers: dialect.providers });
    modelId = decision.modelId;
    route = decision.reason;
    price = null;
    credential = undefined;
  }
  const provider = modelId.slice(0, modelId.indexOf(":"));
  const upstreamModel = modelId.slice(provider.length + 1);
  if (credential === undefined) credential = (await getProviderCredentials(ctx))[provider as keyof Awaited<ReturnType<typeof getProviderCredentials>>] ?? null;

  let reservation: Reservation;
  // Counted only when something needs it (a budget, a rate limit, a reply without usage): a long
  // conversation costs milliseconds to tokenize.
  let counted: number | undefined;
  const promptTokens = () => (counted ??= countTokens(dialect.promptText(body), modelId));
  try {
    if (!price) price = await getPriceOrThrow(ctx, modelId);
    const quote = price;
    const maxOutput = dialect.maxOutputTokens(body) ?? getModelInfo(modelId)?.maxOutputTokens ?? FALLBACK_MAX_OUTPUT_TOKENS;
    // Prompts are counted with OpenAI's tokenizers: pad for providers that count differently.
    const worstCase = () => costOf({ inputTokens: Math.ceil(promptTokens() * 1.1) + 16, outputTokens: maxOutput }, quote);
    if (quote.requestsPerMinute != null || quote.tokensPerMinute != null) await consumeRateLimit(ctx, modelId, promptTokens() + maxOutput, quote);
    reservation = await reserveForCall(ctx, spend, worstCase, budgets, GATEWAY_RESERVATION_TTL_MS);
  } catch (err) {
    if ((err as { code?: string }).code === "rate_limited") {
      return {
        status: 429,
        headers: { "content-type": "application/json", "retry-after": String(Math.ceil(((err as { retryAfterMs?: number }).retryAfterMs ?? 60_000) / 1000)) },
        body: JSON.stringify({ error: { message: (err as Error).message, type: "rate_limit_exceeded", code: "rate_limited" } }),
      };
    }
    throw err;
  }
  const prices: ModelPriceQuote = price;

  const startedAt = Date.now();
  const settle = async (usage: TokenUsage, ok: boolean) => {
    const cost = costOf(usage, prices);
    const charge = { attribution: spend, modelId, usage, prices, costUsd: cost, success: ok };
    // No budget holds money for this call: the charge joins the ledger's group commit.
    let ledger: { id: string; recorded: boolean };
    if (!reservation.id) ledger = await recordGatewayCharge(ctx, charge);
    else {
      await settleCall(ctx, { ...reservation, id: reservation.id }, charge);
      ledger = { id: costIdFor(reservation.id), recorded: true };
    }
    // a GenAI span of its own (lib/telemetry; nothing when the export is off)
    if (ledger.recorded) {
      const budgetIds = reservation.windows.map((w) => w.budgetId);
      exportModelCallSpan(ctx, { ledgerId: ledger.id, attribution: spend, modelId, usage, costUsd: cost, budgetIds, ok, end: new Date(), durationMs: Date.now() - startedAt });
    }
    return cost;
  };

  let upstream: UpstreamResponse;
  try {
    const { apiKey, baseUrl, guarded } = upstreamOf(provider, credential);
    const prepared = dialect.prepare(body, upstreamModel);
    // a request the gateway has nothing to change in goes upstream as the client sent it
    const forwarded = sameFields(prepared, body) ? req.text : JSON.stringify(prepared);
    upstream = await postUpstream(`${baseUrl}${dialect.path}`, dialect.upstreamHeaders(apiKey, req.headers), forwarded, {
      signal: req.signal,
      guarded,
    });
  } catch (err) {
    await settle({ inputTokens: 0, outputTokens: 0 }, false).catch(() => releaseReservation(ctx, reservation));
    if (err instanceof AppError) throw err;
    const blocked = findOutboundBlocked(err);
    if (blocked) throw new AppError("outbound_blocked", `The provider's base URL was refused: ${blocked.message}`, [{ path: `providers.${provider}.baseUrl`, message: blocked.message }]);
    console.warn(JSON.stringify({ level: "warn", msg: "gateway upstream failed", workspaceId: ctx.workspace.id, modelId, error: (err as Error).name }));
    return { status: 502, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: { message: `The provider could not be reached (${(err as Error).name}).`, type: "upstream_error", code: "bad_gateway" } }) };
  }

  const headers: Record<string, string> = { "content-type": upstream.header("content-type") ?? "application/json", [MODEL_RESPONSE_HEADER]: modelId };
  if (route) headers[ROUTE_RESPONSE_HEADER] = encodeURIComponent(route);
  for (const h of ["x-request-id", "request-id", "retry-after"]) {
    const v = upstream.header(h);
    if (v) headers[h] = v;
  }

  const isStream = !!body.stream && upstream.ok && (upstream.header("content-type") ?? "").includes("text/event-stream");
  if (!isStream) {
    const payload = await upstream.text();
    let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    if (upstream.ok) {
      try {
        usage = dialect.usageFromJson(JSON.parse(payload)) ?? { inputTokens: promptTokens(), outputTokens: 0 };
      } catch {
        usage = { inputTokens: promptTokens(), outputTokens: 0 };
      }
    }
    const cost = await settle(usage, upstream.ok);
    headers[COST_RESPONSE_HEADER] = formatUsd(cost);
    return { status: upstream.status, headers, body: payload };
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
    const usage = acc.seen ? acc : { inputTokens: promptTokens(), outputTokens: countTokens(streamedText, modelId), cachedTokens: 0 };
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
  const reader = upstream.stream().pipeThrough(meter).getReader();
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
  return { status: upstream.status, headers, body: out };
}
