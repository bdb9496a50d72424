/**
 * The request/response shapes the gateway speaks: OpenAI chat completions, responses and
 * embeddings, and Anthropic messages. Each dialect knows what a request must hold, where it
 * keeps its model and output limit, how to make the upstream report usage, and where usage
 * sits in a JSON response or in SSE events. Pure, unit-tested in dialects.test.ts.
 */
import { AppError } from "../../errors";
import type { TokenUsage } from "../money";

type Json = Record<string, any>;

export interface Dialect {
  name: "openai" | "openai-responses" | "openai-embeddings" | "anthropic";
  /** Providers whose models this dialect can reach. */
  providers: string[];
  /** Path under the provider base URL. */
  path: string;
  /** Throws a 422 naming the field when the request lacks what the provider needs to answer. */
  validate(body: Json): void;
  /** Output limit the request sets, if any (0 for requests that produce no output tokens). */
  maxOutputTokens(body: Json): number | undefined;
  /** Text whose tokens stand for the prompt (messages, system, tools) in the worst-case estimate. */
  promptText(body: Json): string;
  /** The request forwarded upstream: the concrete model, and usage reporting for streams. */
  prepare(body: Json, upstreamModel: string): Json;
  upstreamHeaders(apiKey: string | undefined, incoming: { get(name: string): string | null }): Record<string, string>;
  usageFromJson(json: Json): TokenUsage | null;
  /** Folds one SSE event's usage into `acc`; returns text it carries (for estimating aborted streams). */
  foldEvent(event: Json, acc: TokenUsage & { seen: boolean }): string;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function requireField(ok: boolean, path: string, message: string, summary: string) {
  if (!ok) throw new AppError("validation_failed", summary, [{ path, message }]);
}

const requireMessages = (b: Json) => requireField(Array.isArray(b.messages), "messages", "must be an array of messages", "The request has no messages.");

export const OPENAI_DIALECT: Dialect = {
  name: "openai",
  providers: ["openai", "openai-compatible"],
  path: "/chat/completions",
  validate: requireMessages,
  maxOutputTokens: (b) => b.max_completion_tokens ?? b.max_tokens ?? undefined,
  promptText: (b) => JSON.stringify([b.messages ?? [], b.tools ?? [], b.response_format ?? null]),
  prepare(body, model) {
    const out: Json = { ...body, model };
    // Without include_usage a stream reports no usage; the final usage chunk has no choices.
    if (body.stream) out.stream_options = { ...(body.stream_options ?? {}), include_usage: true };
    return out;
  },
  upstreamHeaders: (apiKey) => ({ "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) }),
  usageFromJson(json) {
    const u = json?.usage;
    if (!u) return null;
    return { inputTokens: num(u.prompt_tokens), outputTokens: num(u.completion_tokens), cachedTokens: num(u.prompt_tokens_details?.cached_tokens) };
  },
  foldEvent(event, acc) {
    const u = OPENAI_DIALECT.usageFromJson(event);
    if (u) Object.assign(acc, u, { seen: true });
    return (event?.choices ?? []).map((c: Json) => `${c?.delta?.content ?? ""}${JSON.stringify(c?.delta?.tool_calls ?? "")}`).join("");
  },
};

export const ANTHROPIC_DIALECT: Dialect = {
  name: "anthropic",
  providers: ["anthropic"],
  path: "/messages",
  validate: requireMessages,
  maxOutputTokens: (b) => b.max_tokens ?? undefined,
  promptText: (b) => JSON.stringify([b.system ?? "", b.messages ?? [], b.tools ?? []]),
  prepare: (body, model) => ({ ...body, model }),
  upstreamHeaders: (apiKey, incoming) => ({
    "content-type": "application/json",
    "anthropic-version": incoming.get("anthropic-version") ?? "2023-06-01",
    ...(incoming.get("anthropic-beta") ? { "anthropic-beta": incoming.get("anthropic-beta")! } : {}),
    ...(apiKey ? { "x-api-key": apiKey } : {}),
  }),
  usageFromJson(json) {
    const u = json?.usage;
    if (!u) return null;
    // Anthropic's input_tokens exclude cache reads and writes; the ledger's input includes them.
    const cached = num(u.cache_read_input_tokens);
    return { inputTokens: num(u.input_tokens) + cached + num(u.cache_creation_input_tokens), outputTokens: num(u.output_tokens), cachedTokens: cached };
  },
  foldEvent(event, acc) {
    if (event?.type === "message_start" && event.message?.usage) {
      Object.assign(acc, ANTHROPIC_DIALECT.usageFromJson(event.message), { seen: true });
    } else if (event?.type === "message_delta" && event.usage) {
      // output_tokens in message_delta is cumulative
      acc.outputTokens = num(event.usage.output_tokens);
      acc.seen = true;
    }
    return event?.type === "content_block_delta" ? `${event.delta?.text ?? ""}${event.delta?.partial_json ?? ""}` : "";
  },
};

/** OpenAI Responses (`/v1/responses`): usage is in the response, and in a stream's final `response.completed` (or `.incomplete`/`.failed`) event. */
export const OPENAI_RESPONSES_DIALECT: Dialect = {
  name: "openai-responses",
  providers: ["openai", "openai-compatible"],
  path: "/responses",
  validate: (b) =>
    requireField(
      typeof b.input === "string" || Array.isArray(b.input) || typeof b.previous_response_id === "string" || typeof b.prompt === "object",
      "input",
      "must be a string or an array of input items",
      "The request has no input.",
    ),
  maxOutputTokens: (b) => (typeof b.max_output_tokens === "number" ? b.max_output_tokens : undefined),
  promptText: (b) => JSON.stringify([b.instructions ?? "", b.input ?? "", b.tools ?? [], b.text ?? null]),
  prepare: (body, model) => ({ ...body, model }),
  upstreamHeaders: OPENAI_DIALECT.upstreamHeaders,
  usageFromJson(json) {
    const u = json?.usage;
    if (!u) return null;
    return { inputTokens: num(u.input_tokens), outputTokens: num(u.output_tokens), cachedTokens: num(u.input_tokens_details?.cached_tokens) };
  },
  foldEvent(event, acc) {
    if (typeof event?.type === "string" && /^response\.(completed|incomplete|failed)$/.test(event.type)) {
      const u = OPENAI_RESPONSES_DIALECT.usageFromJson(event.response ?? {});
      if (u) Object.assign(acc, u, { seen: true });
    }
    return event?.type === "response.output_text.delta" || event?.type === "response.function_call_arguments.delta" ? String(event.delta ?? "") : "";
  },
};

/** OpenAI embeddings (`/v1/embeddings`): input tokens only, never streamed. */
export const OPENAI_EMBEDDINGS_DIALECT: Dialect = {
  name: "openai-embeddings",
  providers: ["openai", "openai-compatible"],
  path: "/embeddings",
  validate: (b) =>
    requireField(
      (typeof b.input === "string" && b.input.length > 0) || (Array.isArray(b.input) && b.input.length > 0),
      "input",
      "must be a non-empty string, or an array of strings or token arrays",
      "The request has no input to embed.",
    ),
  maxOutputTokens: () => 0,
  promptText: (b) => (typeof b.input === "string" ? b.input : JSON.stringify(b.input ?? "")),
  // a stream flag means nothing to the embeddings API: drop it
  prepare: ({ stream: _stream, ...body }, model) => ({ ...body, model }),
  upstreamHeaders: OPENAI_DIALECT.upstreamHeaders,
  usageFromJson(json) {
    const u = json?.usage;
    if (!u) return null;
    return { inputTokens: num(u.prompt_tokens ?? u.total_tokens), outputTokens: 0, cachedTokens: 0 };
  },
  foldEvent: () => "",
};

/**
 * Splits an SSE byte stream's text into events' `data` payloads, keeping a partial event
 * for the next chunk.
 *
 * @example
 * const p = sseParser(); p.push('data: {"a":1}\n\ndata: [DO'); // ['{"a":1}']
 */
export function sseParser() {
  let buffer = "";
  return {
    push(text: string): string[] {
      buffer += text;
      const out: string[] = [];
      let idx: number;
      while ((idx = buffer.search(/\r?\n\r?\n/)) !== -1) {
        const raw = buffer.slice(0, idx);
        buffer = buffer.slice(idx).replace(/^\r?\n\r?\n/, "");
        const data = raw.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, "")).join("\n");
        if (data) out.push(data);
      }
      return out;
    },
  };
}
