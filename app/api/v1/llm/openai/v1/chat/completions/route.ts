import { OPENAI_DIALECT } from "@/lib/finops/gateway/dialects";
import { gatewayRoute } from "@/lib/finops/gateway/route";

/**
 * POST /api/v1/llm/openai/v1/chat/completions — OpenAI-compatible gateway: point an agent's
 * OpenAI base URL at `<switchyard>/api/v1/llm/openai/v1` and use a Switchyard API key; spend is
 * budgeted, attributed (x-switchyard-agent / -tags / -customer) and metered, streams included.
 */
export const { POST, GET, PUT, PATCH, DELETE } = gatewayRoute(OPENAI_DIALECT);
