/**
 * Breaker keys, defined once: what a breaker guards is in its key.
 * - `agent:<graphId>/<nodeId>/<name>`: a supervisor's sub-agent
 * - `model:<provider:model>`: a model, shared by every node that calls it
 * - `graph:<graphId>`: a whole graph (the kill switch: new runs refused, running ones paused)
 * Pure, so the UI can use it too.
 */
export const BREAKER_KINDS = ["agent", "model", "graph"] as const;
export type BreakerKind = (typeof BREAKER_KINDS)[number];

export type ParsedBreakerKey =
  | { kind: "agent"; graphId: string; nodeId: string; name: string }
  | { kind: "model"; modelId: string }
  | { kind: "graph"; graphId: string };

const ID = /^[A-Za-z0-9_.-]+$/;
const MODEL = /^[a-z0-9][a-z0-9-]*:[^\s]+$/;

/** The breaker of a supervisor's sub-agent. @example agentBreakerKey("gr_1", "review", "pricing") // "agent:gr_1/review/pricing" */
export const agentBreakerKey = (graphId: string, nodeId: string, name: string) => `agent:${graphId}/${nodeId}/${name}`;
/** The breaker of a model. @example modelBreakerKey("openai:gpt-4o") // "model:openai:gpt-4o" */
export const modelBreakerKey = (modelId: string) => `model:${modelId}`;
/** A graph's kill switch. @example graphBreakerKey("gr_1") // "graph:gr_1" */
export const graphBreakerKey = (graphId: string) => `graph:${graphId}`;

/**
 * Reads a key, or says what is wrong with it (for a 422 naming the field).
 *
 * @example parseBreakerKey("model:openai:gpt-4o") // { kind: "model", modelId: "openai:gpt-4o" }
 * @example parseBreakerKey("tool:x") // { error: "must start with agent:, model: or graph: …" }
 */
export function parseBreakerKey(key: string): ParsedBreakerKey | { error: string } {
  const colon = key.indexOf(":");
  const kind = colon > 0 ? key.slice(0, colon) : "";
  const rest = key.slice(colon + 1);
  if (key.length > 300) return { error: "is longer than 300 characters" };
  if (kind === "graph") return ID.test(rest) ? { kind, graphId: rest } : { error: "must be graph:<graphId>, e.g. graph:gr_01jd…" };
  if (kind === "model") return MODEL.test(rest) ? { kind, modelId: rest } : { error: "must be model:<provider>:<model>, e.g. model:openai:gpt-4o-mini" };
  if (kind === "agent") {
    const parts = rest.split("/");
    if (parts.length === 3 && parts.every((p) => ID.test(p))) return { kind, graphId: parts[0], nodeId: parts[1], name: parts[2] };
    return { error: "must be agent:<graphId>/<nodeId>/<name>, e.g. agent:gr_01jd…/review/pricing" };
  }
  return { error: "must start with agent:, model: or graph: (agent:<graphId>/<nodeId>/<name>, model:<provider>:<model>, graph:<graphId>)" };
}

/** The kind of a key, or null when it has none of the known shapes. */
export function breakerKindOf(key: string): BreakerKind | null {
  const parsed = parseBreakerKey(key);
  return "error" in parsed ? null : parsed.kind;
}
