import type { Message } from "@a2a-js/sdk";
import { RequestMalformedError } from "@a2a-js/sdk/errors";
import { validateJsonSchema } from "../json-schema";
import { singleStringField } from "./graph-agent-card";
import { firstData, joinedText } from "./parts";

/**
 * The run input a message stands for: its first data part (a JSON object), else its text as the
 * input schema's only string field. Throws RequestMalformedError (JSON-RPC -32602) naming the
 * problem otherwise, or when the input does not match the schema.
 */
export function inputFromMessage(message: Message | undefined, inputSchema: object | undefined): Record<string, unknown> {
  const data = firstData(message?.parts);
  let input: Record<string, unknown>;
  if (data.found) {
    if (!data.value || typeof data.value !== "object" || Array.isArray(data.value)) {
      throw new RequestMalformedError("message.parts: the data part must be a JSON object (the graph's input).");
    }
    input = data.value as Record<string, unknown>;
  } else {
    const text = joinedText(message?.parts);
    if (!text) throw new RequestMalformedError("message.parts: send the graph's input as a data part (a JSON object), or as text when its input schema has one string field.");
    const field = singleStringField(inputSchema);
    if (!field) {
      throw new RequestMalformedError(
        inputSchema
          ? "message.parts: the message has only text, and the graph's input schema does not have exactly one string field to put it in: send the input as a data part (a JSON object)."
          : "message.parts: the message has only text, and the graph declares no input schema to map it to: send the input as a data part (a JSON object).",
      );
    }
    input = { [field]: text };
  }
  if (inputSchema) {
    const issues = validateJsonSchema(inputSchema, input, "input");
    if (issues.length) throw new RequestMalformedError(`The input does not match the graph's input schema: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
  }
  return input;
}
