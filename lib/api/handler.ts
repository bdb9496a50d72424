import "server-only";
import type { z } from "zod";
import { AppError, toErrorBody, zodIssues } from "../errors";
import { can, type Permission, PERMISSIONS } from "../auth/permissions";
import { resolveWorkspaceContext } from "../auth/resolve-context";
import { getSessionUser } from "../auth/session";
import type { WorkspaceContext } from "../auth/context";

export const MAX_JSON_BYTES = 1024 * 1024;

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return new Response(JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorResponse(err: unknown): Response {
  const { status, body } = toErrorBody(err);
  if (status >= 500) console.error(JSON.stringify({ level: "error", msg: "request failed", err: String((err as Error)?.stack ?? err) }));
  return json(body, status);
}

/**
 * Parses a JSON body against a schema: malformed JSON is a 400, a body over
 * 1 MiB a 413, a schema mismatch a 422 naming each field.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) {
    throw new AppError("payload_too_large", `The request body is larger than ${MAX_JSON_BYTES} bytes.`);
  }
  let data: unknown = {};
  if (text.trim()) {
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new AppError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError("validation_failed", `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return parsed.data;
}

type RouteArgs<P> = { params: Promise<P> };

/** Wraps a handler so that any thrown error becomes the stable JSON error shape. */
export function handler<P = Record<string, string>>(fn: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, args: RouteArgs<P>) => {
    try {
      return await fn(req, ((await args?.params) ?? {}) as P);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * A route handler that runs inside a workspace, for a role that holds
 * `permission`. The handler receives the scoped context; it never sees an
 * unscoped database.
 */
export function withWorkspace<P = Record<string, string>>(
  permission: Permission,
  fn: (args: { req: Request; params: P; ctx: WorkspaceContext }) => Promise<Response>,
) {
  return handler<P>(async (req, params) => {
    const ctx = await resolveWorkspaceContext(req);
    if (!can(ctx.role, permission)) {
      const allowed = (PERMISSIONS[permission] as readonly string[]).join(", ");
      throw new AppError("forbidden", `Your role (${ctx.role}) may not do this (${permission}); it needs one of: ${allowed}.`);
    }
    return fn({ req, params, ctx });
  });
}

/** A route handler for a signed-in user outside any workspace (their workspaces, invitations). */
export function withUser<P = Record<string, string>>(
  fn: (args: { req: Request; params: P; user: { id: string; email: string; name: string | null } }) => Promise<Response>,
) {
  return handler<P>(async (req, params) => {
    const user = req.headers.get("cookie") ? await getSessionUser() : null;
    if (!user) throw new AppError("unauthorized", "Sign in first.");
    return fn({ req, params, user });
  });
}
