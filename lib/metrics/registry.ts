/**
 * The process's Prometheus metrics (`prom-client`), one registry per process however many
 * copies of this module the process loads (the web process loads it both through Next.js's
 * bundle and beside it): the registry and the metrics observed in-process live on `globalThis`.
 *
 * Observed where they happen: gateway calls (lib/finops/gateway/serve-node.ts) and node
 * durations (lib/runtime/run-state.ts). Read from the database at scrape time: runs, inbox,
 * budgets, the engine's queue and breakers (lib/metrics/collect-database.ts).
 */
import client from "prom-client";

export interface ProcessMetrics {
  registry: client.Registry;
  gatewayRequests: client.Counter<"endpoint" | "status">;
  gatewayDuration: client.Histogram<"endpoint">;
  nodeDuration: client.Histogram<"type" | "status">;
}

const globalForMetrics = globalThis as unknown as { __switchyardMetrics?: ProcessMetrics };

function create(): ProcessMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "switchyard_" });
  return {
    registry,
    gatewayRequests: new client.Counter({
      name: "switchyard_gateway_requests_total",
      help: "LLM gateway calls answered by this process, by endpoint and HTTP status.",
      labelNames: ["endpoint", "status"],
      registers: [registry],
    }),
    gatewayDuration: new client.Histogram({
      name: "switchyard_gateway_request_duration_seconds",
      help: "LLM gateway calls: time from the request to the answer (headers for streams), including the provider's time.",
      labelNames: ["endpoint"],
      buckets: [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    nodeDuration: new client.Histogram({
      name: "switchyard_node_duration_seconds",
      help: "Node runs finished in this process, from their start to their end, by node type and final status.",
      labelNames: ["type", "status"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
  };
}

/**
 * The process's metrics.
 *
 * @example
 * processMetrics().gatewayRequests.inc({ endpoint: "chat.completions", status: "200" });
 */
export function processMetrics(): ProcessMetrics {
  globalForMetrics.__switchyardMetrics ??= create();
  return globalForMetrics.__switchyardMetrics;
}

/**
 * Records a node run's duration, if it had started; never throws (metrics must not fail a node).
 *
 * @example
 * observeNodeDuration("agent", "succeeded", row.startedAt);
 */
export function observeNodeDuration(type: string, status: "succeeded" | "failed", startedAt: Date | null | undefined, endedAt: Date = new Date()): void {
  if (!startedAt) return;
  try {
    processMetrics().nodeDuration.observe({ type, status }, Math.max(0, (endedAt.getTime() - startedAt.getTime()) / 1000));
  } catch {
    // a metric is never worth a failed node
  }
}
