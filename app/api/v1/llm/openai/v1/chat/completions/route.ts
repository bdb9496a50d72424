import { methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { OPENAI_DIALECT } from "@/lib/finops/gateway/dialects";
import { proxyLlmRequest } from "@/lib/finops/gateway/proxy-llm-request";

/**
 * POST /api/v1/llm/openai/v1/chat/completions — OpenAI-compatible gateway: point an agent's
 * OpenAI base URL at `<switchyard>/api/v1/llm/openai/v1` and use a Switchyard API key; spend is
 * budgeted, attributed (x-switchyard-agent / -tags / -customer) and metered, streams included.
 */
export const POST = withWorkspace("llm:proxy", ({ req, ctx }) => proxyLlmRequest(ctx, req, OPENAI_DIALECT));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
