import "server-only";
import { backoffDelayMs, nodeTimeoutMs, retryPolicyFor } from "../../graphs/spec/policy";
import { extractReferences, renderTemplate, renderValue, type TTemplateContext } from "../../graphs/spec/template";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { WorkspaceContext } from "../../auth/context";
import { costOf } from "../../finops/money";
import { getPriceOrThrow } from "../../finops/get-price";
import { parseMcpToolName, type ResolvedMcpServer } from "../mcp/mcp-servers";
import { fanOut, type FanOutTask } from "../fan-out";
import type { JsonValue } from "../run-state";
import type { FlowExecutor, NodeContext, NodeResult } from "./context";
import { executeAgentNode } from "./agent-node";
import { errorInfo, NodeError, type ErrorInfo } from "./errors";

type MapNode = TNodeOf<"map">;

/** Items a map takes when the node does not say (`maxItems`). */
export const DEFAULT_MAX_ITEMS = 1000;
/** Items in flight when the node does not say (`concurrency`). */
export const DEFAULT_MAP_CONCURRENCY = 10;
/** The longest wait before an item's next attempt (it waits inside its step, holding a slot). */
const MAX_ITEM_BACKOFF_MS = 10_000;

/**
 * A map: an inline agent or a saved graph once per item of a list, at most `concurrency` at
 * once, through the durable fan-out (../fan-out.ts). Its output is the items' results in the
 * list's order. Steps: `map-start:<id>` (the items rendered, the node marked running), the
 * fan-out's `map:<id>:…` steps, `map-done:<id>` (the output, or the failure, written).
 * Every item has a Delegation row (agent = the node's id, kind `inline` or `graph`, seq = its
 * index). An item's cost is the map node's: its agent spends as the map node.
 */
export const mapExecutor: FlowExecutor<MapNode> = {
  kind: "flow",
  async run(n, node) {
    const { step, runId, workspaceId, life } = n;
    const started = await step.run(`map-start:${node.id}`, async (): Promise<{ items: JsonValue[] } | { error: ErrorInfo }> => {
      const ctx = await life.context(workspaceId);
      await life.markNodeRunning(ctx, runId, node.id, 1, n.nodeInput(node));
      const problem = itemsProblem(node, n.templateContext());
      if ("error" in problem) {
        await life.failNode(ctx, runId, node.id, problem.error, 1, true);
        return problem;
      }
      await life.trace(ctx, runId, node.id, "map.started", `${problem.items.length} item(s), ${concurrencyOf(node)} at a time`, { items: problem.items.length, concurrency: concurrencyOf(node) });
      return problem;
    });
    if ("error" in started) return { status: "failed", error: started.error };
    const items = started.items;
    const tasks = items.map((item, index) => itemTask(n, node, item, index));
    const results = await fanOut(n, { prefix: `map:${node.id}`, nodeId: node.id, tasks, concurrency: concurrencyOf(node) });
    if (results.some((r) => r.status === "cancelled")) return { status: "cancelled" };
    return step.run(`map-done:${node.id}`, async (): Promise<NodeResult> => {
      const ctx = await life.context(workspaceId);
      const failed = results.flatMap((r, index) => (r.status === "failed" ? [{ index, error: r.error }] : []));
      const total = results.reduce((sum, r) => sum + (r.status === "ok" ? costUsdOf(r.value) : 0), 0);
      if (failed.length && (node.onItemError ?? "fail") === "fail") {
        const first = failed[0];
        const info: ErrorInfo = {
          name: "MapItemFailed",
          message: `Item ${first.index} failed: ${first.error.message}${failed.length > 1 ? ` (and ${failed.length - 1} more item(s): ${failed.slice(1, 11).map((f) => f.index).join(", ")}${failed.length > 11 ? ", …" : ""})` : ""}`,
          retryable: false,
          reason: "map_item_failed",
          item: first.index,
          failedItems: failed.map((f) => f.index),
        };
        await life.failNode(ctx, runId, node.id, info, 1, true);
        return { status: "failed", error: info };
      }
      const output = results.map((r) => (r.status === "ok" ? outputOf(r.value) : null));
      const provenance = {
        agent: node.id,
        graphId: n.plan.graphId,
        graphVersion: n.plan.version,
        items: items.length,
        ...(node.graph ? { graph: node.graph.graph } : {}),
        costUsd: total,
        ...(failed.length ? { failedItems: failed.map((f) => ({ index: f.index, error: f.error.message })) } : {}),
      };
      const message = failed.length ? `Succeeded with ${failed.length} of ${items.length} item(s) failed (null): ${failed.slice(0, 10).map((f) => f.index).join(", ")}${failed.length > 10 ? ", …" : ""}` : `Succeeded: ${items.length} item(s)`;
      // the inputs its items came from, as every node's record holds them; an inline agent's model names the node's
      const model = typeof node.agent?.model === "string" ? node.agent.model : undefined;
      await life.completeNode(ctx, runId, node.id, output, { provenance, message, inputs: n.nodeInput(node), ...(model ? { usage: { model, provider: model.split(":")[0] } } : {}) });
      return { status: "succeeded", output };
    });
  },
};

function concurrencyOf(node: MapNode): number {
  return node.concurrency ?? DEFAULT_MAP_CONCURRENCY;
}

/** The items as a list, or why they are not one. */
export function itemsProblem(node: MapNode, tctx: TTemplateContext): { items: JsonValue[] } | { error: ErrorInfo } {
  const fail = (message: string, extra: Record<string, unknown> = {}) => ({ error: { name: "MapItemsInvalid", message, retryable: false, reason: "map_items_invalid", ...extra } });
  let items: unknown;
  try {
    items = renderTemplate(node.items, tctx);
  } catch (err) {
    return fail(`items ${node.items}: ${errorInfo(err).message}`);
  }
  if (!Array.isArray(items)) {
    return fail(`items ${node.items} must resolve to a list, but it is ${items === null ? "null" : typeof items === "object" ? "an object" : `a ${typeof items}`}`);
  }
  const max = node.maxItems ?? DEFAULT_MAX_ITEMS;
  if (items.length > max) return fail(`items ${node.items} has ${items.length} items, more than maxItems (${max}) — raise maxItems (up to 10000) or split the list`, { items: items.length, maxItems: max });
  return { items: items as JsonValue[] };
}

/** An item's result as the fan-out stores it: a delegation result envelope. */
type ItemEnvelope = { status: "done"; output: JsonValue; confidence: number; rationale: string; costUsd?: number; childRunId?: string };

function outputOf(value: JsonValue): JsonValue {
  return value && typeof value === "object" && !Array.isArray(value) && "output" in value ? (value.output ?? null) : value;
}

function costUsdOf(value: JsonValue): number {
  return value && typeof value === "object" && !Array.isArray(value) && typeof value.costUsd === "number" ? value.costUsd : 0;
}

function itemContext(n: NodeContext, item: JsonValue, index: number): TTemplateContext {
  return { ...n.templateContext(), map: { item, index } };
}

function itemTask(n: NodeContext, node: MapNode, item: JsonValue, index: number): FanOutTask {
  const request = { task: `Item ${index} of ${node.id}`, context: { item, index } } as JsonValue;
  if (node.graph) {
    const g = node.graph;
    return {
      seq: index,
      delegation: { agent: node.id, kind: "graph", request },
      invoke: {
        start: async (ctx) => {
          const { startChildRun } = await import("../../runs/start-child-run");
          const input = (renderValue(g.input ?? {}, itemContext(n, item, index)) ?? {}) as Record<string, unknown>;
          const child = await startChildRun(ctx, {
            parentRunId: n.runId,
            parentNodeId: node.id,
            graph: g.graph,
            version: g.version,
            input,
            tags: n.plan.tags,
            customerKey: n.plan.customerKey,
            idempotencyKey: `map:${n.runId}:${node.id}:${index}`,
          });
          return { childRunId: child.runId, data: { runId: child.runId, workspaceId: n.workspaceId } };
        },
        timeout: node.timeout ?? "30d",
        finish: async (ctx, childRunId, invoked) => {
          const child = await ctx.db.run.findFirst({ where: { id: childRunId }, select: { status: true, output: true, error: true, costUsd: true } });
          if (invoked.error || child?.status !== "succeeded") {
            const why = (child?.error as { message?: string } | null)?.message ?? invoked.error?.message;
            throw new NodeError(`Sub-run ${childRunId} ended ${child?.status ?? "unknown"}${why ? `: ${why}` : ""}`, false, { childRunId });
          }
          const output = (child.output ?? (invoked.result as { output?: unknown } | undefined)?.output ?? null) as JsonValue;
          const envelope: ItemEnvelope = { status: "done", output, confidence: 1, rationale: `Run ${childRunId} succeeded`, costUsd: Number(child.costUsd ?? 0), childRunId };
          return envelope as unknown as JsonValue;
        },
      },
    };
  }
  const agent = node.agent!;
  return {
    seq: index,
    delegation: { agent: node.id, kind: "inline", request },
    work: async (ctx) => {
      const env = await agentEnv(n, node, ctx);
      const tctx = itemContext(n, item, index);
      tctx.secret = env.secret;
      const spec = n.spec;
      const policy = retryPolicyFor(spec, node);
      // the item's agent spends as the map node (its budgets, its costs)
      const agentNode = { ...agent, id: node.id, type: "agent" as const, needs: node.needs, tags: node.tags };
      for (let attempt = 1; ; attempt++) {
        try {
          const r = await executeAgentNode(ctx, n.plan, agentNode, tctx, { timeoutMs: nodeTimeoutMs(spec, node) ?? 10 * 60_000, attempt, mcpServers: env.mcpServers });
          const costUsd = Number(costOf(r.usage, await getPriceOrThrow(ctx, r.usage.model)));
          const envelope: ItemEnvelope = { status: "done", output: (r.output ?? null) as JsonValue, confidence: 1, rationale: `Answered by ${r.usage.model}`, costUsd };
          return envelope as unknown as JsonValue;
        } catch (err) {
          const info = errorInfo(err);
          if (!(err instanceof NodeError) || !info.retryable || attempt >= Math.min(policy.attempts, 10)) throw err;
          await new Promise((r) => setTimeout(r, Math.min(MAX_ITEM_BACKOFF_MS, backoffDelayMs(policy.backoff, attempt))));
        }
      }
    },
  };
}

/** Secrets and MCP servers of the map's agent, loaded once per step (per workspace context). */
const envs = new WeakMap<WorkspaceContext, Promise<{ secret: (name: string) => string | undefined; mcpServers: Record<string, ResolvedMcpServer> }>>();

function agentEnv(n: NodeContext, node: MapNode, ctx: WorkspaceContext) {
  let env = envs.get(ctx);
  if (!env) {
    env = (async () => {
      const agent = node.agent!;
      const servers = (agent.tools ?? []).some((t) => parseMcpToolName(t));
      const mcpServers = servers ? await n.life.resolveMcpServers(ctx) : {};
      const names = new Set<string>();
      for (const text of [agent.prompt, agent.instructions ?? ""]) {
        try {
          for (const ref of extractReferences(text)) if (ref.root === "secrets" && ref.path[0]) names.add(ref.path[0]);
        } catch {
          // validation refused malformed templates
        }
      }
      for (const t of agent.tools ?? []) {
        const ref = parseMcpToolName(t);
        const headers = ref ? mcpServers[ref.server]?.headers : undefined;
        for (const v of Object.values(headers ?? {})) {
          try {
            for (const r of extractReferences(String(v))) if (r.root === "secrets" && r.path[0]) names.add(r.path[0]);
          } catch {
            // as above
          }
        }
      }
      const secrets = names.size ? await n.life.loadSecrets(ctx, [...names]) : new Map<string, string>();
      return { secret: (name: string) => secrets.get(name), mcpServers };
    })();
    envs.set(ctx, env);
    env.catch(() => envs.delete(ctx));
  }
  return env;
}

