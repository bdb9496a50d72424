import { describe, expect, it } from "vitest";
import { ANTHROPIC_DIALECT, OPENAI_DIALECT, sseParser } from "./dialects";

describe("sseParser", () => {
  it("yields data payloads across chunk boundaries and CRLF", () => {
    const p = sseParser();
    expect(p.push('data: {"a":1}\n\nevent: x\r\ndata: {"b"')).toEqual(['{"a":1}']);
    expect(p.push(':2}\r\n\r\ndata: [DONE]\n\n')).toEqual(['{"b":2}', "[DONE]"]);
  });
});

describe("usage extraction", () => {
  it("reads OpenAI usage with cached tokens, and asks streams to report it", () => {
    expect(OPENAI_DIALECT.usageFromJson({ usage: { prompt_tokens: 100, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 40 } } })).toEqual({ inputTokens: 100, outputTokens: 20, cachedTokens: 40 });
    expect(OPENAI_DIALECT.prepare({ model: "switchyard:cheap", stream: true }, "gpt-4o-mini")).toEqual({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true } });
  });

  it("folds Anthropic stream usage: input at message_start, cumulative output at message_delta", () => {
    const acc = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, seen: false };
    ANTHROPIC_DIALECT.foldEvent({ type: "message_start", message: { usage: { input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 1 } } }, acc);
    expect(ANTHROPIC_DIALECT.foldEvent({ type: "content_block_delta", delta: { type: "text_delta", text: "Hi" } }, acc)).toBe("Hi");
    ANTHROPIC_DIALECT.foldEvent({ type: "message_delta", usage: { output_tokens: 42 } }, acc);
    expect(acc).toEqual({ inputTokens: 100, outputTokens: 42, cachedTokens: 90, seen: true });
  });
});
