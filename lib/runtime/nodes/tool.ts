import "server-only";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { WorkExecutor } from "./context";
import { runHttpTool } from "./http-tool";
import { callMcpTool } from "./mcp-tool";

/** A tool without an LLM: an MCP tool's result, or an HTTP response (status, headers, body). */
export const toolExecutor: WorkExecutor<TNodeOf<"tool">> = {
  kind: "work",
  async work({ ctx, n, tctx, timeoutMs, mcpServers }, node) {
    if (node.tool.kind === "mcp") {
      const started = Date.now();
      const output = await callMcpTool(node.tool, tctx, AbortSignal.timeout(timeoutMs), mcpServers);
      await n.life.trace(ctx, n.runId, node.id, "tool.mcp", `${node.tool.server}/${node.tool.tool} in ${Date.now() - started} ms`);
      return { output };
    }
    const res = await runHttpTool(node.tool, tctx, { timeoutMs });
    await n.life.trace(ctx, n.runId, node.id, "tool.http", `HTTP ${res.status} in ${res.durationMs} ms`, { status: res.status, durationMs: res.durationMs });
    return { output: { status: res.status, headers: res.headers, body: res.body } };
  },
};
