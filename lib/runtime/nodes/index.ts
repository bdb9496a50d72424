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
import { heldByKillSwitch } from "./kill-switch-gate";

/**
 * The executor table: node type → how the runtime runs it. Work executors compute an
 * output inside the shared `node:<id>` step (retries, budgets: ./work-step.ts); flow
 * executors run their own steps (waits, approvals, sub-runs). A new node kind is one
 * file here and one entry below, as the builder's registry (components/builder/registry.tsx).
 * Every flow executor reads the graph's kill switch before it starts (./kill-switch-gate.ts);
 * work nodes read it in their step (./work-step.ts).
 */
export const EXECUTORS: ExecutorTable = {
  agent: agentExecutor,
  tool: toolExecutor,
  router: routerExecutor,
  output: outputExecutor,
  approval: heldByKillSwitch(approvalExecutor),
  wait: heldByKillSwitch(waitExecutor),
  subgraph: heldByKillSwitch(subgraphExecutor),
  supervisor: heldByKillSwitch(supervisorExecutor),
  map: heldByKillSwitch(mapExecutor),
};

export type { ExecutorTable, NodeContext, NodeExecutor, NodeResult, Steps, WorkContext, WorkExecutor, FlowExecutor } from "./context";
