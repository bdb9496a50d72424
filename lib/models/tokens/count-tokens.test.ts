import { describe, expect, it } from "vitest";
import { countMessagesTokens, countTokens, truncateToTokens } from "./count-tokens";

describe("countTokens", () => {
  it("counts with the model's encoding", () => {
    expect(countTokens("hello world", "openai:gpt-4o-mini")).toBe(2);
    expect(countTokens("", "openai:gpt-4o")).toBe(0);
    // The two encodings split non-English text differently: o200k is more compact.
    const text = "Die Rechnung von ACME wurde bezahlt. 請求書は支払われました。";
    expect(countTokens(text, "openai:gpt-4")).toBeGreaterThan(countTokens(text, "openai:gpt-4o"));
    expect(countTokens(text, "anthropic:claude-sonnet-4-5")).toBe(countTokens(text, "openai:gpt-4o"));
  });

  it("counts special-token markers in user text as plain text instead of throwing", () => {
    expect(countTokens("a <|endoftext|> b", "openai:gpt-4o")).toBeGreaterThan(3);
  });

  it("grows with the text", () => {
    const one = countTokens("word ".repeat(100), "sim:fast");
    expect(countTokens("word ".repeat(200), "sim:fast")).toBeGreaterThan(one * 1.8);
  });
});

describe("countMessagesTokens", () => {
  const model = "openai:gpt-4o";

  it("adds per-message overhead to the content", () => {
    const content = countTokens("Be brief.", model) + countTokens("Hi", model);
    const total = countMessagesTokens([{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }], model);
    expect(total).toBe(content + 2 * 3 + 3);
  });

  it("counts tool calls, tool results and tool definitions", () => {
    const base = countMessagesTokens([{ role: "user", content: "Weather?" }], model);
    const withCall = countMessagesTokens(
      [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: [{ type: "tool-call", toolCallId: "c1", toolName: "weather", input: { city: "Paris" } }] },
        {
          role: "tool",
          content: [{ type: "tool-result", toolCallId: "c1", toolName: "weather", output: { type: "json", value: { tempC: 21, sky: "clear" } } }],
        },
      ],
      model,
    );
    expect(withCall).toBeGreaterThan(base + countTokens('{"city":"Paris"}', model) + countTokens('{"tempC":21,"sky":"clear"}', model));
    const withTools = countMessagesTokens([{ role: "user", content: "Weather?" }], model, [
      { name: "weather", description: "Current weather", inputSchema: { type: "object", properties: { city: { type: "string" } } } },
    ]);
    expect(withTools).toBeGreaterThan(base + 10);
  });

  it("reads provider-level prompts (content parts) the same way", () => {
    const high = countMessagesTokens([{ role: "user", content: "Summarise the invoice" }], model);
    const low = countMessagesTokens([{ role: "user", content: [{ type: "text", text: "Summarise the invoice" }] }], model);
    expect(low).toBe(high);
  });
});

describe("truncateToTokens", () => {
  it("keeps a prefix of at most the given tokens", () => {
    const text = "one two three four five six";
    const cut = truncateToTokens(text, 3, "openai:gpt-4o");
    expect(text.startsWith(cut)).toBe(true);
    expect(countTokens(cut, "openai:gpt-4o")).toBe(3);
    expect(truncateToTokens("short", 10, "openai:gpt-4o")).toBe("short");
  });
});
