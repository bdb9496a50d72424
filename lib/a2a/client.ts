/**
 * An A2A client for an agent a workspace names by URL: the SDK's client (JSON-RPC or
 * HTTP+JSON, A2A 1.0 or 0.3 as the agent's card says) with every request — the card and each
 * call — made through the outbound guard and carrying the agent's headers.
 */
import "server-only";
import { AGENT_CARD_PATH } from "@a2a-js/sdk";
import type { AgentCard } from "@a2a-js/sdk";
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

type AgentRef = { url: string; headers?: Record<string, string> };
/** Cards and transports of A2A 0.3 agents are understood too (most agents in the wild still speak it). */
const legacyCompat = { enabled: true };

function fetchFor(agent: AgentRef, signal?: AbortSignal): typeof fetch {
  const base = guardedFetch(agent.headers);
  return signal ? (input, init = {}) => base(input, { signal, ...init }) : base;
}

/**
 * The agent's card (A2A 1.0 or 0.3, in the SDK's 1.0 form), fetched through the outbound guard
 * with the agent's headers. Throws when there is no card at the URL.
 *
 * @example const card = await resolveAgentCard({ url: "https://agents.example.com/pricing/" }); // card.name, card.skills
 */
export function resolveAgentCard(agent: AgentRef, opts: { signal?: AbortSignal } = {}): Promise<AgentCard> {
  return new DefaultAgentCardResolver({ fetchImpl: fetchFor(agent, opts.signal), legacyCompat }).resolve(agentCardUrl(agent.url), "");
}

/**
 * Fetches the agent's card and returns a client for the transport it prefers.
 *
 * @example
 * const client = await createA2AClient({ url: "https://agents.example.com/.well-known/agent-card.json", headers: { authorization: "Bearer …" } });
 */
export async function createA2AClient(agent: AgentRef, opts: { signal?: AbortSignal } = {}): Promise<Client> {
  const fetchImpl = fetchFor(agent, opts.signal);
  const factory = new ClientFactory({
    transports: [new JsonRpcTransportFactory({ fetchImpl, legacyCompat }), new RestTransportFactory({ fetchImpl, legacyCompat })],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl, legacyCompat }),
  });
  return factory.createFromUrl(agentCardUrl(agent.url), "");
}
