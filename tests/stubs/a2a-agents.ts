/**
 * External A2A agents for tests, built with the A2A SDK's own server (its request handler and
 * Express transport) on 127.0.0.1: one agent per path, each with its agent card at
 * `<path>/.well-known/agent-card.json`.
 */
import type { AddressInfo } from "node:net";
import type http from "node:http";
import express from "express";
import { A2A_LEGACY_PROTOCOL_VERSION } from "@a2a-js/sdk/compat/v0_3";
import { A2A_PROTOCOL_VERSION, Role, TaskState, type AgentCard, type Message, type Part, type Task } from "@a2a-js/sdk";
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore, type AgentExecutor, type ExecutionEventBus, type RequestContext } from "@a2a-js/sdk/server";
import { UserBuilder, agentCardHandler, jsonRpcHandler } from "@a2a-js/sdk/server/express";

/** What an agent does with the message it got: the task's end, as the SDK's events. */
export type AgentBehaviour = (msg: Message, task: { id: string; contextId: string }) => Promise<{
  state: TaskState;
  /** the status message's text */
  say?: string;
  /** one artifact with these parts */
  artifact?: Part[];
  metadata?: Record<string, unknown>;
  delayMs?: number;
}>;

export const text = (value: string): Part => ({ content: { $case: "text", value }, mediaType: "text/plain", filename: "", metadata: undefined });
export const data = (value: unknown): Part => ({ content: { $case: "data", value }, mediaType: "application/json", filename: "", metadata: undefined });

class BehaviourExecutor implements AgentExecutor {
  readonly received: Message[] = [];
  constructor(private readonly behave: AgentBehaviour) {}
  execute = async (ctx: RequestContext, bus: ExecutionEventBus) => {
    const msg = ctx.userMessage;
    this.received.push(msg);
    const ids = { id: ctx.taskId, contextId: ctx.contextId };
    const task: Task = { ...ids, status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() }, artifacts: [], history: [msg], metadata: {} };
    bus.publish(AgentEvent.task(task));
    const end = await this.behave(msg, ids);
    if (end.delayMs) await new Promise((r) => setTimeout(r, end.delayMs));
    if (end.artifact) {
      bus.publish(AgentEvent.artifactUpdate({ taskId: ids.id, contextId: ids.contextId, artifact: { artifactId: crypto.randomUUID(), name: "result", description: "", parts: end.artifact, metadata: end.metadata, extensions: [] }, append: false, lastChunk: true, metadata: undefined }));
    }
    const message: Message | undefined = end.say
      ? { role: Role.ROLE_AGENT, messageId: crypto.randomUUID(), taskId: ids.id, contextId: ids.contextId, parts: [text(end.say)], metadata: end.metadata, extensions: [], referenceTaskIds: [] }
      : undefined;
    bus.publish(AgentEvent.statusUpdate({ taskId: ids.id, contextId: ids.contextId, status: { state: end.state, message, timestamp: new Date().toISOString() }, metadata: end.metadata }));
  };
  cancelTask = async (taskId: string, bus: ExecutionEventBus) => {
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId: "", status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: new Date().toISOString() }, metadata: {} }));
  };
}

function cardFor(name: string, url: string, legacy: boolean): AgentCard {
  return agentCard({ name, url, legacy });
}

/** An A2A agent card as a remote agent publishes it (skills: one named after the agent, unless given). */
export function agentCard(opts: { name: string; url: string; description?: string; legacy?: boolean; skills?: { id: string; name: string; description: string }[] }): AgentCard {
  const { name, url } = opts;
  const description = opts.description ?? `Test agent ${name}`;
  return {
    name,
    description,
    supportedInterfaces: [{ url, protocolBinding: "JSONRPC", tenant: "", protocolVersion: opts.legacy ? A2A_LEGACY_PROTOCOL_VERSION : A2A_PROTOCOL_VERSION }],
    provider: undefined,
    version: "1.0.0",
    capabilities: { streaming: false, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ["text/plain", "application/json"],
    defaultOutputModes: ["application/json"],
    skills: (opts.skills ?? [{ id: name, name, description }]).map((s) => ({ ...s, tags: [], examples: [], inputModes: [], outputModes: [], securityRequirements: [] })),
    signatures: [],
  };
}

/**
 * Starts one SDK server with an agent per entry of `agents` (path → behaviour). Agents named in
 * `opts.legacy` speak A2A 0.3 only (their card and their JSON-RPC, as most agents in the wild).
 * `requests` lists every HTTP request the server got (method and path), and `received` the
 * messages each agent was sent.
 */
export async function startA2AAgents(agents: Record<string, AgentBehaviour>, opts: { legacy?: string[] } = {}) {
  const app = express();
  /** every request: method, path, authorization header, JSON-RPC method */
  const requests: { method: string; path: string; authorization?: string; rpc?: string }[] = [];
  // parsed here once (the SDK's handlers skip a parsed body) to record the JSON-RPC method
  app.use(express.json({ type: ["application/json", "application/a2a+json"] }));
  app.use((req, _res, next) => {
    requests.push({ method: req.method, path: req.path, authorization: req.header("authorization"), rpc: (req.body as { method?: string } | undefined)?.method });
    next();
  });
  const server: http.Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const received: Record<string, Message[]> = {};
  for (const [name, behave] of Object.entries(agents)) {
    const executor = new BehaviourExecutor(behave);
    received[name] = executor.received;
    const legacy = opts.legacy?.includes(name) ?? false;
    const handler = new DefaultRequestHandler(cardFor(name, `${url}/${name}`, legacy), new InMemoryTaskStore(), executor);
    const legacyCompat = { enabled: legacy };
    app.use(`/${name}/.well-known/agent-card.json`, agentCardHandler({ agentCardProvider: handler, legacyCompat }));
    app.use(`/${name}`, jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication, legacyCompat }));
  }
  return {
    url,
    /** the card URL of agent `name` */
    card: (name: string) => `${url}/${name}/.well-known/agent-card.json`,
    requests,
    received,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
