import type { z } from "zod";
import {
  NODE_TYPES,
  NOT_YET_RUNNABLE,
  ZAgentNode,
  ZApprovalNode,
  ZOutputNode,
  ZRouterNode,
  ZSubgraphNode,
  ZSupervisorNode,
  ZMapNode,
  ZToolNode,
  ZWaitNode,
  type TNodeType,
} from "@/lib/graphs/spec";
import type { TDraftNode } from "./types";

/** What the builder knows about one node type. */
export interface TNodeTypeInfo {
  type: TNodeType;
  label: string;
  /** One-line explanation in the palette. */
  hint: string;
  /** SVG path data (24×24, stroked); decorative, always next to the label. */
  icon: string;
  /** Tailwind classes for the node's accent. */
  accent: string;
  /** The zod schema the API validates this node type with. */
  schema: z.ZodType;
  /** A new node of this type, valid on its own. */
  defaults(id: string): TDraftNode;
  /** A short description of what the node does, shown on the card. */
  summary(node: TDraftNode): string;
}

const text = (value: unknown, max = 60) => {
  const s = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};
const modelText = (model: unknown) => (typeof model === "string" ? model : model && typeof model === "object" && "tier" in model ? `${String((model as { tier: unknown }).tier)} tier` : "no model");

/**
 * The node registry: node type → schema, defaults, icon and summary. The canvas
 * components (`node-types.tsx`) and the inspector (`inspector/`) are keyed by the same types.
 */
export const NODE_REGISTRY: Record<TNodeType, TNodeTypeInfo> = {
  agent: {
    type: "agent",
    label: "Agent",
    hint: "An LLM with a prompt, tools and structured output",
    icon: "M12 3l2.4 6.6L21 12l-6.6 2.4L12 21l-2.4-6.6L3 12l6.6-2.4z",
    accent: "bg-violet-100 text-violet-700",
    schema: ZAgentNode,
    defaults: (id) => ({ id, type: "agent", model: "sim:fast", prompt: "Summarise {{input}}" }),
    summary: (n) => `${modelText(n.model)} · ${text(n.prompt, 40)}`,
  },
  tool: {
    type: "tool",
    label: "Tool",
    hint: "An HTTP call or an MCP tool, without an LLM",
    icon: "M14.5 5.5a4 4 0 0 0 4.9 4.9L11 18.8a2.1 2.1 0 0 1-3-3l8.4-8.4a4 4 0 0 1-1.9-1.9z",
    accent: "bg-amber-100 text-amber-800",
    schema: ZToolNode,
    // No placeholder address: a new node calls nothing until its author says where (a made-up
    // default would quietly send every test run to the internet, and fail without it).
    defaults: (id) => ({ id, type: "tool", tool: { kind: "http", method: "GET", url: "" } }),
    summary: (n) => {
      const tool = (n.tool ?? {}) as Record<string, unknown>;
      if (tool.kind === "mcp") return `MCP ${text(tool.server, 20)}/${text(tool.tool, 20)}`;
      return tool.url ? `${text(tool.method, 8)} ${text(tool.url, 44)}` : `${text(tool.method, 8)} — no URL yet`;
    },
  },
  router: {
    type: "router",
    label: "Router",
    hint: "Takes the first route whose condition holds",
    icon: "M3 12h6l5-6h7M9 12l5 6h7M18 3l3 3-3 3M18 15l3 3-3 3",
    accent: "bg-sky-100 text-sky-800",
    schema: ZRouterNode,
    defaults: (id) => ({ id, type: "router", routes: [{ when: "true", to: [] }] }),
    summary: (n) => `${Array.isArray(n.routes) ? n.routes.length : 0} route(s)${n.default ? ` · default ${text(n.default, 20)}` : ""}`,
  },
  approval: {
    type: "approval",
    label: "Approval",
    hint: "Waits for a person to approve or reject",
    icon: "M5 12.5l4.5 4.5L19 7.5",
    accent: "bg-emerald-100 text-emerald-800",
    schema: ZApprovalNode,
    defaults: (id) => ({ id, type: "approval", assignees: [{ role: "approver" }] }),
    summary: (n) =>
      Array.isArray(n.assignees)
        ? n.assignees.map((a) => (a && typeof a === "object" ? ("role" in a ? `@${String(a.role)}` : String((a as { user?: unknown }).user)) : "?")).join(", ") || "no assignees"
        : "no assignees",
  },
  supervisor: {
    type: "supervisor",
    label: "Supervisor",
    hint: "Plans and delegates to sub-agents",
    icon: "M12 4a8 8 0 1 0 0.01 0zM12 9a3 3 0 1 0 0.01 0z",
    accent: "bg-fuchsia-100 text-fuchsia-800",
    schema: ZSupervisorNode,
    defaults: (id) => ({
      id,
      type: "supervisor",
      model: "sim:strong",
      task: "Complete {{input}}",
      agents: [{ name: "worker", description: "Does the work", model: "sim:fast" }],
      maxDelegations: 5,
    }),
    summary: (n) => `${modelText(n.model)} · ${Array.isArray(n.agents) ? n.agents.length : 0} agent(s)`,
  },
  map: {
    type: "map",
    label: "Map",
    hint: "Runs an agent or a graph once per item of a list",
    icon: "M4 6h16M4 12h16M4 18h16M8 4v4M12 10v4M16 16v4",
    accent: "bg-teal-100 text-teal-800",
    schema: ZMapNode,
    defaults: (id) => ({ id, type: "map", items: "{{input.items}}", concurrency: 10, agent: { model: "sim:fast", prompt: "Handle {{item}}" } }),
    summary: (n) => `${text(n.items, 30)} · ${n.graph ? "graph" : "agent"} per item`,
  },
  subgraph: {
    type: "subgraph",
    label: "Subgraph",
    hint: "Runs another saved graph as one step",
    icon: "M4 9h10v11H4zM9 4h11v11h-6",
    accent: "bg-slate-200 text-slate-700",
    schema: ZSubgraphNode,
    defaults: (id) => ({ id, type: "subgraph", graph: "" }),
    summary: (n) => (n.graph ? `${text(n.graph, 30)}${n.version ? ` v${String(n.version)}` : " (latest)"}` : "no graph chosen"),
  },
  wait: {
    type: "wait",
    label: "Wait",
    hint: "Sleeps, or waits for an external event",
    icon: "M12 4a8 8 0 1 0 0.01 0zM12 8v4.5l3 2",
    accent: "bg-orange-100 text-orange-800",
    schema: ZWaitNode,
    defaults: (id) => ({ id, type: "wait", sleep: "1h" }),
    summary: (n) => (n.event && typeof n.event === "object" ? `event ${text((n.event as { name?: unknown }).name, 30)}` : n.sleep ? `sleep ${text(n.sleep, 12)}` : "waits"),
  },
  output: {
    type: "output",
    label: "Output",
    hint: "The run's result",
    icon: "M6 20V4M6 4h11l-2.5 4L17 12H6",
    accent: "bg-brand-100 text-brand-700",
    schema: ZOutputNode,
    defaults: (id) => ({ id, type: "output", value: {} }),
    summary: (n) => text(n.value, 44),
  },
};

/** A node type's icon. */
export function NodeIcon({ type, className = "" }: { type: TNodeType; className?: string }) {
  const info = NODE_REGISTRY[type];
  return (
    <span aria-hidden className={`grid h-6 w-6 shrink-0 place-items-center rounded ${info.accent} ${className}`}>
      <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d={info.icon} />
      </svg>
    </span>
  );
}

/**
 * What the palette offers: every node type, in the spec's order. Types the runtime cannot run
 * yet (NOT_YET_RUNNABLE) are offered as a preview, marked so: a graph can hold them and be
 * saved, but its runs are refused until their executors land.
 */
export const PALETTE: readonly (TNodeTypeInfo & { preview: boolean })[] = NODE_TYPES.map((type) => ({ ...NODE_REGISTRY[type], preview: NOT_YET_RUNNABLE.includes(type) }));

export function isNodeType(value: unknown): value is TNodeType {
  return typeof value === "string" && (NODE_TYPES as readonly string[]).includes(value);
}

/** A node id not used yet: `agent`, `agent_2`, `agent_3`… */
export function freshNodeId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z]+/, "") || "node";
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/_\d+$/, "");
  for (let i = 2; ; i++) if (!taken.has(`${stem}_${i}`)) return `${stem}_${i}`;
}
