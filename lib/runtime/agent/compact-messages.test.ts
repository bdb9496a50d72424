import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { countMessagesTokens } from "@/lib/models/tokens";
import { compactMessages, ELIDED_PREFIX } from "./compact-messages";

const MODEL = "openai:gpt-4o";
const bulky = (label: string) => `${label}: ${"row of ledger data 42.00; ".repeat(100)}`; // ~700 tokens

/** user task, then `turns` tool turns each with a bulky result, then a final assistant call. */
function conversation(turns: number): ModelMessage[] {
  const messages: ModelMessage[] = [{ role: "user", content: "Reconcile the ledger." }];
  for (let i = 1; i <= turns; i++) {
    messages.push({ role: "assistant", content: [{ type: "tool-call", toolCallId: `c${i}`, toolName: "fetch", input: { page: i } }] });
    messages.push({ role: "tool", content: [{ type: "tool-result", toolCallId: `c${i}`, toolName: "fetch", output: { type: "text", value: bulky(`page ${i}`) } }] });
  }
  return messages;
}

const resultText = (message: ModelMessage | undefined) =>
  message?.role === "tool" && message.content[0]?.type === "tool-result" ? String((message.content[0].output as { value: unknown }).value) : undefined;

describe("compactMessages", () => {
  it("leaves a conversation that fits untouched", () => {
    const messages = conversation(2);
    const outcome = compactMessages(messages, { modelId: MODEL, limitTokens: 100_000 });
    expect(outcome.compaction).toBeNull();
    expect(outcome.messages).toBe(messages);
  });

  it("elides the oldest tool results first and keeps the latest turn whole", () => {
    const messages = conversation(3);
    const total = countMessagesTokens(messages, MODEL);
    const outcome = compactMessages(messages, { modelId: MODEL, limitTokens: total - 500, system: "Be exact." });

    expect(outcome.compaction).toMatchObject({ elidedToolResults: 1, droppedMessages: 0 });
    expect(resultText(outcome.messages[2])).toMatch(new RegExp(`^\\${ELIDED_PREFIX} \\(\\d+ tokens\\)\\.\\]$`));
    expect(resultText(outcome.messages[4])).toContain("page 2");
    expect(resultText(outcome.messages[6])).toContain("page 3");
    // The tool call itself stays, so the model still knows what it asked.
    expect(outcome.messages[1]).toEqual(messages[1]);
    expect(outcome.compaction!.tokensAfter).toBeLessThanOrEqual(total - 500);
    expect(outcome.compaction!.tokensAfter).toBe(countMessagesTokens([{ role: "system", content: "Be exact." }, ...outcome.messages], MODEL));
    // The input is not mutated.
    expect(resultText(messages[2])).toContain("page 1");
  });

  it("never elides the latest turn's results", () => {
    const messages = conversation(2);
    const outcome = compactMessages(messages, { modelId: MODEL, limitTokens: 10 });
    expect(resultText(outcome.messages.at(-1))).toContain("page 2");
  });

  it("drops the oldest assistant turns with their results when eliding is not enough, keeping the task", () => {
    const messages = conversation(4);
    const outcome = compactMessages(messages, { modelId: MODEL, limitTokens: 900 });

    expect(outcome.messages[0]).toEqual(messages[0]);
    expect(outcome.compaction!.elidedToolResults).toBe(3);
    expect(outcome.compaction!.droppedMessages).toBeGreaterThan(0);
    expect(outcome.compaction!.droppedMessages % 2).toBe(0); // calls and results go in pairs
    expect(outcome.messages.at(-1)).toEqual(messages.at(-1));
    // Every remaining tool result still answers a remaining tool call.
    const callIds = outcome.messages.flatMap((m) => (m.role === "assistant" && Array.isArray(m.content) ? m.content.map((p) => (p as { toolCallId?: string }).toolCallId) : []));
    const resultIds = outcome.messages.flatMap((m) => (m.role === "tool" ? m.content.map((p) => (p as { toolCallId: string }).toolCallId) : []));
    expect(resultIds.every((id) => callIds.includes(id))).toBe(true);
  });

  it("counts tool definitions against the limit", () => {
    const messages = conversation(1);
    const tools = [{ name: "fetch", description: "x".repeat(4000), inputSchema: { type: "object" } }];
    const withoutTools = countMessagesTokens(messages, MODEL);
    expect(compactMessages(messages, { modelId: MODEL, limitTokens: withoutTools + 10 }).compaction).toBeNull();
    expect(compactMessages(messages, { modelId: MODEL, limitTokens: withoutTools + 10, tools }).compaction).not.toBeNull();
  });
});
