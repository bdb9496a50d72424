/**
 * Triggers firing while the durable engine cannot be reached: the runs they created are failed
 * with the reason, and each fire says the start did not happen (recorded as started the moment
 * its run existed, then corrected), never a fire showing a start that will not run.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { fireTriggers } from "../../lib/triggers/fire-trigger";

useTestDatabase("fire_engine_down");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);

beforeAll(async () => {
  // an address where nothing listens: the engine is down
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${port}`;
  tenant = await makeTenant("Engine Down Co");
});

describe("firing while the engine is down", () => {
  it("a batch of fires: each run is failed with the reason, and each fire is an error that names it", async () => {
    const graphIds = await Promise.all(
      [1, 2, 3].map((i) => api.createGraph({ name: `Down ${i}`, triggers: [{ type: "schedule", id: "tick", cron: "0 0 1 1 *" }], nodes: [{ id: "o", type: "output", value: i }] })),
    );
    const triggers = await getPrisma().trigger.findMany({ where: { graphId: { in: graphIds } } });
    const ctx = await systemContext(tenant.workspace.id);
    const at = new Date("2026-12-03T18:00:00.000Z");
    const results = await fireTriggers(
      ctx,
      triggers.map((trigger) => ({ trigger, fire: { event: { scheduledAt: at.toISOString() }, input: {}, dedupeKey: at.toISOString(), intendedAt: at } })),
    );
    expect(results.map((r) => r.outcome)).toEqual(["error", "error", "error"]);
    for (const r of results) {
      expect(r.reason).toContain("The durable engine is not reachable");
      expect(r.retryable).toBe(true);
      const fire = await getPrisma().triggerFire.findUniqueOrThrow({ where: { id: r.fireId } });
      expect(fire).toMatchObject({ outcome: "error", reason: expect.stringContaining("The durable engine is not reachable") });
      const run = await getPrisma().run.findUniqueOrThrow({ where: { id: fire.runId! } });
      expect(run.status).toBe("failed");
      expect(JSON.stringify(run.error)).toContain("could not be reached");
    }
    expect(await getPrisma().triggerFire.count({ where: { triggerId: { in: triggers.map((t) => t.id) } } })).toBe(3);
  });
});
