import "server-only";
import type { TNodeOf } from "../../graphs/spec/schema";
import { exportToolCallSpan } from "../../telemetry";
import type { WorkExecutor } from "./context";
import { runHttpTool } from "./http-tool";
import { callMcpTool } from "./mcp-tool";

/** A tool without an LLM: an MCP tool's result, or an HTTP response (status, headers, body). */
export const toolExecutor: WorkExecutor<TNodeOf<"tool">> = {
  kind: "work",
  async work({ ctx, n, tctx, timeoutMs, mcpServers, attempt }, node) {
    const name = node.tool.kind === "mcp" ? `${node.tool.server}/${node.tool.tool}` : `${node.tool.method} ${node.tool.url}`;
    const start = new Date();
    // the call's span (lib/telemetry), failed calls too
    const span = (error: unknown, attributes?: Record<string, number>) =>
      exportToolCallSpan(ctx, { runId: n.runId, nodeId: node.id, attempt, call: node.tool.kind, name, start, end: new Date(), error: error ? String((error as Error).message ?? error) : null, attributes });
    try {
      if (node.tool.kind === "mcp") {
        const output = await callMcpTool(node.tool, tctx, AbortSignal.timeout(timeoutMs), mcpServers);
        span(null);
        await n.life.trace(ctx, n.runId, node.id, "tool.mcp", `${name} in ${Date.now() - start.getTime()} ms`);
        return { output };
      }
      const res = await runHttpTool(node.tool, tctx, { timeoutMs });
      span(null, { "http.response.status_code": res.status });
      await n.life.trace(ctx, n.runId, node.id, "tool.http", `HTTP ${res.status} in ${res.durationMs} ms`, { status: res.status, durationMs: res.durationMs });
      return { output: { status: res.status, headers: res.headers, body: res.body } };
    } catch (err) {
      span(err);
      throw err;
    }
  },
};
