/**
 * The stubs speak each API in shapes the real AI SDK providers parse: text, tool calls, usage
 * and errors, streaming and not. Other suites rely on this, so it is checked here once.
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, type LanguageModelV3 } from "@ai-sdk/provider";
import { generateText, jsonSchema, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAnthropicStub } from "./anthropic-stub";
import { startOpenAIStub, type ApiStub } from "./openai-stub";

const weather = {
  weather: tool({ description: "Weather for a city", inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }) }),
};

async function streamed(model: LanguageModelV3, tools?: typeof weather) {
  const result = streamText({ model, prompt: "Hi", tools, maxRetries: 0 });
  let text = "";
  for await (const delta of result.textStream) text += delta;
  return { text, toolCalls: await result.toolCalls, usage: await result.usage, finishReason: await result.finishReason };
}

const apis: Array<{ name: string; start: () => Promise<ApiStub>; model: (url: string) => LanguageModelV3; path: string }> = [
  { name: "OpenAI Responses", start: startOpenAIStub, model: (url) => createOpenAI({ baseURL: url, apiKey: "k" }).responses("gpt-4o-mini"), path: "/v1/responses" },
  { name: "OpenAI Chat Completions", start: startOpenAIStub, model: (url) => createOpenAI({ baseURL: url, apiKey: "k" }).chat("gpt-4o-mini"), path: "/v1/chat/completions" },
  {
    name: "OpenAI-compatible",
    start: startOpenAIStub,
    model: (url) => createOpenAICompatible({ name: "compat", baseURL: url, includeUsage: true }).chatModel("llama3.1"),
    path: "/v1/chat/completions",
  },
  { name: "Anthropic Messages", start: startAnthropicStub, model: (url) => createAnthropic({ baseURL: url, apiKey: "k" })("claude-sonnet-4-5"), path: "/v1/messages" },
];

describe.each(apis)("$name stub", ({ start, model: makeModel, path }) => {
  let stub: ApiStub;
  let model: LanguageModelV3;
  beforeAll(async () => {
    stub = await start();
    model = makeModel(stub.url);
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  it("answers text with the enqueued usage, and records the request", async () => {
    stub.enqueue({ text: "Hello there", usage: { inputTokens: 42, outputTokens: 5, cachedTokens: 2 } });
    const result = await generateText({ model, prompt: "Say hello", maxOutputTokens: 77, maxRetries: 0 });
    expect(result.text).toBe("Hello there");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toBe(42);
    expect(result.usage.outputTokens).toBe(5);
    expect(result.usage.inputTokenDetails.cacheReadTokens).toBe(2);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]!.path).toBe(path);
    expect(JSON.stringify(stub.requests[0]!.body)).toContain("Say hello");
    expect(JSON.stringify(stub.requests[0]!.body)).toContain("77");
  });

  it("streams text and usage", async () => {
    stub.enqueue({ text: "A longer streamed answer, in several chunks.", usage: { inputTokens: 9, outputTokens: 8 } });
    const result = await streamed(model);
    expect(result.text).toBe("A longer streamed answer, in several chunks.");
    expect(result.usage.inputTokens).toBe(9);
    expect(result.usage.outputTokens).toBe(8);
    expect(stub.requests[0]!.stream).toBe(true);
  });

  it("returns tool calls, streaming and not", async () => {
    stub.enqueue({ toolCalls: [{ name: "weather", args: { city: "Paris" } }] }, { toolCalls: [{ name: "weather", args: { city: "Oslo" } }] });
    const once = await generateText({ model, prompt: "Weather?", tools: weather, maxRetries: 0 });
    expect(once.finishReason).toBe("tool-calls");
    expect(once.toolCalls.map((c) => [c.toolName, c.input])).toEqual([["weather", { city: "Paris" }]]);
    const stream = await streamed(model, weather);
    expect(stream.finishReason).toBe("tool-calls");
    expect(stream.toolCalls.map((c) => [c.toolName, c.input])).toEqual([["weather", { city: "Oslo" }]]);
  });

  it("sends errors in the provider's shape, with the status", async () => {
    stub.enqueue({ status: 429 }, { status: 500 });
    const first = await generateText({ model, prompt: "x", maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(first) && first.statusCode).toBe(429);
    expect(APICallError.isInstance(first) && first.isRetryable).toBe(true);
    const second = await generateText({ model, prompt: "x", maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(second) && second.statusCode).toBe(500);
  });

  it("fails loudly when no reply is queued", async () => {
    const error = await generateText({ model, prompt: "x", maxRetries: 0 }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/queue is empty/);
    expect(stub.pending()).toBe(0);
  });
});
