import "server-only";
import { AppError, toErrorBody } from "../errors";
import { checkRequestShape } from "./check-request";
import { can, type Permission, PERMISSIONS } from "../auth/permissions";
import { resolveWorkspaceContext } from "../auth/resolve-context";
import { getSessionUser } from "../auth/session";
import type { WorkspaceContext } from "../auth/context";

export { readJson, readJsonBody } from "./read-json";
export { readQuery } from "./check-request";
export { methodsNotAllowed } from "./method-not-allowed";

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return new Response(JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The documented error answer for any error (internal ones are logged under a reference). */
export function errorResponse(err: unknown): Response {
  const { status, body, headers } = toErrorBody(err);
  return json(body, status, headers);
}

type RouteArgs<P> = { params: Promise<P> };

/**
 * Wraps a handler so that any thrown error becomes the documented JSON error shape, and
 * requests outside the API's limits (query length, path segments with NUL or over 200
 * characters; see lib/api/README.md) are refused before the handler runs.
 */
export function handler<P = Record<string, string>>(fn: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, args: RouteArgs<P>) => {
    try {
      const params = ((await args?.params) ?? {}) as P;
      checkRequestShape(req, params as Record<string, unknown>);
      return await fn(req, params);
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
  return handler<P>(async (req, params) => fn({ req, params, ctx: await authorize(req, permission) }));
}

/** The caller's workspace context, if its role holds `permission`; else the documented 401/403/404. */
export async function authorize(req: Request, permission: Permission, sessionUser?: Parameters<typeof resolveWorkspaceContext>[1]): Promise<WorkspaceContext> {
  const ctx = await resolveWorkspaceContext(req, sessionUser);
  if (!can(ctx.role, permission)) {
    const allowed = (PERMISSIONS[permission] as readonly string[]).join(", ");
    throw new AppError("forbidden", `Your role (${ctx.role}) may not do this (${permission}); it needs one of: ${allowed}.`);
  }
  return ctx;
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
