import "server-only";
import { renderValue } from "../../graphs/spec/template";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { JsonValue } from "../run-state";
import type { FlowExecutor, NodeResult } from "./context";
import { errorInfo, type ErrorInfo } from "./errors";

/** A subgraph: a child run of another graph, invoked durably; its output is the child's output. */
export const subgraphExecutor: FlowExecutor<TNodeOf<"subgraph">> = {
  kind: "flow",
  async run(n, node) {
    const { step, runId, workspaceId, life } = n;
    const child = await step.run(`subgraph-start:${node.id}`, async () => {
      const ctx = await life.context(workspaceId);
      const { startChildRun } = await import("../../runs/start-child-run");
      await life.markNodeRunning(ctx, runId, node.id, 1);
      const input = (renderValue(node.input ?? {}, n.templateContext()) ?? {}) as Record<string, unknown>;
      const started = await startChildRun(ctx, { parentRunId: runId, parentNodeId: node.id, graph: node.graph, version: node.version, input, tags: n.plan.tags, customerKey: n.plan.customerKey });
      await life.trace(ctx, runId, node.id, "subgraph.started", `Started run ${started.runId} of ${node.graph} v${started.version}`, started);
      return started;
    });
    let result: unknown;
    let error: ErrorInfo | null = null;
    try {
      result = await step.invoke(`subgraph:${node.id}`, { function: n.self, data: { runId: child.runId, workspaceId }, timeout: node.timeout ?? "30d" });
    } catch (err) {
      error = errorInfo(err);
    }
    return step.run(`subgraph-done:${node.id}`, async (): Promise<NodeResult> => {
      const ctx = await life.context(workspaceId);
      const childRun = await ctx.db.run.findFirst({ where: { id: child.runId }, select: { status: true, output: true, error: true, graphId: true, version: true, provenanceHead: true } });
      if (error || childRun?.status !== "succeeded") {
        const info = error ?? { name: "SubgraphFailed", message: `Sub-run ${child.runId} ended ${childRun?.status ?? "unknown"}`, retryable: false };
        await life.failNode(ctx, runId, node.id, info, 1, true);
        return { status: "failed", error: info };
      }
      const output = (childRun.output ?? (result as { output?: unknown })?.output ?? null) as JsonValue;
      // the child run's chain head: the parent's record vouches for the child's whole chain
      const provenance = { subRunId: child.runId, childRunId: child.runId, childGraphId: childRun.graphId, childGraphVersion: childRun.version, childRunHead: childRun.provenanceHead };
      await life.completeNode(ctx, runId, node.id, output, { provenance, inputs: n.nodeInput(node) });
      return { status: "succeeded", output };
    });
  },
};
