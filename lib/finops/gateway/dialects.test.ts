import { describe, expect, it } from "vitest";
import { ANTHROPIC_DIALECT, OPENAI_DIALECT, OPENAI_EMBEDDINGS_DIALECT, OPENAI_RESPONSES_DIALECT, sseParser } from "./dialects";

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

  it("reads Responses usage from the response and from a stream's completed event", () => {
    const usage = { input_tokens: 300, output_tokens: 50, input_tokens_details: { cached_tokens: 100 } };
    expect(OPENAI_RESPONSES_DIALECT.usageFromJson({ usage })).toEqual({ inputTokens: 300, outputTokens: 50, cachedTokens: 100 });
    const acc = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, seen: false };
    expect(OPENAI_RESPONSES_DIALECT.foldEvent({ type: "response.output_text.delta", delta: "Appro" }, acc)).toBe("Appro");
    expect(acc.seen).toBe(false);
    OPENAI_RESPONSES_DIALECT.foldEvent({ type: "response.completed", response: { usage } }, acc);
    expect(acc).toEqual({ inputTokens: 300, outputTokens: 50, cachedTokens: 100, seen: true });
    expect(OPENAI_RESPONSES_DIALECT.maxOutputTokens({ max_output_tokens: 64 })).toBe(64);
  });

  it("meters embeddings by input tokens and reserves no output", () => {
    expect(OPENAI_EMBEDDINGS_DIALECT.usageFromJson({ usage: { prompt_tokens: 8, total_tokens: 8 } })).toEqual({ inputTokens: 8, outputTokens: 0, cachedTokens: 0 });
    expect(OPENAI_EMBEDDINGS_DIALECT.maxOutputTokens({})).toBe(0);
    expect(OPENAI_EMBEDDINGS_DIALECT.prepare({ model: "x", input: "a", stream: true }, "text-embedding-3-small")).toEqual({ model: "text-embedding-3-small", input: "a" });
  });
});

describe("validation", () => {
  it("names the field a request lacks", () => {
    expect(() => OPENAI_DIALECT.validate({ model: "gpt-4o-mini" })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: "messages" })] }));
    expect(() => OPENAI_EMBEDDINGS_DIALECT.validate({ input: [] })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: "input" })] }));
    expect(() => OPENAI_RESPONSES_DIALECT.validate({ input: 7 })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: "input" })] }));
    expect(() => OPENAI_RESPONSES_DIALECT.validate({ input: "Approve?" })).not.toThrow();
  });
});
