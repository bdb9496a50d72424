/**
 * A real HTTP server on 127.0.0.1 that speaks the Anthropic Messages API (`POST /v1/messages`,
 * non-streaming and SSE streaming) in the shapes `@ai-sdk/anthropic` parses. Same scripting
 * API as the OpenAI stub: enqueue replies, inspect `requests`.
 *
 * Usage follows Anthropic's accounting: the reply's `inputTokens` is split into
 * `input_tokens` (uncached) and `cache_read_input_tokens` (`cachedTokens`), which the AI SDK
 * adds back up — so the SDK reports exactly the numbers enqueued.
 *
 * Structured output: when the request declares the AI SDK's `json` response tool (models
 * without native structured output), a `{ json }` reply is sent as a call of that tool;
 * otherwise as text.
 *
 * @example
 * const stub = await startAnthropicStub();
 * stub.enqueue({ text: "Hello from Claude (stub)" });
 * const model = createAnthropic({ baseURL: stub.url, apiKey: "test" })("claude-sonnet-4-5");
 * await stub.close();
 */
import type { ServerResponse } from "node:http";
import {
  DEFAULT_STUB_USAGE,
  chunksOf,
  sendJson,
  startSse,
  startStubServer,
  textOf,
  toolCallsOf,
  usageOf,
  type ApiStub,
  type ContentReply,
  type RecordedRequest,
  type StubOptions,
  type StubUsage,
} from "./openai-stub";

export type { ApiStub, RecordedRequest, StubReply, StubToolCall, StubUsage } from "./openai-stub";

/**
 * Starts an Anthropic API stub on a random port of 127.0.0.1. `url` ends in `/v1`, as the
 * Anthropic provider's `baseURL` expects.
 *
 * @example
 * const stub = await startAnthropicStub({ usage: { inputTokens: 50, outputTokens: 9 } });
 */
export function startAnthropicStub(options: StubOptions = {}): Promise<ApiStub> {
  const defaults = { ...DEFAULT_STUB_USAGE, ...options.usage };
  return startStubServer({
    routes: { "/v1/messages": (reply, request, res, n) => writeMessage(reply, request, res, n, defaults) },
    errorBody: (status, message) => ({
      type: "error",
      error: {
        type: status === 429 ? "rate_limit_error" : status === 529 ? "overloaded_error" : status >= 500 ? "api_error" : "invalid_request_error",
        message: message ?? (status === 429 ? "Rate limited (stub)." : `Stub error ${status}.`),
      },
    }),
  });
}

type Block = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown };

function writeMessage(reply: ContentReply, request: RecordedRequest, res: ServerResponse, n: number, defaults: StubUsage): void {
  const usage = usageOf(reply, defaults);
  const blocks: Block[] = [];
  const usesJsonTool = "json" in reply && (request.body?.tools ?? []).some((tool: { name?: string }) => tool.name === "json");
  if (usesJsonTool) {
    blocks.push({ type: "tool_use", id: `toolu_stub_${n}_json`, name: "json", input: (reply as { json: unknown }).json });
  } else {
    const text = textOf(reply);
    if (text) blocks.push({ type: "text", text });
    for (const call of toolCallsOf(reply, n, "toolu_stub_")) blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.args });
  }
  const truncated = "finishReason" in reply && reply.finishReason === "length";
  const stopReason = truncated ? "max_tokens" : blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
  const message = { id: `msg_stub_${n}`, type: "message", role: "assistant", model: String(request.body?.model ?? "stub") };
  const inputUsage = {
    input_tokens: usage.inputTokens - usage.cachedTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedTokens,
  };
  if (!request.stream) {
    return sendJson(res, 200, {
      ...message,
      content: blocks,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { ...inputUsage, output_tokens: usage.outputTokens },
    });
  }

  const sse = startSse(res);
  const event = (data: { type: string } & Record<string, unknown>) => sse.event(data, data.type);
  event({ type: "message_start", message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...inputUsage, output_tokens: 1 } } });
  blocks.forEach((block, index) => {
    if (block.type === "text") {
      event({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      for (const text of chunksOf(block.text)) event({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
    } else {
      event({ type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      event({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
    }
    event({ type: "content_block_stop", index });
  });
  event({ type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.outputTokens } });
  event({ type: "message_stop" });
  sse.end();
}
