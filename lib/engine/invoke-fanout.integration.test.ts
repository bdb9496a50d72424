/**
 * Parallel `step.invoke`: one parent starts many child runs at once, and they finish together
 * (so their results reach the parent while a call of it is in flight). The parent must end with
 * every child's result, each child must run exactly once, and no parent may stall.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-helpers";

let h: Harness;
const childCalls = new Map<string, number>();
const WIDTH = 10;

beforeAll(async () => {
  h = await createHarness("invoke-fanout");
  const c = h.client;
  const child = c.createFunction({ id: "leaf", triggers: [{ event: "fanout/leaf.never" }] }, async ({ event, step }) => {
    const key = `${event.data.parent}:${event.data.i}`;
    let acc = 0;
    for (let s = 0; s < (event.data.steps as number); s++) acc += await step.run(`s${s}`, () => 1);
    childCalls.set(key, (childCalls.get(key) ?? 0) + 1);
    return { i: event.data.i, acc };
  });
  const parent = c.createFunction({ id: "fan", triggers: [{ event: "fanout/start" }] }, async ({ event, step }) => {
    const results = await Promise.all(
      Array.from({ length: WIDTH }, (_, i) =>
        step.invoke(`child-${i}`, { function: child, data: { parent: event.data.tag, i, steps: event.data.steps } }),
      ),
    );
    return { results };
  });
  await h.serve([child, parent]);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe("parallel step.invoke", () => {
  it("resumes each parent once with every child's result when the children finish together", async () => {
    const tags = Array.from({ length: 6 }, (_, i) => `p${i}`);
    // Children of one step each finish at nearly the same moment; children of 5 steps overlap the parent's calls.
    const ids = await h.send(tags.map((tag, k) => ({ name: "fanout/start", data: { tag, steps: k % 2 ? 5 : 1 } })));
    const runs = await Promise.all(ids.map((id) => h.finished(id, 1, 90_000)));
    for (const [k, [run]] of runs.entries()) {
      expect(run!.status).toBe("completed");
      const steps = k % 2 ? 5 : 1;
      expect(run!.output).toEqual({ results: Array.from({ length: WIDTH }, (_, i) => ({ i, acc: steps })) });
    }
    // exactly one child run per invoke, each run to completion once
    const client = new pg.Client({ connectionString: h.db.url });
    await client.connect();
    const children = await client
      .query<{ parent_run_id: string; n: string }>(`select parent_run_id, count(*)::text as n from engine.runs where parent_run_id is not null group by parent_run_id`)
      .finally(() => client.end());
    expect(children.rows).toHaveLength(tags.length);
    expect(children.rows.every((r) => r.n === String(WIDTH))).toBe(true);
    for (const tag of tags) for (let i = 0; i < WIDTH; i++) expect(childCalls.get(`${tag}:${i}`), `${tag}:${i}`).toBe(1);
  }, 120_000);
});
