/**
 * An AI SDK output specification that asks the provider for JSON matching a schema (OpenAI
 * `json_schema`, Anthropic structured output, Chat Completions `response_format`) but hands the
 * raw text back instead of throwing on invalid output: the agent loop validates it and runs
 * its one repair attempt itself.
 */
import type { OutputInterface } from "ai";
import type { JSONSchema7 } from "@ai-sdk/provider";
import type { JsonSchema } from "./types";

/**
 * The output specification for `generateText({ output })`.
 *
 * @example
 * const { output } = await generateText({ model, prompt, output: rawJsonOutput(schema) });
 * // `output` is the model's text; parse and validate it with parseStructuredOutput
 */
export function rawJsonOutput(schema: JsonSchema): OutputInterface<string, string, never> {
  return {
    name: "object",
    responseFormat: Promise.resolve({ type: "json", schema: schema as JSONSchema7, name: "output" }),
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async ({ text }) => ({ partial: text }),
    createElementStreamTransform: () => undefined,
  };
}
