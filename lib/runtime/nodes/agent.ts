import "server-only";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { WorkExecutor } from "./context";
import { executeAgentNode } from "./agent-node";

/** An agent: its prompt, model (or routing policy) and tools; metered against the budgets. */
export const agentExecutor: WorkExecutor<TNodeOf<"agent">> = {
  kind: "work",
  work: ({ ctx, n, tctx, timeoutMs, attempt, modelOverride, mcpServers, carried }, node) => executeAgentNode(ctx, n.plan, node, tctx, { timeoutMs, attempt, modelOverride, mcpServers, carried }),
};
