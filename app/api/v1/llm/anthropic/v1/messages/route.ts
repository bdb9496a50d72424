import { methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { ANTHROPIC_DIALECT } from "@/lib/finops/gateway/dialects";
import { proxyLlmRequest } from "@/lib/finops/gateway/proxy-llm-request";

const proxy = withWorkspace("llm:proxy", ({ req, ctx }) => proxyLlmRequest(ctx, req, ANTHROPIC_DIALECT));

/**
 * POST /api/v1/llm/anthropic/v1/messages — Anthropic Messages gateway (base URL
 * `<switchyard>/api/v1/llm/anthropic`). Anthropic SDKs send the key as `x-api-key`; it is
 * accepted as the Switchyard API key when no `Authorization` header is present.
 */
export async function POST(req: Request, args: { params: Promise<Record<string, string>> }) {
  const key = req.headers.get("x-api-key");
  if (key && !req.headers.get("authorization")) {
    const headers = new Headers(req.headers);
    headers.set("authorization", `Bearer ${key}`);
    headers.delete("x-api-key");
    req = new Request(req.url, { method: req.method, headers, body: await req.text(), signal: req.signal });
  }
  return proxy(req, args);
}

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
