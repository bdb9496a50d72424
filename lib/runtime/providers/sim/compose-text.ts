/**
 * Plausible prose for the simulated provider: a few sentences built from the request's own
 * words and any tool results, longer for stronger tiers, always marked as simulated.
 */
import type { PromptReading } from "./read-prompt";
import type { SeededRandom } from "./seeded-random";

const OPENINGS = [
  "Here is a summary based on the information provided.",
  "Based on the request, here is what I found.",
  "I reviewed the request and prepared the following answer.",
  "Here is my response to the request.",
];

const BODY = [
  (a: string, b: string) => `The main points concern ${a} and ${b}.`,
  (a: string) => `Regarding ${a}, the details provided are consistent and complete.`,
  (a: string, b: string) => `${cap(a)} appears to be the key factor, with ${b} as a secondary consideration.`,
  (a: string) => `No issues were found with ${a}.`,
  (a: string, b: string) => `It would be reasonable to review ${a} together with ${b}.`,
  (a: string) => `The information about ${a} has been taken into account.`,
];

const CLOSINGS = ["Let me know if you need more detail.", "This completes the requested task.", "That is all for now."];

/**
 * A reply of `sentences` body sentences (plus opening and closing).
 *
 * @example
 * composeText(readPrompt(prompt), createSeededRandom("seed"), 3);
 * // "[Simulated response] Based on the request, here is what I found. The main points concern …"
 */
export function composeText(reading: PromptReading, random: SeededRandom, sentences: number): string {
  const words = reading.keywords.length > 0 ? reading.keywords : ["the request"];
  const parts = ["[Simulated response]", random.pick(OPENINGS)];
  for (const result of reading.toolResults) {
    parts.push(
      result.isError
        ? `The ${result.toolName} tool reported an error: ${truncate(result.text, 160)}.`
        : `The ${result.toolName} tool returned: ${truncate(result.text, 240)}.`,
    );
  }
  for (let i = 0; i < sentences; i++) parts.push(random.pick(BODY)(random.pick(words), random.pick(words)));
  parts.push(random.pick(CLOSINGS));
  return parts.join(" ");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
