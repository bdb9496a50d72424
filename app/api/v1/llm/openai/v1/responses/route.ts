import { OPENAI_RESPONSES_DIALECT } from "@/lib/finops/gateway/dialects";
import { gatewayRoute } from "@/lib/finops/gateway/route";

/**
 * POST /api/v1/llm/openai/v1/responses — the OpenAI Responses API through the gateway, metered
 * and budgeted like chat completions (streams from their `response.completed` usage).
 */
export const { POST, GET, PUT, PATCH, DELETE } = gatewayRoute(OPENAI_RESPONSES_DIALECT);
