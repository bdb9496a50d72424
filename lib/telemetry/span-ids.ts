/**
 * Trace and span ids derived from the ids of persisted records, so that every process (and a
 * process restarted after a crash) names the same span the same way: a child exported by one
 * process links to a parent exported by another, and a record exported twice (a step run again
 * after a crash) carries the same ids both times.
 */
import { createHash } from "node:crypto";

function hex(text: string, chars: number): string {
  const h = createHash("sha256").update(text).digest("hex").slice(0, chars);
  // an all-zero id is invalid in OTel; a SHA-256 prefix of zeros is practically impossible, but never send one
  return /^0+$/.test(h) ? `${h.slice(0, -1)}1` : h;
}

/**
 * The trace of a run: the top run of its delegation tree (`rootRunId`, or the run itself), so a
 * sub-run's and a saved-graph delegation's spans land in the trace of the run that started them.
 *
 * @example
 * traceIdOf("run_abc"); // 32 hex characters
 */
export function traceIdOf(rootRunId: string): string {
  return hex(`switchyard:trace:${rootRunId}`, 32);
}

/** What a span stands for, and the persisted id it is derived from. */
export type SpanSubject =
  | { run: string }
  | { node: { runId: string; nodeId: string } }
  | { delegation: string }
  | { approval: string }
  | { ledger: string }
  | { tool: { runId: string; nodeId: string; attempt: number; call: string } };

/**
 * The span id of a record: a run, a node run (unique per run and node), a delegation, an inbox
 * item, a ledger row (a model call) or one tool call of a node's attempt.
 *
 * @example
 * spanIdOf({ node: { runId: "run_abc", nodeId: "intake" } }); // 16 hex characters
 */
export function spanIdOf(subject: SpanSubject): string {
  if ("run" in subject) return hex(`switchyard:run:${subject.run}`, 16);
  if ("node" in subject) return hex(`switchyard:node:${subject.node.runId}:${subject.node.nodeId}`, 16);
  if ("delegation" in subject) return hex(`switchyard:delegation:${subject.delegation}`, 16);
  if ("approval" in subject) return hex(`switchyard:approval:${subject.approval}`, 16);
  if ("ledger" in subject) return hex(`switchyard:ledger:${subject.ledger}`, 16);
  const t = subject.tool;
  return hex(`switchyard:tool:${t.runId}:${t.nodeId}:${t.attempt}:${t.call}`, 16);
}
