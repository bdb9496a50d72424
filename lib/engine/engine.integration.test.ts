import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("core");
});
afterAll(async () => h?.close());

describe("core protocol", () => {
  it("runs a 10-step function to completion with one call (checkpointing)", async () => {
    const fn = h.client.createFunction({ id: "ten", triggers: [{ event: "core/ten" }] }, async ({ step, event }) => {
      let acc = 0;
      for (let i = 1; i <= 10; i++) acc += await step.run(`s${i}`, () => i * (event.data.mul as number));
      return { acc };
    });
    const app = await h.serve([fn]);
    const [id] = await h.send({ name: "core/ten", data: { mul: 2 } });
    const [run] = await h.finished(id!);
    expect(run!.status).toBe("completed");
    expect(run!.output).toEqual({ acc: 110 });
    expect(run!.steps).toBe(10);
    expect(app.calls()).toBe(1); // all sequential steps checkpointed within one call
  });
});
