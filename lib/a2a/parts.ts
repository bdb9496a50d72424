/**
 * Reading and writing the parts of A2A messages and artifacts (the SDK's typed form, where a
 * part's content is `{ $case: "text" | "data" | "url" | "raw", value }`).
 */
import { Role, type Artifact, type Message, type Part } from "@a2a-js/sdk";

/** A text part. */
export function textPart(text: string): Part {
  return { content: { $case: "text", value: text }, mediaType: "text/plain", filename: "", metadata: undefined };
}

/** A structured (JSON) part. */
export function dataPart(data: unknown): Part {
  return { content: { $case: "data", value: data }, mediaType: "application/json", filename: "", metadata: undefined };
}

/** An agent's message on a task (a status message: a question, a reason). */
export function agentMessage(taskId: string, contextId: string, text: string, messageId: string): Message {
  return { role: Role.ROLE_AGENT, messageId, taskId, contextId, parts: [textPart(text)], metadata: undefined, extensions: [], referenceTaskIds: [] };
}

/** The first structured part's value, if any part is structured. */
export function firstData(parts: readonly Part[] | undefined): { found: true; value: unknown } | { found: false } {
  for (const p of parts ?? []) if (p.content?.$case === "data") return { found: true, value: p.content.value };
  return { found: false };
}

/** The text parts joined by blank lines ("" when there is none). */
export function joinedText(parts: readonly Part[] | undefined): string {
  return (parts ?? [])
    .flatMap((p) => (p.content?.$case === "text" ? [p.content.value] : []))
    .join("\n\n")
    .trim();
}

/** Every part of every artifact, in order. */
export function artifactParts(artifacts: readonly Artifact[] | undefined): Part[] {
  return (artifacts ?? []).flatMap((a) => a.parts ?? []);
}
