/**
 * OpenTelemetry across a crash: the process that runs the steps (and exports the spans) is
 * killed with SIGKILL mid-run and started again. The spans the first process sent and those the
 * second one sends form one tree: the same trace, children of the same run span, each record
 * under the same span id whichever process sent it. (Spans still in the killed process's
 * one-second batch are lost with it: lib/telemetry/README.md.)
 */
import { beforeAll, afterAll, expect, it } from "vitest";
import { startOtlpReceiver } from "../stubs/otlp-receiver";
// before anything that imports the product's Inngest client (it fixes the engine's port)
import { startEightStepRun, useCrashHarness } from "../crash-harness";
import { startHttpStub } from "../runtime-harness";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { spanIdOf, traceIdOf } from "../../lib/telemetry/span-ids";

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
// registered before the harness's own: the app process it starts inherits the variable
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
  await receiver?.close();
});

const crash = useCrashHarness("otel-crash", { kill: "app" });

it("spans sent before and after a SIGKILL of the process running the steps link into one tree", async () => {
  const stub = await startHttpStub(async (req) => ({ json: { step: req.url }, delayMs: 250 }));
  try {
    const tenant = await makeTenant("Crash Trace Co");
    const { runId } = await startEightStepRun(tenant.apiKey.key, stub.url);
    const traceId = traceIdOf(runId);
    const runSpanId = spanIdOf({ run: runId });
    const nodeSpans = () => receiver.spans.filter((s) => s.traceId === traceId && s.attributes["switchyard.node_type"] !== undefined);

    // the first process has sent the spans of two nodes: kill it
    for (let i = 0; nodeSpans().length < 2; i++) {
      if (i > 600) throw new Error("no node span arrived from the first process");
      await new Promise((r) => setTimeout(r, 25));
    }
    const beforeCrash = nodeSpans().map((s) => s.attributes["switchyard.node_id"] as string);
    await crash.crash();
    const crashedAt = Date.now();
    await crash.restart();
    const run = await crash.waitForEnd(runId, 120_000);
    expect(run.status).toBe("succeeded");

    // the second process sends the run's span and the spans of the nodes it ran
    for (let i = 0; !receiver.spans.some((s) => s.spanId === runSpanId); i++) {
      if (i > 600) throw new Error("the run's span did not arrive");
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 1500)); // the batch after the run's span
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    expect(receiver.spans.filter((s) => s.attributes["switchyard.run_id"] === runId).every((s) => s.traceId === traceId)).toBe(true);
    const root = spans.find((s) => s.spanId === runSpanId)!;
    expect(root.parentSpanId).toBeUndefined();
    expect(root.attributes["switchyard.status"]).toBe("succeeded");

    // every node span, from either process, is a child of that run span and has its node's id
    const nodes = nodeSpans();
    for (const s of nodes) {
      expect(s.parentSpanId).toBe(runSpanId);
      expect(s.spanId).toBe(spanIdOf({ node: { runId, nodeId: s.attributes["switchyard.node_id"] as string } }));
    }
    // the spans sent before the crash are among them, and every node the second process ended is there
    const received = new Set(nodes.map((s) => s.attributes["switchyard.node_id"]));
    for (const id of beforeCrash) expect(received.has(id)).toBe(true);
    const after = await getPrisma().nodeRun.findMany({ where: { runId, endedAt: { gt: new Date(crashedAt) } }, select: { nodeId: true } });
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(received.has(r.nodeId), r.nodeId).toBe(true);
    // a tool call span whose node span arrived is under it
    const byId = new Set(spans.map((s) => s.spanId));
    for (const t of spans.filter((s) => s.attributes["gen_ai.operation.name"] === "execute_tool")) {
      if (byId.has(t.parentSpanId!)) expect(nodes.some((n) => n.spanId === t.parentSpanId)).toBe(true);
    }
  } finally {
    await stub.close();
  }
});
