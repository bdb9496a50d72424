import { OPENAI_EMBEDDINGS_DIALECT } from "@/lib/finops/gateway/dialects";
import { gatewayRoute } from "@/lib/finops/gateway/route";

/** POST /api/v1/llm/openai/v1/embeddings — OpenAI embeddings through the gateway, metered by input tokens. */
export const { POST, GET, PUT, PATCH, DELETE } = gatewayRoute(OPENAI_EMBEDDINGS_DIALECT);
