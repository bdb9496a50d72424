import { isTransientError } from "./transient";

/** A node failure, with whether trying again could help. */
export class NodeError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "NodeError";
  }
}

/** Errors in the spec's own templates and conditions: trying again cannot help. */
const PERMANENT = new Set(["TemplateError", "ConditionError", "ProviderConfigError", "AgentOutputError", "LoopDetectedError", "MaxTurnsError"]);

/** A node's error as it is stored on the node run and memoised by its step. */
export type ErrorInfo = { message: string; name: string; retryable: boolean; [k: string]: unknown };

/** A node's error, classified: a transient database failure is always retryable (./transient.ts). */
export function errorInfo(err: unknown): ErrorInfo {
  if (isTransientError(err)) {
    const e = err as { name?: string; message?: string };
    return { name: e?.name ?? "Error", message: e?.message ?? String(err), retryable: true, transient: true };
  }
  if (err instanceof NodeError) return { name: err.name, message: err.message, retryable: err.retryable, ...err.details };
  const e = err as { name?: string; message?: string; retryable?: boolean; status?: number };
  return {
    name: e?.name ?? "Error",
    message: e?.message ?? String(err),
    retryable: e?.retryable ?? !PERMANENT.has(e?.name ?? ""),
    ...(e?.status ? { status: e.status } : {}),
  };
}
