/**
 * Calls the benchmark's function in the app once, as the engine would for a run's first call,
 * with no engine in between (the null server and the durable floor drive the app this way).
 * Throws unless the call ran the function to its end.
 */
import { callApp } from "../../lib/engine/call";
import { callUrl } from "../../lib/engine/functions";

export async function callFunctionDirect(appUrl: URL, runId: string, event: { name: string; data: Record<string, unknown> }): Promise<void> {
  const outcome = await callApp({
    url: callUrl(appUrl.toString(), null),
    events: [{ id: runId, name: event.name, data: event.data, ts: Date.now() }],
    steps: [],
    runId,
    attempt: 0,
    maxAttempts: 1,
    fnUuid: "00000000-0000-4000-8000-000000000000",
    qiId: `1.${runId}`,
    die: false,
    timeoutMs: 60_000,
    requestId: runId,
  });
  if (outcome.kind !== "complete" && !(outcome.kind === "ops" && outcome.ops.every((o) => o.op === "RunComplete"))) {
    throw new Error(`unexpected outcome ${JSON.stringify(outcome).slice(0, 300)}`);
  }
}
