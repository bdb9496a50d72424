import { AppError, toErrorBody } from "../errors";
import { HTTP_METHODS, type HttpMethod } from "./method-not-allowed";

/**
 * Handlers for every method that answer `404 { error, code: "not_found" }` naming the method
 * and path, for the catch-all route under /api/v1.
 *
 * @example export const { GET, POST, PUT, PATCH, DELETE } = routeNotFound();
 */
export function routeNotFound(): Record<HttpMethod, (req: Request) => Promise<Response>> {
  const out = {} as Record<HttpMethod, (req: Request) => Promise<Response>>;
  for (const method of HTTP_METHODS) {
    out[method] = async (req: Request) => {
      const path = new URL(req.url).pathname;
      const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
      const { status, body } = toErrorBody(new AppError("not_found", `No API route answers ${method} ${shown}. The routes are listed at /api/v1/openapi.json.`));
      return Response.json(body, { status });
    };
  }
  return out;
}
