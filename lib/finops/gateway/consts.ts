/** Wire strings of the LLM gateway, defined once. */

/** Attribution headers an external agent sends with each request. */
export const AGENT_HEADER = "x-switchyard-agent";
/** Comma-separated tags. */
export const TAGS_HEADER = "x-switchyard-tags";
export const CUSTOMER_HEADER = "x-switchyard-customer";

/** Response headers: the concrete model used, the routing reason, and (non-streaming) the cost. */
export const MODEL_RESPONSE_HEADER = "x-switchyard-model";
export const ROUTE_RESPONSE_HEADER = "x-switchyard-route";
export const COST_RESPONSE_HEADER = "x-switchyard-cost-usd";

/** `model: "switchyard:<tier>"` asks the gateway to route by policy. */
export const ROUTED_MODEL_PREFIX = "switchyard:";

/** Provider endpoints used when neither the workspace nor the environment sets a base URL. */
export const DEFAULT_BASE_URLS = { openai: "https://api.openai.com/v1", anthropic: "https://api.anthropic.com/v1" } as const;

/** LLM requests carry whole conversations: allow more than the API's usual 1 MiB. */
export const MAX_GATEWAY_BODY_BYTES = 16 * 1024 * 1024;

/** The longest a call may take upstream (a long stream included) before it is cut. */
export const UPSTREAM_TIMEOUT_MS = 10 * 60_000;

/**
 * How long a gateway call's budget reservation is held if nobody settles it (the process died
 * mid-call): longer than any call may take, after which the reaper releases it.
 */
export const GATEWAY_RESERVATION_TTL_MS = UPSTREAM_TIMEOUT_MS + 5 * 60_000;
