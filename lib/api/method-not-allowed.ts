import { AppError, toErrorBody } from "../errors";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route handler that only answers 405; `allowedMethods` says what the route serves. */
export type MethodNotAllowedHandler = ((req: Request) => Promise<Response>) & { allowedMethods: readonly HttpMethod[] };

/**
 * JSON `405 Method Not Allowed` answers, with an `Allow` header, for the methods a route does
 * not serve (without them Next.js answers 405 with an empty body). A route file lists what it
 * serves and exports the rest:
 *
 * @example
 * export const GET = withWorkspace(…);
 * export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
 */
export function methodsNotAllowed<A extends HttpMethod>(...allowed: A[]): Record<Exclude<HttpMethod, A>, MethodNotAllowedHandler> {
  const allow = [...allowed, ...(allowed.includes("GET" as A) ? ["HEAD"] : [])].join(", ");
  const out = {} as Record<string, MethodNotAllowedHandler>;
  for (const method of HTTP_METHODS.filter((m) => !(allowed as string[]).includes(m))) {
    const handler = async (req: Request) => {
      const path = new URL(req.url).pathname;
      const { status, body } = toErrorBody(new AppError("method_not_allowed", `${method} is not allowed on ${path}; it allows ${allow}.`, undefined, { details: { allowed: allow.split(", ") } }));
      return Response.json(body, { status, headers: { allow } });
    };
    out[method] = Object.assign(handler, { allowedMethods: allowed });
  }
  return out as Record<Exclude<HttpMethod, A>, MethodNotAllowedHandler>;
}
