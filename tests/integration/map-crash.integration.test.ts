/**
 * A map survives the death of the process running its items: the app process (the product's
 * functions, where a batch step's items run) is killed with SIGKILL in the middle of a map and
 * started again; the engine calls the batch step again, which runs only the items that had
 * not ended — an item that ended before the crash is neither called nor charged again.
 */
import { useCrashHarness } from "../crash-harness";
import { expect, it } from "vitest";
import { callRoute } from "../use-test-database";
import { startHttpStub } from "../runtime-harness";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";

const crash = useCrashHarness("map-crash", { kill: "app" });
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);

it("a SIGKILL mid-map does not call or charge again the items that had ended", async () => {
  tenant = await makeTenant("Map Crash Co");
  const calls = new Map<number, number>();
  const stub = await startHttpStub(async (_req, body) => {
    const index = Number(/Line (\d+)/.exec(body)?.[1] ?? -1);
    calls.set(index, (calls.get(index) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 150));
    return {
      json: {
        id: `resp_${index}_${calls.get(index)}`,
        object: "response",
        created_at: Math.floor(Date.now() / 1000),
        status: "completed",
        model: "gpt-4o-mini",
        output: [{ type: "message", id: `msg_${index}`, status: "completed", role: "assistant", content: [{ type: "output_text", text: `line ${index} ok`, annotations: [] }] }],
        incomplete_details: null,
        usage: { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 25 },
      },
    };
  });
  const provider = await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-test-crash", baseUrl: `${stub.url}/v1` } });
  expect(provider.status, provider.text).toBe(200);
  const ITEMS = 40;
  const graphId = await api.createGraph({
    name: "Map through a crash",
    input: { type: "object", properties: { lines: { type: "array" } } },
    nodes: [{ id: "each", type: "map", items: "{{input.lines}}", concurrency: 4, agent: { model: "openai:gpt-4o-mini", maxOutputTokens: 20, prompt: "Line {{index}}: {{item}}" } }],
  });
  const runId = await api.start(graphId, { input: { lines: Array.from({ length: ITEMS }, (_, i) => `l${i}`) } });

  // let some items of the first batch end, then kill the process running them
  const ended = () => getPrisma().delegation.findMany({ where: { runId, status: { not: "running" } }, select: { seq: true } });
  for (let i = 0; i < 600 && (await ended()).length < 6; i++) await new Promise((r) => setTimeout(r, 25));
  await crash.crash();
  const endedBeforeCrash = (await ended()).map((r) => r.seq);
  expect(endedBeforeCrash.length).toBeGreaterThanOrEqual(6);
  expect(endedBeforeCrash.length).toBeLessThan(ITEMS);
  await crash.restart();

  const run = await crash.waitForEnd(runId, 240_000);
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  expect(run.output).toEqual(Array.from({ length: ITEMS }, (_, i) => `line ${i} ok`));
  // an item that ended before the crash was called once; the ones in flight at most twice
  for (const seq of endedBeforeCrash) expect(calls.get(seq), `item ${seq}`).toBe(1);
  for (let i = 0; i < ITEMS; i++) expect(calls.get(i), `item ${i}`).toBeGreaterThanOrEqual(1);
  const twice = [...calls.values()].filter((c) => c > 1).length;
  expect(twice).toBeLessThanOrEqual(4);
  // every item charged, and nothing charged beyond the calls made (a call in flight when the
  // process died was never metered; the items that had ended were not charged again)
  const charges = await getPrisma().costEntry.count({ where: { runId } });
  expect(charges).toBeGreaterThanOrEqual(ITEMS);
  expect(charges).toBeLessThanOrEqual([...calls.values()].reduce((a, b) => a + b, 0));
  expect(await getPrisma().delegation.count({ where: { runId, status: "done" } })).toBe(ITEMS);
  await stub.close();
}, 420_000);
