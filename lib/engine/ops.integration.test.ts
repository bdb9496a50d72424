/**
 * Conformance of every opcode with the real SDK over HTTP: parallel plans, sleeps,
 * waitForEvent (match, timeout, and the race with an early event), invoke, step retries,
 * StepFailed caught by user code, function-level failure and retry-after.
 */
import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-helpers";

let h: Harness;
const counts = new Map<string, number>();
const bump = (k: string) => {
  const n = (counts.get(k) ?? 0) + 1;
  counts.set(k, n);
  return n;
};
const times = new Map<string, number[]>();

beforeAll(async () => {
  h = await createHarness("ops");
  const c = h.client;
  const child = c.createFunction({ id: "child", triggers: [{ event: "ops/child.never" }] }, async ({ event, step }) => {
    const v = await step.run("double", () => (event.data.n as number) * 2);
    if (event.data.fail) throw new NonRetriableError("child broke");
    return { v };
  });
  const fns = [
    child,
    c.createFunction({ id: "parallel", triggers: [{ event: "ops/parallel" }] }, async ({ step, event }) => {
      const [a, b, d] = await Promise.all(
        ["a", "b", "c"].map((k) => step.run(`p-${k}`, () => `${k}${bump(`${event.data.tag}:${k}`)}`)),
      );
      const after = await step.run("after", () => bump(`${event.data.tag}:after`));
      return [a, b, d, after];
    }),
    c.createFunction({ id: "sleeper", triggers: [{ event: "ops/sleep" }] }, async ({ step }) => {
      const t0 = await step.run("t0", () => Date.now());
      await step.sleep("nap", "1s");
      await step.sleepUntil("until", new Date(Date.now() + 800));
      const t1 = await step.run("t1", () => Date.now());
      return { slept: t1 - t0 };
    }),
    c.createFunction({ id: "waiter", triggers: [{ event: "ops/wait" }] }, async ({ step, event }) => {
      const got = await step.waitForEvent("approval", {
        event: "ops/approve",
        timeout: (event.data.timeout as string) ?? "30s",
        if: "event.data.orderId == async.data.orderId",
      });
      return { got: got ? got.data : null };
    }),
    c.createFunction({ id: "early-waiter", triggers: [{ event: "ops/early" }] }, async ({ step, event }) => {
      // The matching event arrives inside this call, before the engine stores the wait.
      await step.run("send-early", async () => {
        await fetch(new URL("/e/key", h.engine.url), {
          method: "POST",
          body: JSON.stringify({ name: "ops/early.reply", data: { k: event.data.k } }),
        });
      });
      const got = await step.waitForEvent("reply", { event: "ops/early.reply", timeout: "20s", match: "data.k" });
      return { got: got?.data ?? null };
    }),
    c.createFunction({ id: "invoker", triggers: [{ event: "ops/invoke" }] }, async ({ step, event }) => {
      try {
        const r = await step.invoke("call-child", { function: child, data: { n: event.data.n, fail: event.data.fail } });
        return { ok: r };
      } catch (err) {
        return { caught: (err as Error).message };
      }
    }),
    c.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "ops/flaky" }] }, async ({ step, event }) => {
      const v = await step.run("flaky-step", () => {
        const n = bump(`flaky:${event.data.tag}`);
        if (n < 3) throw new Error(`attempt ${n} fails`);
        return n;
      });
      return { v };
    }),
    c.createFunction({ id: "catcher", triggers: [{ event: "ops/catch" }] }, async ({ step }) => {
      try {
        await step.run("doomed", () => {
          throw new NonRetriableError("no way");
        });
      } catch (err) {
        return await step.run("recover", () => `recovered from ${(err as Error).message}`);
      }
      return "unreachable";
    }),
    c.createFunction({ id: "thrower", retries: 1, triggers: [{ event: "ops/throw" }] }, async ({ event }) => {
      bump(`throw:${event.data.tag}`);
      throw new Error("it broke");
    }),
    c.createFunction({ id: "retry-after", retries: 1, triggers: [{ event: "ops/retry-after" }] }, async ({ step, event }) => {
      return step.run("ra", () => {
        const list = times.get(event.data.tag as string) ?? [];
        list.push(Date.now());
        times.set(event.data.tag as string, list);
        if (list.length === 1) throw new RetryAfterError("later", 1500);
        return list.length;
      });
    }),
    c.createFunction({ id: "sender", triggers: [{ event: "ops/send" }] }, async ({ step, event }) => {
      const { ids } = await step.sendEvent("fan-out", { name: "ops/sent", data: { from: event.data.tag } });
      return ids;
    }),
    c.createFunction({ id: "receiver", triggers: [{ event: "ops/*" }] }, async ({ event }) => {
      if (event.name !== "ops/sent") return "ignored";
      return { from: event.data.from };
    }),
    c.createFunction(
      { id: "expr", triggers: [{ event: "ops/expr", if: "event.data.amount > 100" }] },
      async ({ event }) => ({ big: event.data.amount }),
    ),
  ];
  await h.serve(fns);
});
afterAll(async () => h?.close());

const runOf = async (eventId: string, fn: string) => {
  const runs = await h.waitFor(
    () => h.runsFor(eventId),
    (rs) => rs.some((r) => r.function_id === `ops-${fn}` && ["completed", "failed", "cancelled"].includes(r.status)),
  );
  return runs.find((r) => r.function_id === `ops-${fn}`)!;
};

describe("opcodes", () => {
  it("runs parallel steps (StepPlanned) each exactly once, then continues", async () => {
    const [id] = await h.send({ name: "ops/parallel", data: { tag: "t1" } });
    const run = await runOf(id!, "parallel");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual(["a1", "b1", "c1", 1]);
    expect(counts.get("t1:a")).toBe(1);
    expect(counts.get("t1:after")).toBe(1);
  });

  it("sleeps for a duration and until a date", async () => {
    const [id] = await h.send({ name: "ops/sleep" });
    const run = await runOf(id!, "sleeper");
    expect(run.status).toBe("completed");
    expect((run.output as { slept: number }).slept).toBeGreaterThanOrEqual(1700);
  });

  it("resumes waitForEvent with the matching event only", async () => {
    const [id] = await h.send({ name: "ops/wait", data: { orderId: "o1" } });
    await h.waitFor(() => h.runsFor(id!), (rs) => rs[0]?.status === "running");
    await new Promise((r) => setTimeout(r, 300));
    await h.send({ name: "ops/approve", data: { orderId: "other" } });
    await h.send({ name: "ops/approve", data: { orderId: "o1", ok: true } });
    const run = await runOf(id!, "waiter");
    expect(run.output).toEqual({ got: { orderId: "o1", ok: true } });
  });

  it("resolves a waitForEvent timeout with null", async () => {
    const [id] = await h.send({ name: "ops/wait", data: { orderId: "o2", timeout: "1s" } });
    const run = await runOf(id!, "waiter");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ got: null });
  });

  it("does not lose an event that arrives before the wait is stored", async () => {
    const [id] = await h.send({ name: "ops/early", data: { k: "k1" } });
    const run = await runOf(id!, "early-waiter");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ got: { k: "k1" } });
  });

  it("invokes a function and memoizes its result or its error", async () => {
    const [ok] = await h.send({ name: "ops/invoke", data: { n: 21 } });
    expect((await runOf(ok!, "invoker")).output).toEqual({ ok: { v: 42 } });
    const [bad] = await h.send({ name: "ops/invoke", data: { n: 1, fail: true } });
    const run = await runOf(bad!, "invoker");
    expect(run.status).toBe("completed");
    expect((run.output as { caught: string }).caught).toMatch(/child broke/);
  });

  it("retries a failing step (StepError) and succeeds on the third attempt", async () => {
    const [id] = await h.send({ name: "ops/flaky", data: { tag: "f1" } });
    const run = await runOf(id!, "flaky");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ v: 3 });
    expect(counts.get("flaky:f1")).toBe(3);
  });

  it("memoizes StepFailed so user code can catch it", async () => {
    const [id] = await h.send({ name: "ops/catch" });
    const run = await runOf(id!, "catcher");
    expect(run.status).toBe("completed");
    expect(run.output).toBe("recovered from no way");
  });

  it("fails a run after retries+1 attempts with the app's error", async () => {
    const [id] = await h.send({ name: "ops/throw", data: { tag: "x1" } });
    const run = await runOf(id!, "thrower");
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("it broke");
    expect(counts.get("throw:x1")).toBe(2);
  });

  it("honours retry-after from RetryAfterError", async () => {
    const [id] = await h.send({ name: "ops/retry-after", data: { tag: "r1" } });
    const run = await runOf(id!, "retry-after");
    expect(run.output).toBe(2);
    const [a, b] = times.get("r1")!;
    expect(b! - a!).toBeGreaterThanOrEqual(1400);
  });

  it("routes step.sendEvent events to wildcard triggers", async () => {
    const [id] = await h.send({ name: "ops/send", data: { tag: "s1" } });
    const ids = (await runOf(id!, "sender")).output as string[];
    expect(ids).toHaveLength(1);
    expect((await runOf(ids[0]!, "receiver")).output).toEqual({ from: "s1" });
  });

  it("filters triggers with a CEL expression", async () => {
    const [small, big] = await h.send([
      { name: "ops/expr", data: { amount: 5 } },
      { name: "ops/expr", data: { amount: 500 } },
    ]);
    expect((await runOf(big!, "expr")).output).toEqual({ big: 500 });
    const smallRuns = await h.runsFor(small!);
    expect(smallRuns.filter((r) => r.function_id === "ops-expr")).toHaveLength(0);
  });
});

describe("a wait behind a busy queue", () => {
  // One call at a time: after the step before the wait finishes, another function's long call
  // holds the only slot, and the event arrives while the run's next call is still queued.
  let q: Harness;
  let hogStarted = false;
  beforeAll(async () => {
    q = await createHarness("busy", { concurrency: 1 });
    const c = q.client;
    await q.serve([
      c.createFunction({ id: "hog", triggers: [{ event: "busy/hog" }] }, async ({ step }) => {
        await step.run("hold", async () => {
          hogStarted = true;
          await new Promise((r) => setTimeout(r, 1500));
        });
      }),
      c.createFunction({ id: "waiter", triggers: [{ event: "busy/wait" }] }, async ({ step, event }) => {
        await Promise.all([
          step.run("open", async () => {
            // the queue fills up behind this step (the slot is ours until it ends)
            await q.send({ name: "busy/hog" });
            return 1;
          }),
          step.run("other", () => 2),
        ]);
        return step.waitForEvent("decision", { event: "busy/decided", timeout: "20s", if: `async.data.k == '${event.data.k}'` });
      }),
    ]);
  });
  afterAll(async () => q?.close());

  it("still sees an event that arrived after the step before it ended but before its call was claimed", async () => {
    const [id] = await q.send({ name: "busy/wait", data: { k: "K1" } });
    await q.waitFor(async () => hogStarted, (v) => v, 15_000);
    await q.send({ name: "busy/decided", data: { k: "K1", ok: true } });
    const [run] = await q.finished(id!, 1, 15_000); // a lost event would leave it waiting for 20 s
    expect(run!.status).toBe("completed");
    expect(run!.output).toMatchObject({ name: "busy/decided", data: { k: "K1", ok: true } });
  });
});
