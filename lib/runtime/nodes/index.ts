import "server-only";
import type { ExecutorTable } from "./context";
import { agentExecutor } from "./agent";
import { approvalExecutor } from "./approval";
import { mapExecutor } from "./map";
import { outputExecutor } from "./output";
import { routerExecutor } from "./router";
import { subgraphExecutor } from "./subgraph";
import { supervisorExecutor } from "./supervisor";
import { toolExecutor } from "./tool";
import { waitExecutor } from "./wait";

/**
 * The executor table: node type → how the runtime runs it. Work executors compute an
 * output inside the shared `node:<id>` step (retries, budgets: ./work-step.ts); flow
 * executors run their own steps (waits, approvals, sub-runs). A new node kind is one
 * file here and one entry below, as the builder's registry (components/builder/registry.tsx).
 */
export const EXECUTORS: ExecutorTable = {
  agent: agentExecutor,
  tool: toolExecutor,
  router: routerExecutor,
  output: outputExecutor,
  approval: approvalExecutor,
  wait: waitExecutor,
  subgraph: subgraphExecutor,
  supervisor: supervisorExecutor,
  map: mapExecutor,
};

export type { ExecutorTable, NodeContext, NodeExecutor, NodeResult, Steps, WorkContext, WorkExecutor, FlowExecutor } from "./context";
