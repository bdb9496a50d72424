/**
 * One error type for the product and one translation to HTTP. Route handlers
 * throw AppError (or let zod / Prisma errors escape) and `toErrorResponse` turns
 * them into a stable JSON shape: `{ error, code, issues? }`. Anything unexpected
 * becomes a 500 that leaks nothing.
 */
import { ZodError } from "zod";

export type ErrorCode =
  | "bad_request"
  | "invalid_json"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "internal_error"
  | "unavailable";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  internal_error: 500,
  unavailable: 503,
};

export interface Issue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues?: Issue[];
  constructor(code: ErrorCode, message: string, issues?: Issue[]) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.issues = issues;
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

export function zodIssues(err: ZodError): Issue[] {
  return err.issues.map((i) => ({ path: formatPath(i.path) || "(body)", message: i.message }));
}

export interface ErrorBody {
  error: string;
  code: ErrorCode;
  issues?: Issue[];
}

export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: err.message, code: err.code, ...(err.issues ? { issues: err.issues } : {}) } };
  }
  if (err instanceof ZodError) {
    const issues = zodIssues(err);
    return {
      status: 422,
      body: { error: `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, code: "validation_failed", issues },
    };
  }
  const prismaCode = (err as { code?: string } | null)?.code;
  if (prismaCode === "P2025") return { status: 404, body: { error: "Resource not found.", code: "not_found" } };
  if (prismaCode === "P2002") return { status: 409, body: { error: "A resource with these values already exists.", code: "conflict" } };
  return { status: 500, body: { error: "Something went wrong on our side. The error was logged.", code: "internal_error" } };
}
