/**
 * Offers the caller's tools to the model through the AI SDK. Each tool's arguments are
 * validated against its JSON Schema before `execute` runs; every call is recorded and traced
 * with its duration. A failing tool (or invalid arguments) does not stop the run: the AI SDK
 * shows the error to the model as the tool's result, which usually lets it correct itself.
 */
import { jsonSchema, tool, type ToolSet } from "ai";
import { compileJsonSchema } from "./json-schema-validator";
import type { RunLedger } from "./run-ledger";
import type { AgentTool } from "./types";

/** The AI SDK tool set and the provider-safe name → caller's name mapping. */
export interface WiredTools {
  toolSet: ToolSet;
  names: Map<string, string>;
}

/**
 * Wires `tools` for `generateText`. Names are made provider-safe (`mcp:crm/find` →
 * `mcp_crm_find`; providers accept only `[A-Za-z0-9_-]{1,64}`) and records keep the original.
 *
 * @throws {Error} when a tool's input schema is not valid JSON Schema.
 *
 * @example
 * const { toolSet } = wireTools([{ name: "add", inputSchema: { type: "object" }, execute: async (a) => a }], ledger);
 */
export function wireTools(tools: readonly AgentTool[], ledger: RunLedger): WiredTools {
  const toolSet: ToolSet = {};
  const names = new Map<string, string>();
  for (const definition of tools) {
    const safeName = uniqueSafeName(definition.name, names);
    names.set(safeName, definition.name);
    const validate = compileJsonSchema(definition.inputSchema, `input schema of tool "${definition.name}"`);
    toolSet[safeName] = tool({
      description: definition.description,
      inputSchema: jsonSchema(definition.inputSchema as Parameters<typeof jsonSchema>[0]),
      execute: async (args: unknown, { abortSignal, toolCallId }) => {
        const name = definition.name;
        const turn = ledger.turn;
        ledger.trace("tool.called", `Calling ${name}`, { tool: name, toolCallId, args, turn });
        const started = performance.now();
        const startedAt = new Date();
        const settle = (outcome: { result: unknown } | { error: string }) => {
          const durationMs = Math.round(performance.now() - started);
          ledger.toolCalls.push({ name, args, turn, ...outcome, startedAt, durationMs, toolCallId });
          return durationMs;
        };
        const checked = validate(args);
        if (!checked.ok) {
          const error = `Invalid arguments for ${name}: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`;
          const durationMs = settle({ error });
          ledger.trace("tool.failed", `${name} was called with invalid arguments`, { tool: name, toolCallId, args, error, durationMs, turn });
          throw new Error(error);
        }
        try {
          // `undefined` is not JSON; the model is told "null" instead of a malformed result.
          const result = (await definition.execute(args, { abortSignal })) ?? null;
          const durationMs = settle({ result });
          ledger.trace("tool.succeeded", `${name} returned in ${durationMs} ms`, { tool: name, toolCallId, result, durationMs, turn });
          return result;
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          const durationMs = settle({ error });
          ledger.trace("tool.failed", `${name} failed after ${durationMs} ms`, { tool: name, toolCallId, error, durationMs, turn });
          throw err;
        }
      },
    });
  }
  return { toolSet, names };
}

function uniqueSafeName(name: string, taken: ReadonlyMap<string, string>): string {
  const base = name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 60) || "tool";
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}_${i}`;
  return candidate;
}
