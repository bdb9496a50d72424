/**
 * One call request to an app (INNGEST-PROTOCOL.md §2) and the classification of its
 * response. No database access here: the worker decides what an outcome means.
 */
import { Headers, REQUEST_VERSION } from "./consts";
import { parseRetryAfter } from "./durations";
import type { ErrorValue, EventPayload } from "./runs";
import { canonicalBody, signBody } from "./signing";

export interface CallInput {
  url: string;
  events: EventPayload[];
  /** memoized steps in completion order */
  steps: { id: string; memo: unknown }[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  fnUuid: string;
  qiId: string;
  die: boolean;
  signingKey?: string;
  timeoutMs: number;
  requestId: string;
}

/** An opcode from a 206 response. Unknown keys are kept but ignored. */
export interface OpEntry {
  op: string;
  id: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: ErrorValue;
  opts?: Record<string, unknown>;
}

export type CallOutcome =
  | { kind: "complete"; data: unknown }
  | { kind: "ops"; ops: OpEntry[]; retryAfterMs?: number }
  | { kind: "error"; status: number; error: ErrorValue; noRetry: boolean; retryAfterMs?: number }
  | { kind: "transport"; error: ErrorValue };

/** The JSON body of a call request. */
export function buildCallBody(input: CallInput): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  for (const s of input.steps) steps[s.id] = s.memo;
  const stack = input.steps.map((s) => s.id);
  return {
    event: input.events[0],
    events: input.events,
    steps,
    ctx: {
      run_id: input.runId,
      attempt: input.attempt,
      max_attempts: input.maxAttempts,
      disable_immediate_execution: input.die,
      use_api: false,
      stack: { stack, current: stack.length },
      fn_id: input.fnUuid,
      qi_id: input.qiId,
    },
    version: REQUEST_VERSION,
  };
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return "the request timed out";
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/** Turns an arbitrary error-ish JSON body into `{name, message, stack?}`. */
export function toErrorValue(body: unknown, fallback: string): ErrorValue {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const message = typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : undefined;
    if (message !== undefined) {
      return { ...b, name: typeof b.name === "string" ? b.name : "Error", message, stack: typeof b.stack === "string" ? b.stack : undefined };
    }
  }
  return { name: "Error", message: fallback };
}

/** Sends one call request and classifies the response. Never throws. */
export async function callApp(input: CallInput): Promise<CallOutcome> {
  const body = buildCallBody(input);
  // Signed requests carry the canonical (RFC 8785) form the SDK re-derives; unsigned ones need not pay for it.
  const serialized = input.signingKey ? canonicalBody(body) : JSON.stringify(body);
  const headers: Record<string, string> = {
    [Headers.contentType]: "application/json",
    [Headers.requestId]: input.requestId,
  };
  if (input.signingKey) headers[Headers.signature] = signBody(serialized, input.signingKey);
  let res: Response;
  let text: string;
  try {
    res = await fetch(input.url, { method: "POST", headers, body: serialized, signal: AbortSignal.timeout(input.timeoutMs) });
    text = await res.text();
  } catch (err) {
    return {
      kind: "transport",
      error: { name: "AppUnreachable", message: `Could not call the app at ${input.url}: ${describe(err)}. Check that the app is running and synced with the right URL.` },
    };
  }
  let json: unknown;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch {
    return {
      kind: "transport",
      error: {
        name: "NonJsonResponse",
        message: `The app at ${input.url} answered HTTP ${res.status} with a body that is not JSON (${JSON.stringify(text.slice(0, 120))}). The URL must point at the Inngest serve() handler.`,
      },
    };
  }
  const retryAfterMs = parseRetryAfter(res.headers.get(Headers.retryAfter), Date.now());
  if (res.status === 206) {
    if (!Array.isArray(json)) {
      return { kind: "transport", error: { name: "BadResponse", message: `The app at ${input.url} answered 206 without an array of ops.` } };
    }
    return { kind: "ops", ops: json as OpEntry[], retryAfterMs };
  }
  if (res.status >= 200 && res.status < 300) return { kind: "complete", data: json === undefined ? null : json };
  const noRetry = res.headers.get(Headers.noRetry) === "true";
  return {
    kind: "error",
    status: res.status,
    error: toErrorValue(json, `The app at ${input.url} answered HTTP ${res.status}.`),
    noRetry,
    retryAfterMs,
  };
}
