/**
 * An A2A client for an agent a workspace names by URL: the SDK's client (JSON-RPC or
 * HTTP+JSON, A2A 1.0 or 0.3 as the agent's card says) with every request — the card and each
 * call — made through the outbound guard and carrying the agent's headers.
 */
import "server-only";
import { AGENT_CARD_PATH } from "@a2a-js/sdk";
import { ClientFactory, DefaultAgentCardResolver, JsonRpcTransportFactory, RestTransportFactory, type Client } from "@a2a-js/sdk/client";
import { outboundFetch } from "../net/outbound";

/**
 * The agent card's URL for what a user typed: a URL ending in `.json` is the card itself;
 * anything else is the agent's base URL, whose card is at `/.well-known/agent-card.json` under it.
 *
 * @example agentCardUrl("https://agents.example.com/a2a/pricing") // "https://agents.example.com/a2a/pricing/.well-known/agent-card.json"
 */
export function agentCardUrl(url: string): string {
  const u = new URL(url);
  if (u.pathname.endsWith(".json")) return u.toString();
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/${AGENT_CARD_PATH.replace(/^\/+/, "")}`;
  return u.toString();
}

/** `fetch` through the outbound guard, with `headers` added (the caller's own win). */
export function guardedFetch(headers: Record<string, string> = {}): typeof fetch {
  return (input, init = {}) => {
    const merged = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const [k, v] of Object.entries(headers)) if (!merged.has(k)) merged.set(k, v);
    return outboundFetch(input as string | URL | Request, { ...init, headers: merged });
  };
}

/**
 * Fetches the agent's card and returns a client for the transport it prefers.
 *
 * @example
 * const client = await createA2AClient({ url: "https://agents.example.com/.well-known/agent-card.json", headers: { authorization: "Bearer …" } });
 */
export async function createA2AClient(agent: { url: string; headers?: Record<string, string> }, opts: { signal?: AbortSignal } = {}): Promise<Client> {
  const base = guardedFetch(agent.headers);
  const fetchImpl: typeof fetch = opts.signal ? (input, init = {}) => base(input, { signal: opts.signal, ...init }) : base;
  const legacyCompat = { enabled: true };
  const factory = new ClientFactory({
    transports: [new JsonRpcTransportFactory({ fetchImpl, legacyCompat }), new RestTransportFactory({ fetchImpl, legacyCompat })],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl, legacyCompat }),
  });
  return factory.createFromUrl(agentCardUrl(agent.url), "");
}
