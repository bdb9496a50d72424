/**
 * Delegations to external Agent2Agent (A2A) agents: a delegation request becomes an A2A task
 * on the agent named by its agent card URL, and the task's end becomes a delegation result
 * (`input-required` → `escalate`, `rejected` → `rejected`).
 *
 * The message carries the task as a text part and the whole request envelope
 * (`{ task, context, constraints, budget, deadline }`) as a data part. The send is blocking
 * (the agent answers when the task ends or needs input); an agent that answers earlier with a
 * task still working is followed with `tasks/get` until the deadline. Every request goes
 * through the outbound guard (see ./client.ts).
 *
 * Result mapping (A2A task state → delegation status):
 * - `completed` → `done`: output = the first data part of the artifacts, else their text, else
 *   the status message's text; confidence = a number `confidence` (0–1) in the metadata of the
 *   task, its status message or an artifact, else {@link DEFAULT_CONFIDENCE} (A2A has no notion
 *   of confidence: a completed task is taken at its word).
 * - `input-required` → `escalate` (rationale: the agent's question), `auth-required` → `escalate`
 *   (rationale: what it asks for: a person must give the agent credentials).
 * - `rejected` → `rejected` (out of the agent's scope).
 * - `failed`, `canceled`, no answer by the deadline, an unreachable agent → `failed`.
 * A direct message answer (no task) counts as `completed`.
 */
import "server-only";
import { TaskState, type Message, type Task } from "@a2a-js/sdk";
import type { WorkspaceContext } from "../auth/context";
import type { TDelegationRequest, TDelegationResult } from "../graphs/spec/schema";
import { findOutboundBlocked } from "../net/outbound";
import { createA2AClient } from "./client";
import { artifactParts, dataPart, firstData, joinedText, textPart } from "./parts";
import { Role } from "@a2a-js/sdk";

export interface A2AAgentRef {
  /** the agent card URL (rendered) */
  url: string;
  /** request headers (rendered, secrets resolved) */
  headers?: Record<string, string>;
}

/** The confidence of a completed task whose agent does not report one. */
export const DEFAULT_CONFIDENCE = 1;
/** How long a delegation without a deadline may take. */
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const POLL_MIN_MS = 200;
const POLL_MAX_MS = 5_000;

const TERMINAL = new Set<TaskState>([TaskState.TASK_STATE_COMPLETED, TaskState.TASK_STATE_FAILED, TaskState.TASK_STATE_CANCELED, TaskState.TASK_STATE_REJECTED]);
const INTERRUPTED = new Set<TaskState>([TaskState.TASK_STATE_INPUT_REQUIRED, TaskState.TASK_STATE_AUTH_REQUIRED]);

/** Sends one delegation to an A2A agent and waits for its result. */
export async function delegateToA2A(
  _ctx: WorkspaceContext,
  agent: A2AAgentRef,
  request: TDelegationRequest,
  opts: { signal?: AbortSignal; runId: string; nodeId: string; seq: number },
): Promise<TDelegationResult> {
  const deadlineMs = request.deadline ? Date.parse(request.deadline) : Date.now() + DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(Math.max(1, deadlineMs - Date.now()));
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let task: Task | undefined;
  let client: Awaited<ReturnType<typeof createA2AClient>> | undefined;
  try {
    client = await createA2AClient(agent, { signal });
    const message: Message = {
      role: Role.ROLE_USER,
      // one id per delegation, so an agent can recognise a message sent again
      messageId: `${opts.runId}:${opts.nodeId}:${opts.seq}`,
      contextId: "",
      taskId: "",
      parts: [textPart(request.task), dataPart(request)],
      metadata: { switchyard: { runId: opts.runId, nodeId: opts.nodeId, seq: opts.seq } },
      extensions: [],
      referenceTaskIds: [],
    };
    const answer = await client.sendMessage({ tenant: "", message, configuration: undefined, metadata: undefined }, { signal });
    if ("messageId" in answer) return fromMessage(answer);
    task = answer;
    for (let wait = POLL_MIN_MS; !isSettled(task); wait = Math.min(wait * 2, POLL_MAX_MS)) {
      await sleep(wait, signal);
      task = await client.getTask({ tenant: "", id: task.id, historyLength: 0 }, { signal });
    }
    return fromTask(task);
  } catch (err) {
    const blocked = findOutboundBlocked(err);
    if (blocked) return failed(`The A2A agent at ${safeUrl(agent.url)} cannot be reached: ${blocked.message}`);
    if (signal.aborted) {
      // best effort: the agent may stop working on a task nobody waits for
      if (task && client) await client.cancelTask({ tenant: "", id: task.id, metadata: undefined }, { signal: AbortSignal.timeout(5_000) }).catch(() => {});
      const why = opts.signal?.aborted ? "the delegation was cancelled" : "it did not finish by the delegation's deadline";
      return failed(`The A2A agent at ${safeUrl(agent.url)} gave no result: ${why}${task ? ` (task ${task.id} was ${stateName(task.status?.state)})` : ""}.`);
    }
    return failed(`The A2A agent at ${safeUrl(agent.url)} could not be asked: ${(err as Error).message}`);
  }
}

function isSettled(task: Task): boolean {
  const state = task.status?.state;
  return state !== undefined && (TERMINAL.has(state) || INTERRUPTED.has(state));
}

/** Maps an A2A task that ended or needs input to a delegation result (see the file comment). */
export function fromTask(task: Task): TDelegationResult {
  const state = task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED;
  const said = joinedText(task.status?.message?.parts);
  const parts = artifactParts(task.artifacts);
  const data = firstData(parts);
  const output = data.found ? data.value : joinedText(parts) || said || undefined;
  const meta = { ...(task.metadata ?? {}), ...(task.status?.message?.metadata ?? {}), ...Object.assign({}, ...(task.artifacts ?? []).map((a) => a.metadata ?? {})) };
  const costUsd = typeof meta.costUsd === "number" && meta.costUsd >= 0 ? meta.costUsd : undefined;
  const extra = { ...(output !== undefined ? { output: output as never } : {}), ...(costUsd !== undefined ? { costUsd } : {}) };
  switch (state) {
    case TaskState.TASK_STATE_COMPLETED:
      return { status: "done", ...extra, confidence: confidenceOf(meta), rationale: said || (typeof meta.rationale === "string" ? meta.rationale : "The A2A agent completed the task.") };
    case TaskState.TASK_STATE_INPUT_REQUIRED:
      return { status: "escalate", ...extra, confidence: confidenceOf(meta, 0), rationale: said || "The A2A agent needs more input to go on, and did not say what." };
    case TaskState.TASK_STATE_AUTH_REQUIRED:
      return { status: "escalate", ...extra, confidence: 0, rationale: `The A2A agent needs authentication to go on${said ? `: ${said}` : "."}` };
    case TaskState.TASK_STATE_REJECTED:
      return { status: "rejected", ...extra, confidence: 0, rationale: said || "The A2A agent declined the task as out of its scope." };
    case TaskState.TASK_STATE_CANCELED:
      return { status: "failed", ...extra, confidence: 0, rationale: `The A2A agent's task was canceled${said ? `: ${said}` : "."}` };
    case TaskState.TASK_STATE_FAILED:
      return { status: "failed", ...extra, confidence: 0, rationale: said || "The A2A agent's task failed without a reason." };
    default:
      return { status: "failed", ...extra, confidence: 0, rationale: `The A2A agent's task ended in an unexpected state (${stateName(state)}).` };
  }
}

/** A direct answer (no task): the agent completed the request in one message. */
export function fromMessage(message: Message): TDelegationResult {
  const data = firstData(message.parts);
  const text = joinedText(message.parts);
  const output = data.found ? data.value : text || undefined;
  return { status: "done", ...(output !== undefined ? { output: output as never } : {}), confidence: confidenceOf(message.metadata ?? {}), rationale: data.found && text ? text : "The A2A agent answered with a message." };
}

function confidenceOf(meta: Record<string, unknown>, fallback = DEFAULT_CONFIDENCE): number {
  const c = meta.confidence;
  return typeof c === "number" && c >= 0 && c <= 1 ? c : fallback;
}

function failed(rationale: string): TDelegationResult {
  return { status: "failed", confidence: 0, rationale };
}

/** `TASK_STATE_INPUT_REQUIRED` → `input-required`. */
export function stateName(state: TaskState | undefined): string {
  if (state === undefined) return "unknown";
  const name = TaskState[state];
  return name ? name.replace(/^TASK_STATE_/, "").toLowerCase().replace(/_/g, "-") : String(state);
}

/** The URL without query or credentials (which may hold secrets), for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
