import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { generateText, jsonSchema, Output, stepCountIs, streamText, tool } from "ai";
import { describe, expect, it } from "vitest";
import { compileJsonSchema } from "@/lib/runtime/agent/json-schema-validator";
import { countMessagesTokens, countTokens } from "@/lib/models/tokens";
import { createSimLanguageModel } from "./sim-language-model";

const instant = { latency: { fixedMs: 0 } };
const user = (text: string): LanguageModelV3Prompt => [{ role: "user", content: [{ type: "text", text }] }];
const call = (prompt: LanguageModelV3Prompt, extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions => ({ prompt, ...extra });

const INVOICE = {
  type: "object",
  properties: {
    supplier: { type: "string" },
    invoiceNumber: { type: "string" },
    total: { type: "number", minimum: 0 },
    currency: { enum: ["USD", "EUR", "GBP"] },
    paid: { type: "boolean" },
    dueDate: { type: "string", format: "date" },
    contact: { type: "string", format: "email" },
    id: { type: "string", format: "uuid" },
    lines: {
      type: "array",
      minItems: 2,
      items: {
        type: "object",
        properties: { sku: { type: "string", minLength: 3 }, qty: { type: "integer", minimum: 1, maximum: 5 } },
        required: ["sku", "qty"],
        additionalProperties: false,
      },
    },
    note: { anyOf: [{ type: "null" }, { type: "string", maxLength: 40 }] },
  },
  required: ["supplier", "invoiceNumber", "total", "currency", "paid", "dueDate", "contact", "id", "lines", "note"],
  additionalProperties: false,
};

describe("simulated language model", () => {
  it("is deterministic: the same prompt gives the same reply, another prompt another", async () => {
    const model = createSimLanguageModel("balanced", instant);
    const a = await model.doGenerate(call(user("Summarise the quarterly revenue report")));
    const b = await model.doGenerate(call(user("Summarise the quarterly revenue report")));
    const c = await model.doGenerate(call(user("Draft a polite reminder about the overdue invoice")));
    expect(a.content).toEqual(b.content);
    expect(a.content).not.toEqual(c.content);
    // Different models are different "models".
    const strong = await createSimLanguageModel("strong", instant).doGenerate(call(user("Summarise the quarterly revenue report")));
    expect(strong.content).not.toEqual(a.content);
  });

  it("writes plausible text from the request's words, labelled as simulated", async () => {
    const result = await generateText({ model: createSimLanguageModel("fast", instant), prompt: "Summarise the quarterly revenue report" });
    expect(result.text).toMatch(/^\[Simulated response\] /);
    expect(result.text).toMatch(/quarterly|revenue|report|Summarise/);
    expect(result.providerMetadata?.sim).toMatchObject({ simulated: true, seed: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(result.response.modelId).toBe("sim:fast");
    expect(result.finishReason).toBe("stop");
  });

  it("reports prompt tokens counted with gpt-tokenizer and output tokens of the generated text", async () => {
    const prompt: LanguageModelV3Prompt = [{ role: "system", content: "You are terse." }, ...user("Describe the invoice approval process")];
    const result = await createSimLanguageModel("fast", instant).doGenerate(call(prompt));
    const text = result.content.find((p) => p.type === "text")!.text;
    expect(result.usage.inputTokens.total).toBe(countMessagesTokens(prompt, "sim:fast"));
    expect(result.usage.outputTokens.total).toBe(countTokens(text, "sim:fast"));
    expect(result.usage.outputTokens.total).toBeGreaterThan(20);
  });

  it("writes longer answers for stronger tiers", async () => {
    const prompt = call(user("Explain the vendor onboarding checklist"));
    const fast = await createSimLanguageModel("fast", instant).doGenerate(prompt);
    const strong = await createSimLanguageModel("strong", instant).doGenerate(prompt);
    expect(strong.usage.outputTokens.total!).toBeGreaterThan(fast.usage.outputTokens.total!);
  });

  it("returns JSON that validates against the requested schema, with values drawn from the prompt", async () => {
    const validate = compileJsonSchema(INVOICE);
    const prompt = "Extract the invoice.\nSupplier: ACME Corp\ninvoice number: INV-2024-17\nTotal: $1,234.50\ncurrency: EUR\nPaid: yes\ncontact: billing@acme.test";
    const { output } = await generateText({
      model: createSimLanguageModel("balanced", instant),
      prompt,
      output: Output.object({ schema: jsonSchema(INVOICE as Parameters<typeof jsonSchema>[0]) }),
    });
    expect(validate(output)).toEqual({ ok: true });
    expect(output).toMatchObject({ supplier: "ACME Corp", invoiceNumber: "INV-2024-17", total: 1234.5, currency: "EUR", paid: true, contact: "billing@acme.test" });
  });

  it("returns schema-valid JSON for many prompts (enums, bounds, formats, arrays)", async () => {
    const validate = compileJsonSchema(INVOICE);
    const model = createSimLanguageModel("fast", instant);
    for (let i = 0; i < 40; i++) {
      const result = await model.doGenerate(call(user(`Invoice batch ${i}: reconcile totals for account ${i * 7}`), { responseFormat: { type: "json", schema: INVOICE as never } }));
      const text = result.content.find((p) => p.type === "text")!.text;
      expect(validate(JSON.parse(text)), text).toEqual({ ok: true });
    }
  });

  it("calls a tool the request names with schema-valid arguments, then answers from its result", async () => {
    const seen: unknown[] = [];
    const weather = tool({
      description: "Weather for a city",
      inputSchema: jsonSchema<{ city: string; days: number }>({
        type: "object",
        properties: { city: { type: "string" }, days: { type: "integer", minimum: 1, maximum: 3 } },
        required: ["city", "days"],
      }),
      execute: async (args) => {
        seen.push(args);
        return { forecast: "sunny", tempC: 24 };
      },
    });
    const result = await generateText({
      model: createSimLanguageModel("fast", instant),
      prompt: "Use the weather tool for city: Lisbon",
      tools: { weather },
      stopWhen: stepCountIs(5),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ city: "Lisbon" });
    expect(compileJsonSchema({ type: "object", properties: { days: { type: "integer", minimum: 1, maximum: 3 } } })(seen[0])).toEqual({ ok: true });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.finishReason).toBe("tool-calls");
    expect(result.text).toContain("sunny");
  });

  it("does not call tools the request does not ask for, nor when tool choice is none", async () => {
    const lookup = tool({ description: "Look up", inputSchema: jsonSchema({ type: "object", properties: {} }), execute: async () => "x" });
    const model = createSimLanguageModel("fast", instant);
    expect((await generateText({ model, prompt: "Say hello", tools: { lookup } })).toolCalls).toHaveLength(0);
    expect((await generateText({ model, prompt: "Call lookup now", tools: { lookup }, toolChoice: "none" })).toolCalls).toHaveLength(0);
    expect((await generateText({ model, prompt: "Call lookup now", tools: { lookup } })).toolCalls).toHaveLength(1);
  });

  it("streams the same text it generates, with usage", async () => {
    const model = createSimLanguageModel("balanced", instant);
    const generated = await generateText({ model, prompt: "Outline the audit plan" });
    const stream = streamText({ model, prompt: "Outline the audit plan" });
    const deltas: string[] = [];
    for await (const delta of stream.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join("")).toBe(generated.text);
    expect((await stream.usage).outputTokens).toBe(generated.usage.outputTokens);
    expect((await stream.providerMetadata)?.sim?.simulated).toBe(true);
  });

  it("stops at maxOutputTokens like a real model", async () => {
    const result = await createSimLanguageModel("strong", instant).doGenerate(call(user("Explain the vendor onboarding checklist"), { maxOutputTokens: 5 }));
    expect(result.finishReason.unified).toBe("length");
    expect(result.usage.outputTokens.total).toBe(5);
  });

  it("takes the configured time, and can be cancelled", async () => {
    const model = createSimLanguageModel("fast", { latency: { fixedMs: 60 } });
    const started = performance.now();
    await model.doGenerate(call(user("Hi")));
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    const controller = new AbortController();
    const pending = model.doGenerate(call(user("Hi"), { abortSignal: controller.signal }));
    controller.abort(new Error("cancelled"));
    await expect(pending).rejects.toThrow("cancelled");
  });
});
