/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI API well enough for the AI SDK
 * (`@ai-sdk/openai` Responses and Chat Completions, `@ai-sdk/openai-compatible`): tests script
 * its replies and inspect the requests it received, so model calls go over a real socket
 * through the real provider code — nothing is mocked.
 *
 * Endpoints: `POST /v1/responses` and `POST /v1/chat/completions`, each non-streaming and
 * streaming (SSE, when the request says `stream: true`), in the shapes the AI SDK parses; and
 * `POST /v1/embeddings` (one vector per input, usage in prompt tokens; a reply's text is ignored).
 *
 * Replies are served in the order they were enqueued, whichever endpoint is called. When the
 * queue is empty the stub answers 500 with a message saying so, which makes a test that
 * forgot a reply fail loudly.
 *
 * @example
 * const stub = await startOpenAIStub();
 * stub.enqueue({ toolCalls: [{ name: "lookup", args: { id: 7 } }] }, { text: "Done." });
 * // Point the product at it through workspace credentials (or OPENAI_BASE_URL/OPENAI_API_KEY):
 * await runAgent({ modelId: "openai:gpt-4o-mini", credentials: { openai: { apiKey: "test", baseUrl: stub.url } }, prompt, tools });
 * // OpenAI-compatible servers: credentials { "openai-compatible": { baseUrl: stub.url } }
 * expect(stub.requests[1]!.body.input).toContainEqual(expect.objectContaining({ type: "function_call_output" }));
 * await stub.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Token usage a reply reports. `inputTokens` includes `cachedTokens`, as OpenAI counts. */
export interface StubUsage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
}

/** Options every reply accepts. */
interface ReplyOptions {
  /** Overrides the stub's default usage for this reply. */
  usage?: Partial<StubUsage>;
  /** Waits this long before answering (timeouts, cancellation). */
  delayMs?: number;
}

/** A tool call the model "makes". `id` defaults to a unique `call_…`. */
export interface StubToolCall {
  name: string;
  args: unknown;
  id?: string;
}

/**
 * One scripted reply:
 * - `{ text }` — an assistant message (`finishReason: "length"` to simulate truncation);
 * - `{ toolCalls }` — function calls (with optional preceding `text`);
 * - `{ json }` — an assistant message whose text is the JSON of the value (structured output);
 * - `{ status, body?, headers? }` — an HTTP error (default body in the provider's error shape);
 * - `{ disconnect: true }` — the socket is destroyed without an answer (a network failure).
 */
export type StubReply =
  | ({ text: string; finishReason?: "stop" | "length" } & ReplyOptions)
  | ({ toolCalls: StubToolCall[]; text?: string } & ReplyOptions)
  | ({ json: unknown } & ReplyOptions)
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { disconnect: true; delayMs?: number };

/** A request the stub received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/responses`. */
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (`undefined` when empty or not JSON); `any` so tests can read provider fields. */
  body: any;
  /** True when the request asked for SSE (`stream: true`). */
  stream: boolean;
}

/** A running stub. */
export interface ApiStub {
  /** Base URL to configure the provider with, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  /** Adds replies to the queue, served in order. */
  enqueue(...replies: StubReply[]): void;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Replies still queued. */
  pending(): number;
  /** Clears the queue and the recorded requests (between tests sharing one stub). */
  reset(): void;
  close(): Promise<void>;
}

/** Options for {@link startOpenAIStub}. */
export interface StubOptions {
  /** Usage reported by replies that do not set their own; default 11 in / 7 out / 0 cached. */
  usage?: Partial<StubUsage>;
}

/** The usage replies report unless told otherwise. */
export const DEFAULT_STUB_USAGE: StubUsage = { inputTokens: 11, outputTokens: 7, cachedTokens: 0 };

/**
 * Starts an OpenAI API stub on a random port of 127.0.0.1.
 *
 * @example
 * const stub = await startOpenAIStub({ usage: { inputTokens: 120, outputTokens: 30 } });
 * stub.enqueue({ text: "Hello" });
 * await generateText({ model: createOpenAI({ baseURL: stub.url, apiKey: "k" }).chat("gpt-4o-mini"), prompt: "Hi" });
 * stub.requests[0]!.path; // "/v1/chat/completions"
 */
export function startOpenAIStub(options: StubOptions = {}): Promise<ApiStub> {
  const defaults = { ...DEFAULT_STUB_USAGE, ...options.usage };
  return startStubServer({
    routes: {
      "/v1/responses": (reply, request, res, n) => writeResponses(reply, request, res, n, defaults),
      "/v1/chat/completions": (reply, request, res, n) => writeChatCompletion(reply, request, res, n, defaults),
      "/v1/embeddings": (reply, request, res) => writeEmbeddings(reply, request, res, defaults),
    },
    errorBody: (status, message) => ({
      error: {
        message:
          message ?? (status === 429 ? "Rate limit reached for requests (stub)." : `The server had an error processing the request (stub ${status}).`),
        type: status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error",
        param: null,
        code: null,
      },
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Shared server core (also used by the Anthropic stub)
// ---------------------------------------------------------------------------------------------

/** A reply that produces content (not an error or a disconnect). */
export type ContentReply = Extract<StubReply, { text: string } | { toolCalls: StubToolCall[] } | { json: unknown }>;

/** Writes one content reply for a route; `n` numbers the request (for unique ids). */
export type RouteWriter = (reply: ContentReply, request: RecordedRequest, res: ServerResponse, n: number) => void;

/**
 * Starts a scripted JSON/SSE server. Shared by the provider stubs; not meant for tests directly.
 *
 * @example
 * const stub = await startStubServer({ routes: { "/v1/messages": writeMessage }, errorBody: (status, message) => ({ error: { message } }) });
 */
export async function startStubServer(config: {
  routes: Record<string, RouteWriter>;
  /** An error body in the provider's shape; `message` overrides the default text. */
  errorBody: (status: number, message?: string) => unknown;
}): Promise<ApiStub> {
  const queue: StubReply[] = [];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, config.errorBody(500, `Stub failure: ${String(err)}`));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const path = (req.url ?? "/").split("?")[0]!;
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      headers: req.headers,
      body,
      stream: (body as { stream?: unknown } | undefined)?.stream === true,
    };
    requests.push(request);
    const write = config.routes[path];
    if (req.method !== "POST" || !write) {
      return sendJson(res, 404, config.errorBody(404, `The stub does not serve ${req.method} ${path}.`));
    }
    const reply = queue.shift();
    if (!reply) {
      return sendJson(res, 500, config.errorBody(500, `The stub's reply queue is empty (request ${requests.length} to ${path}): call stub.enqueue(...) first.`));
    }
    if (reply.delayMs) {
      await waitUnlessClosed(reply.delayMs, res);
      // The client gave up (aborted or timed out) while the reply was delayed.
      if (res.destroyed) return;
    }
    if ("disconnect" in reply) {
      req.socket.destroy();
      return;
    }
    if ("status" in reply) {
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body ?? config.errorBody(reply.status)));
      return;
    }
    write(reply, request, res, requests.length);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    enqueue: (...replies) => void queue.push(...replies),
    requests,
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The usage a reply reports: its own, over the stub's defaults. */
export function usageOf(reply: ContentReply, defaults: StubUsage): StubUsage {
  return { ...defaults, ...reply.usage };
}

/** The text a content reply carries (JSON replies as JSON text). */
export function textOf(reply: ContentReply): string {
  if ("json" in reply) return JSON.stringify(reply.json);
  return reply.text ?? "";
}

/** The tool calls a content reply carries, with ids filled in. */
export function toolCallsOf(reply: ContentReply, n: number, prefix: string): Required<StubToolCall>[] {
  if (!("toolCalls" in reply)) return [];
  return reply.toolCalls.map((call, i) => ({ ...call, id: call.id ?? `${prefix}${n}_${i}` }));
}

/** Splits text into small deltas, as a streaming model would send it. */
export function chunksOf(text: string): string[] {
  return text.match(/.{1,12}/gs) ?? [];
}

/** Starts an SSE response. */
export function startSse(res: ServerResponse): { event: (data: unknown, name?: string) => void; end: (done?: string) => void } {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  return {
    event: (data, name) => res.write(`${name ? `event: ${name}\n` : ""}data: ${JSON.stringify(data)}\n\n`),
    end: (done) => {
      if (done) res.write(`data: ${done}\n\n`);
      res.end();
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function waitUnlessClosed(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once("close", done);
    function done() {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    }
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// ---------------------------------------------------------------------------------------------
// OpenAI Responses API
// ---------------------------------------------------------------------------------------------

function writeResponses(reply: ContentReply, request: RecordedRequest, res: ServerResponse, n: number, defaults: StubUsage): void {
  const usage = usageOf(reply, defaults);
  const text = textOf(reply);
  const calls = toolCallsOf(reply, n, "call_");
  const truncated = "finishReason" in reply && reply.finishReason === "length";
  const created = Math.floor(Date.now() / 1000);
  const id = `resp_stub_${n}`;
  const model = String(request.body?.model ?? "stub");
  const message = {
    type: "message",
    id: `msg_stub_${n}`,
    status: "completed",
    role: "assistant",
    content: [{ type: "output_text", text, annotations: [] }],
  };
  const functionCalls = calls.map((call, i) => ({
    type: "function_call",
    id: `fc_stub_${n}_${i}`,
    call_id: call.id,
    name: call.name,
    arguments: JSON.stringify(call.args),
    status: "completed",
  }));
  const output = [...(text ? [message] : []), ...functionCalls];
  const responseUsage = {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  const response = {
    id,
    object: "response",
    created_at: created,
    status: truncated ? "incomplete" : "completed",
    model,
    output,
    incomplete_details: truncated ? { reason: "max_output_tokens" } : null,
    usage: responseUsage,
  };
  if (!request.stream) return sendJson(res, 200, response);

  const sse = startSse(res);
  let seq = 0;
  const event = (data: Record<string, unknown>) => sse.event({ ...data, sequence_number: seq++ }, data.type as string);
  event({ type: "response.created", response: { ...response, status: "in_progress", output: [], usage: null } });
  output.forEach((item, outputIndex) => {
    if (item.type === "message") {
      event({ type: "response.output_item.added", output_index: outputIndex, item: { ...message, status: "in_progress", content: [] } });
      for (const delta of chunksOf(text)) {
        event({ type: "response.output_text.delta", item_id: message.id, output_index: outputIndex, content_index: 0, delta, logprobs: [] });
      }
      event({ type: "response.output_item.done", output_index: outputIndex, item });
    } else {
      const call = item as (typeof functionCalls)[number];
      event({ type: "response.output_item.added", output_index: outputIndex, item: { ...call, arguments: "", status: "in_progress" } });
      event({ type: "response.function_call_arguments.delta", item_id: call.id, output_index: outputIndex, delta: call.arguments });
      event({ type: "response.function_call_arguments.done", item_id: call.id, output_index: outputIndex, arguments: call.arguments });
      event({ type: "response.output_item.done", output_index: outputIndex, item: call });
    }
  });
  event({ type: truncated ? "response.incomplete" : "response.completed", response });
  sse.end();
}

// ---------------------------------------------------------------------------------------------
// OpenAI Chat Completions API (also what OpenAI-compatible servers speak)
// ---------------------------------------------------------------------------------------------

function writeEmbeddings(reply: ContentReply, request: RecordedRequest, res: ServerResponse, defaults: StubUsage): void {
  const input = request.body?.input;
  const count = Array.isArray(input) ? input.length : 1;
  const usage = usageOf(reply, defaults);
  sendJson(res, 200, {
    object: "list",
    model: String(request.body?.model ?? "stub"),
    data: Array.from({ length: count }, (_, index) => ({ object: "embedding", index, embedding: [0.1 * (index + 1), 0.2, 0.3] })),
    usage: { prompt_tokens: usage.inputTokens, total_tokens: usage.inputTokens },
  });
}

function writeChatCompletion(reply: ContentReply, request: RecordedRequest, res: ServerResponse, n: number, defaults: StubUsage): void {
  const usage = usageOf(reply, defaults);
  const text = textOf(reply);
  const calls = toolCallsOf(reply, n, "call_");
  const finishReason = calls.length > 0 ? "tool_calls" : "finishReason" in reply && reply.finishReason === "length" ? "length" : "stop";
  const base = { id: `chatcmpl-stub-${n}`, created: Math.floor(Date.now() / 1000), model: String(request.body?.model ?? "stub") };
  const chatUsage = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens },
  };
  const toolCalls = calls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: JSON.stringify(call.args) } }));
  if (!request.stream) {
    return sendJson(res, 200, {
      ...base,
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: text || null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
          finish_reason: finishReason,
        },
      ],
      usage: chatUsage,
    });
  }

  const sse = startSse(res);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    sse.event({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] });
  chunk({ role: "assistant", content: "" });
  for (const delta of chunksOf(text)) chunk({ content: delta });
  toolCalls.forEach((call, index) => {
    chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] });
    chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] });
  });
  chunk({}, finishReason);
  sse.event({ ...base, object: "chat.completion.chunk", choices: [], usage: chatUsage });
  sse.end("[DONE]");
}
