/**
 * Context compaction: when a conversation grows towards the model's context window (long tool
 * results pile up across turns), make room before the next call instead of letting the
 * provider reject it.
 *
 * Strategy, cheapest information loss first:
 * 1. replace the oldest tool results with a short placeholder (the model keeps seeing that
 *    the call happened and with which arguments);
 * 2. if that is not enough, drop the oldest assistant turns together with their tool results
 *    (tool calls and results are removed in pairs, so the conversation stays well-formed).
 * The system prompt, the first user message (the task) and the latest turn — the last
 * assistant message and everything after it — are never touched. If they alone exceed the
 * limit, the conversation is returned as compact as it can be and the provider decides.
 */
import type { ModelMessage, ToolModelMessage } from "ai";
import { countMessagesTokens } from "@/lib/models/tokens";
import type { JsonSchema } from "./types";

/** What {@link compactMessages} needs to measure a request. */
export interface CompactionOptions {
  modelId: string;
  /** Most tokens the request (system, messages, tool definitions) may use. */
  limitTokens: number;
  system?: string;
  tools?: ReadonlyArray<{ name: string; description?: string; inputSchema: JsonSchema }>;
}

/** The compacted conversation, and what was done (`null` when nothing had to be). */
export interface CompactionOutcome {
  messages: ModelMessage[];
  compaction: { tokensBefore: number; tokensAfter: number; elidedToolResults: number; droppedMessages: number } | null;
}

/** Prefix of the placeholder that replaces an elided tool result. */
export const ELIDED_PREFIX = "[Tool result elided to fit the context window";

/**
 * Compacts `messages` to fit `limitTokens`, or returns them unchanged when they fit.
 *
 * @example
 * const { messages, compaction } = compactMessages(history, { modelId: "openai:gpt-4o", limitTokens: 100_000, system });
 * if (compaction) console.log(`elided ${compaction.elidedToolResults} tool results`);
 */
export function compactMessages(messages: ModelMessage[], options: CompactionOptions): CompactionOutcome {
  const measure = (list: ModelMessage[]) =>
    countMessagesTokens(options.system ? [{ role: "system", content: options.system }, ...list] : list, options.modelId, options.tools);
  const tokensBefore = measure(messages);
  if (tokensBefore <= options.limitTokens) return { messages, compaction: null };

  const lastAssistant = messages.findLastIndex((m) => m.role === "assistant");
  const protectedFrom = lastAssistant === -1 ? messages.length : lastAssistant;
  let result = [...messages];
  let tokens = tokensBefore;
  let elidedToolResults = 0;

  // 1. Elide tool results, oldest first.
  for (let i = 0; i < protectedFrom && tokens > options.limitTokens; i++) {
    const message = result[i]!;
    if (message.role !== "tool") continue;
    const content = message.content.map((part) => {
      if (part.type !== "tool-result" || isElided(part.output)) return part;
      elidedToolResults++;
      const size = countMessagesTokens([{ role: "tool", content: [part] }], options.modelId);
      return { ...part, output: { type: "text" as const, value: `${ELIDED_PREFIX} (${size} tokens).]` } };
    });
    result[i] = { ...message, content } as ToolModelMessage;
    tokens = measure(result);
  }

  // 2. Drop the oldest assistant turns with their tool results; keep the first user message.
  let droppedMessages = 0;
  while (tokens > options.limitTokens) {
    const start = result.findIndex((m, i) => i > 0 && m.role === "assistant");
    const end = result.findLastIndex((m) => m.role === "assistant");
    if (start === -1 || start >= end) break;
    let stop = start + 1;
    while (stop < end && result[stop]!.role === "tool") stop++;
    droppedMessages += stop - start;
    result = [...result.slice(0, start), ...result.slice(stop)];
    tokens = measure(result);
  }

  return { messages: result, compaction: { tokensBefore, tokensAfter: tokens, elidedToolResults, droppedMessages } };
}

function isElided(output: unknown): boolean {
  const value = (output as { type?: string; value?: unknown }).value;
  return typeof value === "string" && value.startsWith(ELIDED_PREFIX);
}
