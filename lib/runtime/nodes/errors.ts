import { isErrorCode, isRetryableCode, toPublicError } from "../../errors";
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

/** A node's error as it is stored on the node run and memoised by its step. */
export type ErrorInfo = { message: string; name: string; retryable: boolean; [k: string]: unknown };

/**
 * A node's error as stored on its node run and shown in the API and the UI. The message is a
 * product message: an internal error (database, SQL, file paths) is logged under a reference
 * and shown as "Internal error (ref err_…)". Retryability comes from the error itself or its
 * product code (lib/errors.ts); an error without a code may be transient.
 */
export function errorInfo(err: unknown): ErrorInfo {
  const { message, ref } = toPublicError(err, { source: "node" });
  // a transient database failure (pool timeout, deadlock, lost connection) is always retryable (./transient.ts)
  if (isTransientError(err)) return { name: "TransientError", message, retryable: true, transient: true, ...(ref ? { ref } : {}) };
  if (err instanceof NodeError) return { name: err.name, message, retryable: err.retryable, ...err.details, ...(ref ? { ref } : {}) };
  const e = err as { name?: string; message?: string; retryable?: boolean; status?: number; code?: unknown };
  return {
    name: ref ? "InternalError" : (e?.name ?? "Error"),
    message,
    retryable: e?.retryable ?? isRetryableCode(e?.code),
    ...(isErrorCode(e?.code) ? { code: e.code } : {}),
    ...(e?.status ? { status: e.status } : {}),
    ...(ref ? { ref } : {}),
  };
}
