/**
 * The map node on the real engine: an inline agent per item against a model provider
 * stub on 127.0.0.1 that counts the calls in flight, a saved graph per item as child runs,
 * failed items (continue or fail), bad item lists, and 1,000 simulated items.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";

const rt = useRuntime("map");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);
const MODEL = "openai:gpt-4o-mini";

/** Per run: calls in flight now, the most at once, the calls per item, and the request bodies. */
const seen = new Map<string, { now: number; max: number; calls: Map<number, number>; bodies: any[] }>();
let stub: Awaited<ReturnType<typeof startHttpStub>>;

/**
 * An OpenAI Responses API stand-in: answers "priced <sku>" for the prompt "Line <i> of <run>:
 * <sku>" after a short random delay, and 400 for a sku starting with "bad".
 */
async function startModelStub() {
  return startHttpStub(async (_req, body) => {
    const request = JSON.parse(body || "{}");
    const text = JSON.stringify(request.input ?? "");
    const m = /Line (\d+) of (run_\w+): ([\w-]+)/.exec(text);
    if (!m) return { status: 400, json: { error: { message: "unexpected prompt", type: "invalid_request_error", param: null, code: null } } };
    const [, index, runId, sku] = m;
    const s = seen.get(runId!) ?? { now: 0, max: 0, calls: new Map<number, number>(), bodies: [] as any[] };
    seen.set(runId!, s);
    s.bodies.push(request);
    s.calls.set(Number(index), (s.calls.get(Number(index)) ?? 0) + 1);
    s.now++;
    s.max = Math.max(s.max, s.now);
    try {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 200));
    } finally {
      s.now--;
    }
    if (sku!.startsWith("bad")) return { status: 400, json: { error: { message: `cannot price ${sku}`, type: "invalid_request_error", param: null, code: null } } };
    return {
      json: {
        id: `resp_${runId}_${index}`,
        object: "response",
        created_at: Math.floor(Date.now() / 1000),
        status: "completed",
        model: "gpt-4o-mini",
        output: [{ type: "message", id: `msg_${index}`, status: "completed", role: "assistant", content: [{ type: "output_text", text: request.text?.format?.type === "json_schema" ? JSON.stringify({ sku, line: Number(index) }) : `priced ${sku}`, annotations: [] }] }],
        incomplete_details: null,
        usage: { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 25 },
      },
    };
  });
}

beforeAll(async () => {
  tenant = await makeTenant("Map Co");
  stub = await startModelStub();
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-map", baseUrl: `${stub.url}/v1` } });
  expect(provider.status, provider.text).toBe(200);
});

afterAll(async () => {
  await stub?.close();
});

const lines = (n: number, bad: number[] = []) => Array.from({ length: n }, (_, i) => ({ sku: bad.includes(i) ? `bad-${i}` : `sku-${i}` }));

function mapSpec(name: string, map: Record<string, unknown>) {
  return {
    name,
    input: { type: "object", properties: { lines: { type: "array" } }, required: ["lines"] },
    nodes: [
      { id: "each", type: "map", items: "{{input.lines}}", agent: { model: MODEL, maxOutputTokens: 50, prompt: "Line {{index}} of {{run.id}}: {{item.sku}}" }, ...map },
      { id: "out", type: "output", needs: ["each"], value: { priced: "{{nodes.each.output}}" } },
    ],
  };
}

async function runToEnd(graphId: string, input: Record<string, unknown>, timeoutMs = 60_000) {
  const runId = await api.start(graphId, { input });
  const run = await rt.waitForRun(runId, (r) => ["succeeded", "failed", "cancelled"].includes(r.status), timeoutMs);
  return { runId, run };
}

describe("map node", () => {
  it("runs 50 items with at most `concurrency` model calls in flight, reaching it, and returns the results in order", async () => {
    const graphId = await api.createGraph(mapSpec("Price 50 lines", { concurrency: 5 }));
    const { runId, run } = await runToEnd(graphId, { lines: lines(50) });
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const s = seen.get(runId)!;
    expect(s.max).toBe(5);
    expect([...s.calls.values()].every((c) => c === 1)).toBe(true);
    expect(s.calls.size).toBe(50);
    expect(run.output).toEqual({ priced: Array.from({ length: 50 }, (_, i) => `priced sku-${i}`) });
    // one Delegation row per item, in order, done; every call charged once to the map node
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.nodeId, r.agent, r.kind, r.status])).toEqual(Array.from({ length: 50 }, (_, i) => [i, "each", "each", "inline", "done"]));
    expect((rows[7]!.result as { output: string }).output).toBe("priced sku-7");
    const ledger = await getPrisma().costEntry.findMany({ where: { runId }, select: { nodeId: true } });
    expect(ledger).toHaveLength(50);
    expect(new Set(ledger.map((e) => e.nodeId))).toEqual(new Set(["each"]));
  });

  it("a map's agent settings reach the provider for every item: model, instructions, prompt, output schema, temperature, maxOutputTokens", async () => {
    const graphId = await api.createGraph(
      mapSpec("Price with settings", {
        concurrency: 3,
        agent: {
          model: MODEL,
          instructions: "You price line {{index}} of the order.",
          prompt: "Line {{index}} of {{run.id}}: {{item.sku}}",
          temperature: 0.3,
          maxOutputTokens: 40,
          output: { type: "object", properties: { sku: { type: "string" }, line: { type: "integer" } }, required: ["sku", "line"], additionalProperties: false },
        },
      }),
    );
    const { runId, run } = await runToEnd(graphId, { lines: lines(4) });
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toEqual({ priced: Array.from({ length: 4 }, (_, i) => ({ sku: `sku-${i}`, line: i })) });
    const bodies = seen.get(runId)!.bodies;
    expect(bodies).toHaveLength(4);
    for (const b of bodies) {
      expect(b.model).toBe("gpt-4o-mini");
      expect(b.temperature).toBe(0.3);
      expect(b.max_output_tokens).toBe(40);
      expect(b.text.format.type).toBe("json_schema");
    }
    const instructions = bodies.map((b) => JSON.stringify(b.instructions ?? b.input)).sort();
    expect(instructions.every((t, i) => t.includes(`You price line ${i} of the order.`))).toBe(true);
  });

  it("onItemError continue: a failed item is null and the node records which failed", async () => {
    const graphId = await api.createGraph(mapSpec("Price with gaps", { concurrency: 4, onItemError: "continue" }));
    const { runId, run } = await runToEnd(graphId, { lines: lines(20, [3, 11]) });
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const priced = (run.output as { priced: (string | null)[] }).priced;
    expect(priced).toEqual(Array.from({ length: 20 }, (_, i) => (i === 3 || i === 11 ? null : `priced sku-${i}`)));
    const node = run.nodeRuns.find((n: { nodeId: string }) => n.nodeId === "each");
    expect(node.status).toBe("succeeded");
    expect(node.provenance.failedItems.map((f: { index: number }) => f.index)).toEqual([3, 11]);
    expect(node.provenance.failedItems[0].error).toContain("cannot price bad-3");
    const failed = await getPrisma().delegation.findMany({ where: { runId, status: "failed" }, orderBy: { seq: "asc" } });
    expect(failed.map((r) => r.seq)).toEqual([3, 11]);
  });

  it("onItemError fail (the default): the node fails naming the item and its reason", async () => {
    const graphId = await api.createGraph(mapSpec("Price strictly", { concurrency: 4 }));
    const { run } = await runToEnd(graphId, { lines: lines(12, [9]) });
    expect(run.status).toBe("failed");
    const node = run.nodeRuns.find((n: { nodeId: string }) => n.nodeId === "each");
    expect(node.status).toBe("failed");
    expect(node.error.message).toMatch(/^Item 9 failed: .*cannot price bad-9/);
    expect(node.error.item).toBe(9);
    expect(run.error.message).toContain("Node each failed: Item 9 failed");
  });

  it("fails the node clearly when items is not a list, or has more than maxItems", async () => {
    // the input schema lets anything through, so the map is what refuses it
    const graphId = await api.createGraph({ ...mapSpec("Price bad input", { maxItems: 3 }), input: { type: "object", properties: { lines: {} } } });
    const notList = await runToEnd(graphId, { lines: { sku: "x" } });
    expect(notList.run.status).toBe("failed");
    expect(notList.run.nodeRuns.find((n: { nodeId: string }) => n.nodeId === "each").error.message).toBe("items {{input.lines}} must resolve to a list, but it is an object");
    const tooMany = await runToEnd(graphId, { lines: lines(4) });
    expect(tooMany.run.status).toBe("failed");
    expect(tooMany.run.nodeRuns.find((n: { nodeId: string }) => n.nodeId === "each").error.message).toBe(
      "items {{input.lines}} has 4 items, more than maxItems (3) — raise maxItems (up to 10000) or split the list",
    );
    expect(seen.get(notList.runId)).toBeUndefined();
    expect(seen.get(tooMany.runId)).toBeUndefined();
  });

  it("runs a saved graph per item as child runs, with {{item}} and {{index}} in graph.input", async () => {
    const child = {
      name: "Price one line",
      input: { type: "object", properties: { line: { type: "object" }, position: { type: "integer" } } },
      nodes: [{ id: "result", type: "output", value: { sku: "{{input.line.sku}}", at: "{{input.position}}" } }],
    };
    const childId = await api.createGraph(child);
    // version 2 answers differently; the map pins version 1
    await api.saveGraph(childId, { ...child, nodes: [{ id: "result", type: "output", value: { v2: true } }] });
    const graphId = await api.createGraph({
      name: "Price lines by graph",
      input: { type: "object", properties: { lines: { type: "array" } } },
      nodes: [
        { id: "each", type: "map", items: "{{input.lines}}", concurrency: 3, graph: { graph: childId, version: 1, input: { line: "{{item}}", position: "{{index}}" } } },
      ],
    });
    const { runId, run } = await runToEnd(graphId, { lines: lines(7) });
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toEqual(Array.from({ length: 7 }, (_, i) => ({ sku: `sku-${i}`, at: i })));
    const children = await getPrisma().run.findMany({ where: { parentRunId: runId }, select: { id: true, status: true, parentNodeId: true } });
    expect(children).toHaveLength(7);
    expect(children.every((c) => c.status === "succeeded" && c.parentNodeId === "each")).toBe(true);
    const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.kind, r.status])).toEqual(Array.from({ length: 7 }, () => ["graph", "done"]));
    expect(new Set(rows.map((r) => r.childRunId))).toEqual(new Set(children.map((c) => c.id)));
  });

  it("completes 1,000 simulated items", async () => {
    const graphId = await api.createGraph({
      name: "Thousand lines",
      input: { type: "object", properties: { lines: { type: "array" } } },
      nodes: [{ id: "each", type: "map", items: "{{input.lines}}", concurrency: 50, agent: { model: "sim:fast", maxOutputTokens: 32, prompt: "Check {{item.sku}}" } }],
    });
    const t0 = Date.now();
    const { runId, run } = await runToEnd(graphId, { lines: lines(1000) }, 240_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toHaveLength(1000);
    expect((run.output as unknown[]).every((o) => typeof o === "string" && o.length > 0)).toBe(true);
    const done = await getPrisma().delegation.count({ where: { runId, status: "done" } });
    expect(done).toBe(1000);
    const charges = await getPrisma().costEntry.count({ where: { runId } });
    expect(charges).toBe(1000);
    console.log(JSON.stringify({ msg: "map 1000 items", ms: Date.now() - t0 }));
  }, 300_000);
});
