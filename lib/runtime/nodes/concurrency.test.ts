import { describe, expect, it } from "vitest";
import { Semaphore, withNodeSlot } from "./concurrency";

const tick = (ms = 2) => new Promise((r) => setTimeout(r, ms));

describe("Semaphore", () => {
  it("lets at most `limit` run at once, in FIFO order", async () => {
    const s = new Semaphore(3);
    let now = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.run(async () => {
          order.push(i);
          peak = Math.max(peak, ++now);
          await tick();
          now--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(s.idle).toBe(true);
  });

  it("frees the slot when the work throws", async () => {
    const s = new Semaphore(1);
    await expect(s.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await s.run(async () => "next")).toBe("next");
  });
});

describe("withNodeSlot", () => {
  it("bounds one run's work by SWITCHYARD_RUN_CONCURRENCY (8) and all runs' by SWITCHYARD_NODE_CONCURRENCY (16)", async () => {
    const perRun = new Map<string, { now: number; peak: number }>();
    let now = 0;
    let peak = 0;
    const work = (runId: string) =>
      withNodeSlot(runId, async () => {
        const r = perRun.get(runId) ?? { now: 0, peak: 0 };
        perRun.set(runId, r);
        r.peak = Math.max(r.peak, ++r.now);
        peak = Math.max(peak, ++now);
        await tick(3);
        r.now--;
        now--;
      });
    await Promise.all(["run_a", "run_b", "run_c"].flatMap((id) => Array.from({ length: 30 }, () => work(id))));
    expect(perRun.get("run_a")!.peak).toBe(8);
    expect(peak).toBe(16);
  });
});
