import "server-only";
import { errorResponse, methodsNotAllowed } from "../../api/handler";
import type { WorkspaceContext } from "../../auth/context";
import { resolveWorkspaceContext } from "../../auth/resolve-context";
import type { Dialect } from "./dialects";
import { gatewayKeyOf, proxyLlmCall } from "./proxy-llm-request";

/**
 * The route handlers of one gateway endpoint, for when Next.js serves it (`npm start` answers
 * gateway paths in front of Next.js, see serve-node.ts; these serve `next dev`/`next start` run
 * bare, and signed-in browser sessions). Same code path, same answers.
 *
 * @example
 * export const { POST, GET, PUT, PATCH, DELETE } = gatewayRoute(OPENAI_DIALECT);
 */
export function gatewayRoute(dialect: Dialect) {
  async function POST(req: Request, _args?: unknown): Promise<Response> {
    const text = await req.text();
    let session: WorkspaceContext | undefined;
    if (!gatewayKeyOf(req.headers) && req.headers.get("cookie")) {
      try {
        session = await resolveWorkspaceContext(req);
      } catch (err) {
        return errorResponse(err);
      }
    }
    const out = await proxyLlmCall(dialect, { headers: req.headers, text, signal: req.signal }, session);
    return new Response(out.body, { status: out.status, headers: out.headers });
  }
  return { POST, ...methodsNotAllowed("POST") };
}
