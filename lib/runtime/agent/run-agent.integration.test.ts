/**
 * runAgent against real HTTP stubs of the OpenAI and Anthropic APIs: the requests go through
 * the real AI SDK providers over a socket, and every assertion is about what went over the
 * wire or what came back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startAnthropicStub } from "@/tests/stubs/anthropic-stub";
import { startOpenAIStub, type ApiStub } from "@/tests/stubs/openai-stub";
import type { ProviderCredentials } from "@/lib/runtime/providers/resolve-language-model";
import { AgentOutputError, ToolLoopError, MaxTurnsError, ModelCallError } from "./errors";
import { ELIDED_PREFIX } from "./compact-messages";
import { runAgent } from "./run-agent";
import type { AfterModelCallEvent, AgentTool, AgentTraceEvent, BeforeModelCallEvent, RunAgentOptions } from "./types";

const INVOICE_SCHEMA = {
  type: "object",
  properties: {
    supplier: { type: "string" },
    total: { type: "number", minimum: 0 },
    status: { enum: ["paid", "open"] },
  },
  required: ["supplier", "total", "status"],
  additionalProperties: false,
};

function lookupTool(execute: AgentTool["execute"] = async (args) => ({ vendor: "ACME Corp", args })): AgentTool & { execute: ReturnType<typeof vi.fn> } {
  return {
    name: "lookup_vendor",
    description: "Finds a vendor by id",
    inputSchema: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] },
    execute: vi.fn(execute),
  };
}

/** Hooks that record every call. */
function recordingHooks() {
  const before: BeforeModelCallEvent[] = [];
  const after: AfterModelCallEvent[] = [];
  const traces: AgentTraceEvent[] = [];
  return {
    before,
    after,
    traces,
    options: {
      beforeModelCall: async (event: BeforeModelCallEvent) => void before.push(event),
      afterModelCall: async (event: AfterModelCallEvent) => void after.push(event),
      onTrace: (event: AgentTraceEvent) => void traces.push(event),
    } satisfies Partial<RunAgentOptions>,
  };
}

describe("runAgent with OpenAI (Responses API stub)", () => {
  let stub: ApiStub;
  let credentials: ProviderCredentials;
  const base = () => ({ modelId: "openai:gpt-4o-mini", credentials, instructions: "You are a careful clerk.", prompt: "Check invoice 7." });

  beforeAll(async () => {
    stub = await startOpenAIStub();
    credentials = { openai: { apiKey: "sk-test", baseUrl: stub.url } };
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  it("returns plain text with the provider's usage and sends instructions, prompt and output limit", async () => {
    stub.enqueue({ text: "Invoice 7 looks fine.", usage: { inputTokens: 31, outputTokens: 6, cachedTokens: 4 } });
    const result = await runAgent({ ...base(), maxOutputTokens: 321, temperature: 0.2 });

    expect(result.output).toBe("Invoice 7 looks fine.");
    expect(result.text).toBe("Invoice 7 looks fine.");
    expect(result.usage).toEqual({ inputTokens: 31, outputTokens: 6, cachedTokens: 4, totalTokens: 37 });
    expect(result.turns).toBe(1);
    expect(result.simulated).toBe(false);
    const [request] = stub.requests;
    expect(request!.path).toBe("/v1/responses");
    expect(request!.headers.authorization).toBe("Bearer sk-test");
    expect(request!.body.max_output_tokens).toBe(321);
    expect(request!.body.temperature).toBe(0.2);
    expect(request!.body.store).toBe(false);
    expect(JSON.stringify(request!.body.input)).toContain("You are a careful clerk.");
    expect(JSON.stringify(request!.body.input)).toContain("Check invoice 7.");
  });

  it("runs a multi-turn tool loop and feeds tool results back to the model", async () => {
    const tool = lookupTool();
    const hooks = recordingHooks();
    stub.enqueue({ toolCalls: [{ name: "lookup_vendor", args: { id: 7 }, id: "call_a" }] }, { text: "The vendor is ACME Corp." });

    const result = await runAgent({ ...base(), tools: [tool], ...hooks.options });

    expect(result.output).toBe("The vendor is ACME Corp.");
    expect(tool.execute).toHaveBeenCalledOnce();
    expect(tool.execute.mock.calls[0]![0]).toEqual({ id: 7 });
    expect(result.toolCalls).toEqual([
      { name: "lookup_vendor", args: { id: 7 }, turn: 1, result: { vendor: "ACME Corp", args: { id: 7 } }, startedAt: expect.any(Date), durationMs: expect.any(Number), toolCallId: "call_a" },
    ]);
    expect(result.turns).toBe(2);
    // The tool was offered with its schema, and its result went back in the second request.
    expect(stub.requests[0]!.body.tools[0]).toMatchObject({ type: "function", name: "lookup_vendor", parameters: tool.inputSchema });
    const output = stub.requests[1]!.body.input.find((item: { type?: string }) => item.type === "function_call_output");
    expect(output).toMatchObject({ call_id: "call_a" });
    expect(output.output).toContain("ACME Corp");
    expect(hooks.traces.map((t) => t.type)).toEqual(["tool.called", "tool.succeeded"]);
  });

  it("shows a failing tool's error to the model and records it", async () => {
    const tool = lookupTool(async () => {
      throw new Error("vendor service unavailable");
    });
    stub.enqueue({ toolCalls: [{ name: "lookup_vendor", args: { id: 1 } }] }, { text: "I could not look the vendor up." });

    const result = await runAgent({ ...base(), tools: [tool] });

    expect(result.toolCalls[0]).toMatchObject({ name: "lookup_vendor", error: "vendor service unavailable" });
    expect(JSON.stringify(stub.requests[1]!.body.input)).toContain("vendor service unavailable");
    expect(result.output).toBe("I could not look the vendor up.");
  });

  it("rejects tool arguments that do not match the tool's schema without running it", async () => {
    const tool = lookupTool();
    stub.enqueue({ toolCalls: [{ name: "lookup_vendor", args: { id: "seven" } }] }, { text: "Sorry." });

    const result = await runAgent({ ...base(), tools: [tool] });

    expect(tool.execute).not.toHaveBeenCalled();
    expect(result.toolCalls[0]!.error).toMatch(/Invalid arguments for lookup_vendor: id/);
    expect(JSON.stringify(stub.requests[1]!.body.input)).toContain("Invalid arguments for lookup_vendor");
  });

  it("returns structured output that is valid the first time, asking for the schema non-strictly", async () => {
    stub.enqueue({ json: { supplier: "ACME Corp", total: 120.5, status: "paid" } });
    const result = await runAgent({ ...base(), outputSchema: INVOICE_SCHEMA });

    expect(result.output).toEqual({ supplier: "ACME Corp", total: 120.5, status: "paid" });
    expect(result.repaired).toBe(false);
    expect(stub.requests[0]!.body.text.format).toMatchObject({ type: "json_schema", strict: false, schema: { required: ["supplier", "total", "status"] } });
  });

  it("repairs invalid structured output once by sending the validation errors back", async () => {
    const hooks = recordingHooks();
    stub.enqueue({ json: { supplier: "ACME Corp", total: "lots" } }, { json: { supplier: "ACME Corp", total: 120.5, status: "open" } });

    const result = await runAgent({ ...base(), outputSchema: INVOICE_SCHEMA, ...hooks.options });

    expect(result.output).toEqual({ supplier: "ACME Corp", total: 120.5, status: "open" });
    expect(result.repaired).toBe(true);
    expect(result.turns).toBe(2);
    const repairRequest = JSON.stringify(stub.requests[1]!.body.input);
    expect(repairRequest).toContain("does not match the required JSON schema");
    expect(repairRequest).toContain("- total:");
    expect(repairRequest).toContain("- status:");
    // The invalid answer is part of the conversation the model repairs.
    expect(repairRequest).toContain("lots");
    expect(hooks.after.map((e) => [e.turn, e.purpose])).toEqual([
      [1, "turn"],
      [2, "repair"],
    ]);
    expect(hooks.traces.map((t) => t.type)).toEqual(["output.repair"]);
  });

  it("fails with AgentOutputError naming the failing paths when the repair is invalid too", async () => {
    const hooks = recordingHooks();
    stub.enqueue({ json: { supplier: 1, total: 2, status: "paid" } }, { text: "Sorry, here it is: supplier ACME" });

    const error = await runAgent({ ...base(), outputSchema: INVOICE_SCHEMA, ...hooks.options }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AgentOutputError);
    expect((error as AgentOutputError).issues).toEqual([{ path: "(root)", message: expect.stringContaining("not valid JSON") }]);
    expect(hooks.after).toHaveLength(2);
    expect(hooks.traces.map((t) => t.type)).toEqual(["output.repair", "output.invalid"]);
  });

  it("names nested failing paths in AgentOutputError", async () => {
    const schema = { type: "object", properties: { lines: { type: "array", items: { type: "object", properties: { qty: { type: "integer" } }, required: ["qty"] } } }, required: ["lines"] };
    stub.enqueue({ json: { lines: [{ qty: 1 }, { qty: 1.5 }] } }, { json: { lines: [{ qty: 1 }, {}] } });

    const error = (await runAgent({ ...base(), outputSchema: schema }).catch((e: unknown) => e)) as AgentOutputError;

    expect(error).toBeInstanceOf(AgentOutputError);
    expect(error.issues.map((i) => i.path)).toEqual(["lines[1].qty"]);
    expect(error.message).toContain("lines[1].qty");
  });

  it("surfaces a 429 as a retryable ModelCallError with the retry-after delay, and reports the failed call", async () => {
    const hooks = recordingHooks();
    stub.enqueue({ status: 429, headers: { "retry-after": "3" } });

    const error = (await runAgent({ ...base(), ...hooks.options }).catch((e: unknown) => e)) as ModelCallError;

    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3000, modelId: "openai:gpt-4o-mini", code: "model_call_failed" });
    expect(error.message).toContain("HTTP 429");
    expect(stub.requests).toHaveLength(1); // no hidden retries: the caller decides
    expect(hooks.after).toEqual([
      expect.objectContaining({ ok: false, error, finishReason: "error", usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0 }, turn: 1 }),
    ]);
  });

  it("surfaces a 500 as retryable and a 400 as not retryable", async () => {
    stub.enqueue({ status: 500 }, { status: 400 });
    await expect(runAgent(base())).rejects.toMatchObject({ name: "ModelCallError", status: 500, retryable: true });
    await expect(runAgent(base())).rejects.toMatchObject({ name: "ModelCallError", status: 400, retryable: false });
  });

  it("surfaces a dropped connection as a retryable ModelCallError without a status", async () => {
    stub.enqueue({ disconnect: true });
    const error = (await runAgent(base()).catch((e: unknown) => e)) as ModelCallError;
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error.status).toBeUndefined();
    expect(error.retryable).toBe(true);
  });

  it("stops when the caller aborts, reporting the call as failed but not as a provider error", async () => {
    const hooks = recordingHooks();
    stub.enqueue({ text: "too late", delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await runAgent({ ...base(), abortSignal: controller.signal, ...hooks.options }).catch((e: unknown) => e);

    expect(error).not.toBeInstanceOf(ModelCallError);
    expect((error as Error).name).toBe("AbortError");
    expect(hooks.after).toEqual([expect.objectContaining({ ok: false, finishReason: "error" })]);
  });

  it("fails with MaxTurnsError when the model is still calling tools after maxTurns calls", async () => {
    const tool = lookupTool();
    stub.enqueue({ toolCalls: [{ name: "lookup_vendor", args: { id: 1 } }] }, { toolCalls: [{ name: "lookup_vendor", args: { id: 2 } }] }, { text: "never sent" });

    const error = await runAgent({ ...base(), tools: [tool], maxTurns: 2 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MaxTurnsError);
    expect((error as MaxTurnsError).message).toContain("2 turns");
    expect(stub.requests).toHaveLength(2);
    expect(stub.pending()).toBe(1);
  });

  it("stops with ToolLoopError on the third identical tool call, without running it", async () => {
    const tool = lookupTool();
    const hooks = recordingHooks();
    const same = { toolCalls: [{ name: "lookup_vendor", args: { id: 7 } }] };
    stub.enqueue(same, same, same, { text: "never sent" });

    const error = (await runAgent({ ...base(), tools: [tool], ...hooks.options }).catch((e: unknown) => e)) as ToolLoopError;

    expect(error).toBeInstanceOf(ToolLoopError);
    expect(error).toMatchObject({ toolName: "lookup_vendor", args: { id: 7 }, count: 3, code: "tool_loop" });
    expect(tool.execute).toHaveBeenCalledTimes(2);
    expect(stub.requests).toHaveLength(3);
    // The third call was made and paid for: it is reported.
    expect(hooks.after).toHaveLength(3);
  });

  it("does not count calls with different arguments as a loop", async () => {
    const tool = lookupTool();
    stub.enqueue(
      { toolCalls: [{ name: "lookup_vendor", args: { id: 1 } }] },
      { toolCalls: [{ name: "lookup_vendor", args: { id: 2 } }] },
      { toolCalls: [{ name: "lookup_vendor", args: { id: 3 } }] },
      { text: "done" },
    );
    await expect(runAgent({ ...base(), tools: [tool] })).resolves.toMatchObject({ output: "done", turns: 4 });
  });

  it("calls the hooks once per model call, with the stub's usage numbers", async () => {
    const hooks = recordingHooks();
    stub.enqueue(
      { toolCalls: [{ name: "lookup_vendor", args: { id: 7 } }], usage: { inputTokens: 100, outputTokens: 20, cachedTokens: 0 } },
      { text: "ok", usage: { inputTokens: 150, outputTokens: 5, cachedTokens: 64 } },
    );

    const result = await runAgent({ ...base(), tools: [lookupTool()], maxOutputTokens: 500, ...hooks.options });

    expect(hooks.before).toEqual([
      { modelId: "openai:gpt-4o-mini", estimatedInputTokens: expect.any(Number), maxOutputTokens: 500, turn: 1, purpose: "turn" },
      { modelId: "openai:gpt-4o-mini", estimatedInputTokens: expect.any(Number), maxOutputTokens: 500, turn: 2, purpose: "turn" },
    ]);
    // The second request carries the tool call and result, so it is estimated larger.
    expect(hooks.before[1]!.estimatedInputTokens).toBeGreaterThan(hooks.before[0]!.estimatedInputTokens);
    expect(hooks.before[0]!.estimatedInputTokens).toBeGreaterThan(20);
    expect(hooks.after.map(({ usage, ok, turn, finishReason, simulated }) => ({ usage, ok, turn, finishReason, simulated }))).toEqual([
      { usage: { inputTokens: 100, outputTokens: 20, cachedTokens: 0 }, ok: true, turn: 1, finishReason: "tool-calls", simulated: false },
      { usage: { inputTokens: 150, outputTokens: 5, cachedTokens: 64 }, ok: true, turn: 2, finishReason: "stop", simulated: false },
    ]);
    expect(hooks.after.every((e) => e.durationMs >= 0)).toBe(true);
    expect(result.usage).toEqual({ inputTokens: 250, outputTokens: 25, cachedTokens: 64, totalTokens: 275 });
  });

  it("lets beforeModelCall refuse a call: the error propagates unchanged and nothing is sent", async () => {
    class BudgetExceeded extends Error {}
    const refusal = new BudgetExceeded("run budget exhausted");
    const afterModelCall = vi.fn();
    stub.enqueue({ text: "never sent" });

    const error = await runAgent({ ...base(), beforeModelCall: () => Promise.reject(refusal), afterModelCall }).catch((e: unknown) => e);

    expect(error).toBe(refusal);
    expect(stub.requests).toHaveLength(0);
    expect(afterModelCall).not.toHaveBeenCalled();
  });

  it("lets beforeModelCall stop the run between turns, after the tools of the earlier turn ran", async () => {
    const tool = lookupTool();
    const refusal = new Error("budget");
    stub.enqueue({ toolCalls: [{ name: "lookup_vendor", args: { id: 7 } }] }, { text: "never sent" });

    const error = await runAgent({
      ...base(),
      tools: [tool],
      beforeModelCall: ({ turn }) => (turn === 2 ? Promise.reject(refusal) : Promise.resolve()),
    }).catch((e: unknown) => e);

    expect(error).toBe(refusal);
    expect(tool.execute).toHaveBeenCalledOnce();
    expect(stub.requests).toHaveLength(1);
  });

  it("compacts old tool results when the conversation nears the context window", async () => {
    const hooks = recordingHooks();
    const bulky = "ledger line with many details and amounts 1234.56; ".repeat(200); // ~2,400 tokens
    const tool = lookupTool(async () => ({ report: bulky }));
    stub.enqueue(
      { toolCalls: [{ name: "lookup_vendor", args: { id: 1 } }] },
      { toolCalls: [{ name: "lookup_vendor", args: { id: 2 } }] },
      { text: "Summary ready." },
    );

    const result = await runAgent({ ...base(), tools: [tool], contextWindow: 5_000, maxOutputTokens: 500, ...hooks.options });

    expect(result.output).toBe("Summary ready.");
    expect(result.compactions).toEqual([expect.objectContaining({ turn: 3, elidedToolResults: 1, droppedMessages: 0 })]);
    expect(result.compactions[0]!.tokensAfter).toBeLessThan(result.compactions[0]!.tokensBefore);
    const third = JSON.stringify(stub.requests[2]!.body.input);
    expect(third).toContain(ELIDED_PREFIX.slice(1));
    // The latest tool result is kept whole; only the older one was elided.
    expect(third.split("ledger line").length - 1).toBe(200);
    expect(hooks.traces.filter((t) => t.type === "context.compacted")).toHaveLength(1);
    expect(hooks.before[2]!.estimatedInputTokens).toBeLessThan(4_050);
  });

  it("resolves the model from the environment when the workspace has no credential", async () => {
    const env = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };
    process.env.OPENAI_API_KEY = "sk-env";
    process.env.OPENAI_BASE_URL = stub.url;
    try {
      stub.enqueue({ text: "from env" });
      await expect(runAgent({ ...base(), credentials: {} })).resolves.toMatchObject({ output: "from env" });
      expect(stub.requests[0]!.headers.authorization).toBe("Bearer sk-env");
    } finally {
      for (const [key, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe("runAgent with Anthropic (Messages API stub)", () => {
  let stub: ApiStub;
  let credentials: ProviderCredentials;
  beforeAll(async () => {
    stub = await startAnthropicStub();
    credentials = { anthropic: { apiKey: "sk-ant-test", baseUrl: stub.url } };
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  it("runs a tool loop and reports Anthropic usage including cache reads", async () => {
    const tool = lookupTool();
    const hooks = recordingHooks();
    stub.enqueue(
      { toolCalls: [{ name: "lookup_vendor", args: { id: 3 } }], usage: { inputTokens: 80, outputTokens: 12, cachedTokens: 30 } },
      { text: "Vendor 3 is ACME Corp.", usage: { inputTokens: 120, outputTokens: 9, cachedTokens: 0 } },
    );

    const result = await runAgent({ modelId: "anthropic:claude-sonnet-4-5", credentials, instructions: "Be brief.", prompt: "Who is vendor 3?", tools: [tool], maxOutputTokens: 256, ...hooks.options });

    expect(result.output).toBe("Vendor 3 is ACME Corp.");
    expect(tool.execute).toHaveBeenCalledWith({ id: 3 }, expect.anything());
    expect(hooks.after.map((e) => e.usage)).toEqual([
      { inputTokens: 80, outputTokens: 12, cachedTokens: 30 },
      { inputTokens: 120, outputTokens: 9, cachedTokens: 0 },
    ]);
    const [first, second] = stub.requests;
    expect(first!.path).toBe("/v1/messages");
    expect(first!.headers["x-api-key"]).toBe("sk-ant-test");
    expect(first!.body).toMatchObject({ model: "claude-sonnet-4-5", max_tokens: 256, system: [{ type: "text", text: "Be brief." }] });
    expect(JSON.stringify(second!.body.messages)).toContain("tool_result");
  });

  it("returns validated structured output", async () => {
    stub.enqueue({ json: { supplier: "ACME Corp", total: 9.5, status: "open" } });
    const result = await runAgent({ modelId: "anthropic:claude-sonnet-4-5", credentials, prompt: "Extract.", outputSchema: INVOICE_SCHEMA });
    expect(result.output).toEqual({ supplier: "ACME Corp", total: 9.5, status: "open" });
  });

  it("returns structured output from models that answer through the JSON tool", async () => {
    stub.enqueue({ json: { supplier: "Old Model Ltd", total: 2, status: "paid" } });
    const result = await runAgent({ modelId: "anthropic:claude-3-5-haiku-latest", credentials, prompt: "Extract.", outputSchema: INVOICE_SCHEMA });
    expect(result.output).toEqual({ supplier: "Old Model Ltd", total: 2, status: "paid" });
    expect(stub.requests[0]!.body.tools).toEqual([expect.objectContaining({ name: "json" })]);
  });

  it("surfaces an overloaded API (529) as a retryable ModelCallError", async () => {
    stub.enqueue({ status: 529 });
    await expect(runAgent({ modelId: "anthropic:claude-sonnet-4-5", credentials, prompt: "x" })).rejects.toMatchObject({
      name: "ModelCallError",
      status: 529,
      retryable: true,
    });
  });
});

describe("runAgent with an OpenAI-compatible server (Chat Completions stub)", () => {
  let stub: ApiStub;
  let credentials: ProviderCredentials;
  beforeAll(async () => {
    stub = await startOpenAIStub();
    credentials = { "openai-compatible": { baseUrl: stub.url } };
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  it("runs a tool loop over Chat Completions without an API key", async () => {
    const tool = lookupTool();
    stub.enqueue({ toolCalls: [{ name: "lookup_vendor", args: { id: 5 } }] }, { text: "Vendor 5 found.", usage: { inputTokens: 70, outputTokens: 4 } });

    const result = await runAgent({ modelId: "openai-compatible:llama3.1", credentials, prompt: "Find vendor 5.", tools: [tool] });

    expect(result.output).toBe("Vendor 5 found.");
    expect(result.modelCalls.map((c) => c.usage.inputTokens)).toEqual([11, 70]);
    expect(stub.requests.map((r) => r.path)).toEqual(["/v1/chat/completions", "/v1/chat/completions"]);
    expect(stub.requests[0]!.body.model).toBe("llama3.1");
    expect(stub.requests[0]!.headers.authorization).toBeUndefined();
    const toolMessage = stub.requests[1]!.body.messages.find((m: { role: string }) => m.role === "tool");
    expect(toolMessage.content).toContain("ACME Corp");
  });

  it("asks for JSON with the schema and validates the answer", async () => {
    stub.enqueue({ json: { supplier: "Local Co", total: 1, status: "paid" } });
    const result = await runAgent({ modelId: "openai-compatible:llama3.1", credentials, prompt: "Extract.", outputSchema: INVOICE_SCHEMA });
    expect(result.output).toEqual({ supplier: "Local Co", total: 1, status: "paid" });
    expect(stub.requests[0]!.body.response_format).toMatchObject({ type: "json_schema", json_schema: { schema: { required: ["supplier", "total", "status"] } } });
  });
});

describe("runAgent with the simulated provider", () => {
  it("calls a tool the prompt names, then answers with schema-valid output drawn from the prompt", async () => {
    const tool = lookupTool(async () => ({ vendorStatus: "approved" }));
    const result = await runAgent({
      modelId: "sim:fast",
      instructions: "Use lookup_vendor to check the vendor.",
      prompt: "Invoice\nsupplier: ACME Corp\ntotal: $1,234.50\nstatus: open",
      tools: [tool],
      outputSchema: INVOICE_SCHEMA,
    });
    expect(tool.execute).toHaveBeenCalledOnce();
    expect(result.output).toEqual({ supplier: "ACME Corp", total: 1234.5, status: "open" });
    expect(result.simulated).toBe(true);
    expect(result.modelCalls.every((c) => c.simulated && c.usage.inputTokens > 0 && c.usage.outputTokens > 0)).toBe(true);
  });
});
