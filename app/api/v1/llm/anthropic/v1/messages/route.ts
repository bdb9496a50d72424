import { ANTHROPIC_DIALECT } from "@/lib/finops/gateway/dialects";
import { gatewayRoute } from "@/lib/finops/gateway/route";

/**
 * POST /api/v1/llm/anthropic/v1/messages — Anthropic Messages gateway (base URL
 * `<switchyard>/api/v1/llm/anthropic`). Anthropic SDKs send the key as `x-api-key`; it is
 * accepted as the Switchyard API key when no `Authorization` header is present.
 */
export const { POST, GET, PUT, PATCH, DELETE } = gatewayRoute(ANTHROPIC_DIALECT);
