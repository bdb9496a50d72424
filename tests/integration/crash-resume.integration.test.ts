/**
 * Durable runs survive an engine crash: the engine process is killed with
 * SIGKILL in the middle of a run and started again; the run resumes at the
 * first unfinished node, and nodes that had finished are not called again.
 */
import { startEightStepRun, useCrashHarness } from "../crash-harness";
import { expect, it } from "vitest";
import { startHttpStub } from "../runtime-harness";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";

// one engine process (node --import tsx), so SIGKILL really kills the engine
const crash = useCrashHarness("crash", { kill: "engine" });

it("resumes after SIGKILL of the engine without re-calling finished nodes", async () => {
  const counts = new Map<string, number>();
  const stub = await startHttpStub(async (req) => {
    const key = req.url!.split("?")[0];
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return { json: { step: key }, delayMs: 250 };
  });
  const tenant = await makeTenant("Crash Co");
  const { runId, steps } = await startEightStepRun(tenant.apiKey.key, stub.url);

  // let a few nodes finish, then kill the engine mid-run
  const waitFinished = async (n: number) => {
    for (let i = 0; i < 400; i++) {
      const done = await getPrisma().nodeRun.count({ where: { runId, status: "succeeded" } });
      if (done >= n) return done;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`fewer than ${n} nodes finished`);
  };
  await waitFinished(3);
  await crash.crash();
  const finishedBeforeCrash = await getPrisma().nodeRun.findMany({ where: { runId, status: "succeeded" }, select: { nodeId: true }, orderBy: { endedAt: "asc" } });
  await crash.restart();

  const run = await crash.waitForEnd(runId, 30_000);
  expect(run.status).toBe("succeeded");
  expect(run.output).toEqual({ last: "/s7" });
  // every node that had finished before the crash was called exactly once, except the last
  // one: its result may have been written by the app but not yet recorded by the engine when
  // it died, so it was still in flight and may run once more
  for (const { nodeId } of finishedBeforeCrash.slice(0, -1)) expect(counts.get(`/${nodeId}`), nodeId).toBe(1);
  // the node in flight at the crash ran at most once more; every node ran at least once
  for (const id of steps) {
    expect(counts.get(`/${id}`), id).toBeGreaterThanOrEqual(1);
    expect(counts.get(`/${id}`), id).toBeLessThanOrEqual(2);
  }
  expect([...counts.values()].filter((c) => c === 2).length).toBeLessThanOrEqual(1);
  await stub.close();
}, 90_000);
