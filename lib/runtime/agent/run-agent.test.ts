/**
 * runAgent with the simulated provider: no network, so these run as unit tests. The HTTP
 * paths (OpenAI, Anthropic, OpenAI-compatible) are in run-agent.integration.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { runAgent } from "./run-agent";
import type { AfterModelCallEvent } from "./types";

describe("runAgent (simulated provider)", () => {
  it("is reproducible and labels everything as simulated", async () => {
    const after: AfterModelCallEvent[] = [];
    const options = { modelId: "sim:balanced", instructions: "Be helpful.", prompt: "Summarise the supplier onboarding policy", afterModelCall: async (e: AfterModelCallEvent) => void after.push(e) };
    const first = await runAgent(options);
    const second = await runAgent(options);
    expect(second.text).toBe(first.text);
    expect(second.usage).toEqual(first.usage);
    expect(first).toMatchObject({ simulated: true, turns: 1, modelId: "sim:balanced", finishReason: "stop" });
    expect(after.every((e) => e.simulated && e.ok && e.usage.inputTokens > 0)).toBe(true);
  });

  it("maps provider-safe tool names back to the names the caller gave", async () => {
    const execute = vi.fn(async () => ({ account: "Globex" }));
    const result = await runAgent({
      modelId: "sim:fast",
      prompt: "Use mcp_crm_find for the customer.",
      tools: [{ name: "mcp:crm/find", description: "Finds a CRM record", inputSchema: { type: "object", properties: { query: { type: "string" } } }, execute }],
    });
    expect(execute).toHaveBeenCalledOnce();
    expect(result.toolCalls.map((c) => c.name)).toEqual(["mcp:crm/find"]);
    expect(result.text).toContain("Globex");
  });

  it("rejects bad limits and schemas before calling the model", async () => {
    const beforeModelCall = vi.fn();
    await expect(runAgent({ modelId: "sim:fast", prompt: "x", maxTurns: 0, beforeModelCall })).rejects.toThrow(/maxTurns must be a positive integer/);
    await expect(runAgent({ modelId: "sim:fast", prompt: "x", outputSchema: { type: "banana" }, beforeModelCall })).rejects.toThrow(/output schema cannot be used/);
    expect(beforeModelCall).not.toHaveBeenCalled();
  });

  it("tells the budget hook the output limit it sends, defaulting to the model's capped limit", async () => {
    const beforeModelCall = vi.fn();
    await runAgent({ modelId: "sim:fast", prompt: "Hello", beforeModelCall });
    await runAgent({ modelId: "sim:strong", prompt: "Hello", maxOutputTokens: 99, beforeModelCall });
    expect(beforeModelCall.mock.calls.map(([e]) => e.maxOutputTokens)).toEqual([4_096, 99]);
  });
});
