import type { WorkspaceContext } from "../../auth/context";
import type { GraphDag } from "../../graphs/spec/dag";
import type { TTemplateContext } from "../../graphs/spec/template";
import type { TGraphSpec, TNodeOf, TNodeSpec, TNodeType } from "../../graphs/spec/schema";
import type { BudgetExceededDetails } from "../../finops/errors";
import type { Reservation } from "../../finops/reserve-budget";
import type { ResolvedMcpServer } from "../mcp/mcp-servers";
import type { JsonValue, NodeUsage, RunPlan } from "../run-state";
import type { RunLifecycle } from "../run-lifecycle";
import type { ErrorInfo } from "./errors";

/**
 * The step tools the interpreter needs; the Inngest SDK's `step` satisfies it.
 * Each node is one or more durable steps, so a crash resumes at the first
 * node whose step was not recorded, and finished nodes are never re-run (or
 * re-paid for).
 */
export interface Steps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, duration: number | string): Promise<void>;
  /** sleep until a moment (millisecond precision: `sleep` rounds to whole seconds); absent in some fakes */
  sleepUntil?(id: string, time: Date | string): Promise<void>;
  waitForEvent(id: string, opts: { event: string; timeout: number | string; if?: string }): Promise<{ data: unknown } | null>;
  invoke(id: string, opts: { function: unknown; data: unknown; timeout?: number | string }): Promise<unknown>;
}

/** How a node ended. Memoised by its steps, so plain JSON. */
export type NodeResult = { status: "succeeded"; output: JsonValue } | { status: "failed"; error: ErrorInfo } | { status: "cancelled" };

/** A node refused by a budget: paused for a person, or to be retried on a cheaper model. */
export type BudgetStop = { status: "budget"; budget: BudgetExceededDetails; downgradeTo?: string };

/** The outputs (and statuses) of the nodes that ended so far, as templates and conditions see them. */
export type NodeResults = Record<string, { output?: unknown; status?: string }>;

/**
 * What every executor gets: the run's ids and durable steps, the run plan, the
 * graph version being executed (it may move to a newer version after a wait,
 * so read `spec`/`dag` when needed, never keep them), the outputs so far, and
 * the run lifecycle (every database write of run progress).
 */
export interface NodeContext {
  readonly runId: string;
  readonly workspaceId: string;
  readonly step: Steps;
  /** the engine's attempt of the whole run function (0 on the first call) */
  readonly attempt: number;
  /** the run function itself, for subgraph invocations */
  readonly self: unknown;
  readonly plan: RunPlan;
  readonly life: RunLifecycle;
  spec: TGraphSpec;
  dag: GraphDag;
  readonly results: NodeResults;
  /** the template context of a node rendered now: input, outputs so far, run */
  templateContext(): TTemplateContext;
  /** what a node receives, kept on its node run: the run's input, and its needs' outputs */
  nodeInput(node: TNodeSpec): { input: Record<string, unknown>; upstream?: Record<string, unknown> };
}

/** What a work executor gets inside its durable step. */
export interface WorkContext {
  ctx: WorkspaceContext;
  n: NodeContext;
  /** the node's template context, with its secrets */
  tctx: TTemplateContext;
  timeoutMs: number;
  /** this attempt of the node, from 1 */
  attempt: number;
  /** a cheaper model a budget moved the node to */
  modelOverride?: string;
  mcpServers: Record<string, ResolvedMcpServer>;
  /** the reservation taken for this node when it resumed from a budget pause (its first model call replaces it) */
  carried?: Reservation | null;
}

export interface WorkOutput {
  output: unknown;
  usage?: NodeUsage;
  provenance?: unknown;
}

/**
 * A node that is plain work (agent, tool, router, output): it runs inside one
 * durable step `node:<id>` with the node's retry policy and the budgets
 * (lib/runtime/nodes/work-step.ts); the executor only computes the output.
 */
export interface WorkExecutor<N extends TNodeSpec = TNodeSpec> {
  kind: "work";
  work(w: WorkContext, node: N): Promise<WorkOutput>;
}

/** A node that manages its own steps: waits, approvals, sub-runs. */
export interface FlowExecutor<N extends TNodeSpec = TNodeSpec> {
  kind: "flow";
  run(n: NodeContext, node: N): Promise<NodeResult>;
  /** after it ends, re-read the run's graph version (a run waiting on a person may have been moved) */
  replanAfter?: boolean;
}

export type NodeExecutor<N extends TNodeSpec = TNodeSpec> = WorkExecutor<N> | FlowExecutor<N>;

/** One executor per node type. */
export type ExecutorTable = { [K in TNodeType]: NodeExecutor<TNodeOf<K>> };
