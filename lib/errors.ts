/**
 * The product's one error model: one code union, one HTTP status and one retry decision per
 * code, one error type and one serialiser. Route handlers throw AppError (or let zod / Prisma
 * errors escape) and `toErrorBody` turns them into the documented JSON shape
 * `{ error, code, issues?, details?, ref? }`. Errors from the runtime (node failures stored on
 * node runs) carry a code from the same union, and `isRetryableCode` decides whether trying
 * again may help.
 *
 * Anything unexpected (a database error, a programming error) never reaches a user: it is
 * logged on the server under a reference (`err_…`) and the user sees
 * "Internal error (ref err_…)" — see {@link toPublicError}.
 */
import { randomBytes } from "node:crypto";
import { ZodError, z } from "zod";

/**
 * Every error code, with the HTTP status it answers with and whether the same call may
 * succeed when tried again unchanged.
 */
const CODES = {
  // request problems
  bad_request: { status: 400, retryable: false },
  invalid_json: { status: 400, retryable: false },
  unauthorized: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  /** a target the outbound guard refuses (lib/net/outbound.ts, SWITCHYARD_OUTBOUND_ALLOW) */
  outbound_blocked: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  method_not_allowed: { status: 405, retryable: false },
  conflict: { status: 409, retryable: false },
  /** a graph whose kill switch is on (its `graph:<id>` breaker forced open): new runs are refused */
  graph_disabled: { status: 409, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  uri_too_long: { status: 414, retryable: false },
  unsupported_media_type: { status: 415, retryable: false },
  validation_failed: { status: 422, retryable: false },
  // spending
  budget_exceeded: { status: 402, retryable: false },
  rate_limited: { status: 429, retryable: true },
  /** a graph's queue of runs waiting to start is full and its policy is `reject` (flow.queue) */
  queue_full: { status: 429, retryable: true },
  loop_detected: { status: 429, retryable: false },
  // agents and nodes (stored on node runs; the status applies when one reaches the API)
  model_call_failed: { status: 502, retryable: true },
  output_invalid: { status: 422, retryable: false },
  max_turns: { status: 422, retryable: false },
  tool_loop: { status: 422, retryable: false },
  template_error: { status: 422, retryable: false },
  condition_error: { status: 422, retryable: false },
  unknown_provider: { status: 422, retryable: false },
  invalid_model_id: { status: 422, retryable: false },
  missing_credential: { status: 422, retryable: false },
  /** the model's (or agent's) circuit breaker is open: another model or the node's onError.fallback stands in */
  breaker_open: { status: 503, retryable: false },
  // the server's side
  internal_error: { status: 500, retryable: true },
  unavailable: { status: 503, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof CODES;

/** Whether `code` is one of the product's error codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(CODES, code);
}

/** The HTTP status of a code. @example statusOfCode("budget_exceeded") // 402 */
export function statusOfCode(code: ErrorCode): number {
  return CODES[code].status;
}

/**
 * Whether an error with this code may succeed when tried again unchanged. An error without a
 * product code (a dropped connection, an exhausted pool) may be transient, so it is retryable.
 *
 * @example isRetryableCode("tool_loop") // false
 * @example isRetryableCode(undefined) // true
 */
export function isRetryableCode(code: unknown): boolean {
  return isErrorCode(code) ? CODES[code].retryable : true;
}

export interface Issue {
  path: string;
  message: string;
}

/**
 * An error with a product code and a message written for the person who made the request.
 * `details` is plain JSON returned beside the message (a budget's figures, a limit);
 * `headers` are added to the HTTP answer (`Allow`, `Retry-After`).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues?: Issue[];
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  constructor(code: ErrorCode, message: string, issues?: Issue[], options?: { details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = CODES[code].status;
    this.issues = issues;
    this.details = options?.details;
    this.headers = options?.headers;
  }
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found.`);

/** "a.b[0].c" from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === "number") return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, "");
}

/** One issue per failing field; an unknown field is named in the path (`input.extra: is not a known field`). */
export function zodIssues(err: ZodError): Issue[] {
  return err.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((key) => ({ path: formatPath([...i.path, key]), message: "is not a known field" }))
      : [{ path: formatPath(i.path) || "(body)", message: i.message }],
  );
}

/** A 422 (or `code`) naming every failing field of a zod error. @example throw invalid(parsed.error, "query") */
export function invalid(err: ZodError, what = "input", code: ErrorCode = "validation_failed"): AppError {
  const issues = zodIssues(err);
  return new AppError(code, `Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}

/** The documented JSON shape of every error answer. */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
  issues?: Issue[];
  details?: Record<string, unknown>;
  /** For an internal error: the reference under which it was logged on the server. */
  ref?: string;
  /** For a refused spend (402): the budget that refused it, its figures and the shortfall. */
  budget?: Record<string, unknown>;
}

/**
 * The same shape as a zod schema: every error answer of the API, as the OpenAPI document
 * declares it (`components.schemas.Error`).
 */
export const ZErrorBody = z.object({
  error: z.string().describe("What happened, written for the caller"),
  code: z.enum(Object.keys(CODES) as [ErrorCode, ...ErrorCode[]]),
  issues: z
    .array(z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional().describe("A spec problem's node"), field: z.string().optional().describe("A spec problem's field") }))
    .optional()
    .describe("One entry per failing field"),
  details: z.record(z.string(), z.unknown()).optional(),
  ref: z.string().optional().describe("For an internal error: the reference under which it was logged"),
  budget: z.record(z.string(), z.unknown()).optional().describe("For a refused spend (402): the budget that refused it"),
});

const PRISMA_CODE = /^P\d{4}$/;
/** Text that only internals produce: ORM and SQL wording, stack frames, file paths. */
const INTERNAL_TEXT = [
  /prisma/i,
  /\binvocation\b/i,
  /Transaction API error/i,
  /\.next\//,
  /node_modules/,
  /(?:^|[\s("'])\/(?:work|home|usr|app|var|tmp|opt|root|srv)\/\S+/,
  /\bat (?:async )?\S+ \(.+:\d+:\d+\)/,
  /\bSQLSTATE\b/,
  /\bviolates (?:not-null|foreign key|unique|check) constraint\b/i,
  /\brelation "[^"]+" does not exist\b/i,
  /\bsyntax error at or near\b/i,
  /\binvalid byte sequence for encoding\b/i,
  /\bunsupported Unicode escape sequence\b/i,
  /\bout of range for type\b/i,
  /\bcould not serialize access\b/i,
  /\bdeadlock detected\b/i,
  /\bMaximum call stack size exceeded\b/i,
];

function looksInternal(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { name?: unknown; code?: unknown; clientVersion?: unknown; severity?: unknown; routine?: unknown; message?: unknown };
  const name = typeof e.name === "string" ? e.name : "";
  if (/^PrismaClient/.test(name) || name === "DriverAdapterError" || e.clientVersion !== undefined) return true;
  if (typeof e.code === "string" && PRISMA_CODE.test(e.code)) return true;
  // node-postgres DatabaseError: a SQLSTATE with the server's routine
  if (typeof e.severity === "string" && typeof e.routine === "string") return true;
  if (err instanceof ReferenceError || err instanceof RangeError || err instanceof EvalError) return true;
  // `fetch failed` is how Node reports an unreachable host: a product situation, not a bug
  if (err instanceof TypeError && e.message !== "fetch failed") return true;
  const message = typeof e.message === "string" ? e.message : "";
  return INTERNAL_TEXT.some((re) => re.test(message));
}

/** Whether an error (or one it wraps) is an internal one that must not be shown to people. */
export function isInternalError(err: unknown): boolean {
  if (err instanceof AppError) return err.code === "internal_error";
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    if (looksInternal(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const REF_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** A fresh log reference, `err_` and 12 base32 characters. */
export function newErrorRef(): string {
  return `err_${[...randomBytes(12)].map((b) => REF_ALPHABET[b % 32]).join("")}`;
}

/**
 * Logs an internal error on the server (one JSON line with the stack and the reference) and
 * returns the reference a user can quote.
 */
export function logInternalError(err: unknown, context?: Record<string, unknown>): string {
  const ref = newErrorRef();
  const stack = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  const cause = (err as { cause?: unknown } | null)?.cause;
  console.error(
    JSON.stringify({ level: "error", msg: "internal error", ref, ...context, err: stack, ...(cause ? { cause: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) } : {}) }),
  );
  return ref;
}

/**
 * The message a person may see for an error. Product errors keep their message; internal
 * ones (database, SQL, file paths, programming errors — also when wrapped) are logged under
 * a reference and replaced by "Internal error (ref err_…)".
 *
 * @example
 * toPublicError(new Error("Invalid `prisma.nodeRun.update()` invocation: …"))
 * // { message: "Internal error (ref err_7k2…)", ref: "err_7k2…" }
 */
export function toPublicError(err: unknown, context?: Record<string, unknown>): { message: string; ref?: string } {
  if (isInternalError(err)) {
    const ref = logInternalError(err, context);
    return { message: `Internal error (ref ${ref})`, ref };
  }
  const message = (err as { message?: unknown } | null)?.message;
  return { message: typeof message === "string" && message ? message : String(err) };
}

/** An error that carries its own product code, status and payload (spend refusals). */
interface CodedError {
  code: ErrorCode;
  message: string;
  /** Fields added to the error body: `{ budget }` (402) or `{ details }` (429). */
  toErrorFields: () => Pick<ErrorBody, "budget" | "details">;
  retryAfterMs?: number;
}

function isCodedError(err: unknown): err is CodedError {
  return err instanceof Error && isErrorCode((err as { code?: unknown }).code) && typeof (err as { toErrorFields?: unknown }).toErrorFields === "function";
}

/**
 * The HTTP answer for any error: its status, the documented body and extra headers.
 *
 * @example
 * const { status, body } = toErrorBody(new AppError("not_found", "Run not found."));
 * // 404, { error: "Run not found.", code: "not_found" }
 */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof AppError && err.code !== "internal_error") {
    const body: ErrorBody = { error: err.message, code: err.code, ...(err.issues ? { issues: err.issues } : {}), ...(err.details ? { details: err.details } : {}) };
    return { status: err.status, body, ...(err.headers ? { headers: err.headers } : {}) };
  }
  if (err instanceof ZodError) {
    const e = invalid(err);
    return { status: e.status, body: { error: e.message, code: e.code, issues: e.issues } };
  }
  if (isCodedError(err)) {
    const headers = err.retryAfterMs !== undefined ? { "retry-after": String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))) } : undefined;
    return { status: statusOfCode(err.code), body: { error: err.message, code: err.code, ...err.toErrorFields() }, ...(headers ? { headers } : {}) };
  }
  const prismaCode = (err as { code?: string } | null)?.code;
  if (prismaCode === "P2025") return { status: 404, body: { error: "Resource not found.", code: "not_found" } };
  if (prismaCode === "P2002") return { status: 409, body: { error: "A resource with these values already exists.", code: "conflict" } };
  const ref = logInternalError(err);
  return { status: 500, body: { error: `Internal error (ref ${ref}). It was logged on the server; quote the reference when reporting it.`, code: "internal_error", ref } };
}
