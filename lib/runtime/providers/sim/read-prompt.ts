/**
 * What the simulated model "reads" from a provider-level prompt: the instructions, what the
 * user asked, and the tool results it has been given so far.
 */
import type { LanguageModelV3Prompt } from "@ai-sdk/provider";

/** A tool result seen in the conversation. */
export interface SeenToolResult {
  toolName: string;
  /** The result as JSON text (or the error text). */
  text: string;
  isError: boolean;
  /** The turn it answered: 1 for the results of the first tool message, 2 for the next… */
  turn: number;
}

/** The parts of a prompt the simulated model reacts to. */
export interface PromptReading {
  system: string;
  /** Every user message's text, oldest first. */
  user: string;
  /** The latest user message's text. */
  lastUser: string;
  toolResults: SeenToolResult[];
  /** Distinctive words of the user text, in order of appearance, for plausible replies. */
  keywords: string[];
}

const STOPWORDS = new Set(
  "about above after again against also and any are because been before being below between both but can could did does doing down during each few for from further had has have having her here hers him his how into its itself just more most not now off once only other our ours out over own same she should some such than that the their theirs them then there these they this those through too under until very was were what when where which while who whom why will with would you your yours please following given using based return provide write create make tell give list summarise summarize explain describe check find show".split(
    " ",
  ),
);

/**
 * Reads a prompt.
 *
 * @example
 * readPrompt([{ role: "user", content: [{ type: "text", text: "Check the weather in Paris" }] }]).keywords;
 * // ["Check", "weather", "Paris"]
 */
export function readPrompt(prompt: LanguageModelV3Prompt): PromptReading {
  const system: string[] = [];
  const user: string[] = [];
  const toolResults: SeenToolResult[] = [];
  let turn = 0;
  for (const message of prompt) {
    if (message.role === "system") system.push(message.content);
    else if (message.role === "user") {
      user.push(message.content.map((part) => (part.type === "text" ? part.text : "")).join("\n"));
    } else if (message.role === "tool") {
      turn++;
      for (const part of message.content) {
        if (part.type !== "tool-result") continue;
        const output = part.output;
        const isError = output.type === "error-text" || output.type === "error-json" || output.type === "execution-denied";
        const value = "value" in output ? output.value : (output as { reason?: string }).reason;
        toolResults.push({ toolName: part.toolName, text: typeof value === "string" ? value : JSON.stringify(value), isError, turn });
      }
    }
  }
  const userText = user.join("\n");
  return {
    system: system.join("\n"),
    user: userText,
    lastUser: user.at(-1) ?? "",
    toolResults,
    keywords: keywordsOf(user.at(-1) ?? userText),
  };
}

function keywordsOf(text: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of text.match(/[\p{L}][\p{L}\p{N}'-]{2,}/gu) ?? []) {
    const key = word.toLowerCase();
    if (STOPWORDS.has(key) || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
    if (words.length === 24) break;
  }
  return words;
}
