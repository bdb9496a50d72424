/**
 * The audit log answers "who started, stopped or re-ran this run, and who changed which
 * secret": through the real routes, engine and database, read back through GET /audit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as cancelRoute from "../../app/api/v1/runs/[id]/cancel/route";
import * as rerunRoute from "../../app/api/v1/runs/[id]/rerun/route";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";
import * as auditRoute from "../../app/api/v1/audit/route";

const rt = useRuntime("audit_runs");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let graphId: string;

type AuditEvent = { action: string; targetType: string | null; targetId: string | null; actorApiKeyId: string | null; data: Record<string, unknown> | null };

beforeAll(async () => {
  tenant = await makeTenant("Audit Co");
  const res = await callRoute(graphsRoute.POST as never, {
    key: tenant.apiKey.key,
    body: { name: "Gated", nodes: [{ id: "gate", type: "approval", assignees: [{ role: "admin" }] }, { id: "after", type: "output", needs: ["gate"], value: 1 }] },
  });
  expect(res.status, res.text).toBe(201);
  graphId = res.json.id;
});

async function auditEvents(key: string, action: string): Promise<AuditEvent[]> {
  const res = await callRoute(auditRoute.GET as never, { key, path: `/api/v1/audit?action=${encodeURIComponent(action)}` });
  expect(res.status, res.text).toBe(200);
  return res.json.events;
}

describe("audit of runs", () => {
  it("records who started a run, on which graph and version", async () => {
    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: {} } });
    expect(started.status, started.text).toBe(202);
    const runId = started.json.runId as string;
    await rt.waitForRun(runId, (r) => r.status === "waiting");

    const events = (await auditEvents(tenant.apiKey.key, "run.")).filter((e) => e.targetId === runId);
    expect(events).toEqual([
      expect.objectContaining({ action: "run.start", targetType: "run", targetId: runId, actorApiKeyId: tenant.apiKey.id, data: { graphId, version: 1 } }),
    ]);

    // an idempotent repeat returns the same run and is not a second start
    const key = `audit-${runId}`;
    for (let i = 0; i < 2; i++) {
      const res = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: {}, idempotencyKey: key } });
      expect([200, 202]).toContain(res.status);
    }
    const starts = (await auditEvents(tenant.apiKey.key, "run.start")).filter((e) => e.data?.graphId === graphId);
    expect(starts).toHaveLength(2);
  });

  it("records a cancel by its actor, and a rerun naming the run it repeats", async () => {
    const canceller = await makeApiKey(tenant.workspace.id, "admin");
    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: graphId }, body: { input: {} } });
    const runId = started.json.runId as string;
    await rt.waitForRun(runId, (r) => r.status === "waiting");

    const cancelled = await callRoute(cancelRoute.POST as never, { key: canceller.key, params: { id: runId } });
    expect(cancelled.status, cancelled.text).toBe(200);
    // a refused second cancel changes nothing, so it is not audited
    expect((await callRoute(cancelRoute.POST as never, { key: canceller.key, params: { id: runId } })).status).toBe(409);
    const cancels = (await auditEvents(tenant.apiKey.key, "run.cancel")).filter((e) => e.targetId === runId);
    expect(cancels).toEqual([expect.objectContaining({ action: "run.cancel", targetType: "run", actorApiKeyId: canceller.id })]);

    const rerun = await callRoute(rerunRoute.POST as never, { key: tenant.apiKey.key, params: { id: runId }, body: { fromNode: "gate" } });
    expect(rerun.status, rerun.text).toBe(202);
    const newRunId = rerun.json.runId as string;
    const events = (await auditEvents(tenant.apiKey.key, "run.")).filter((e) => e.targetId === newRunId);
    expect(events).toEqual([
      expect.objectContaining({ action: "run.rerun", targetType: "run", targetId: newRunId, data: { rerunOf: runId, fromNode: "gate", graphId, version: 1 } }),
    ]);
    await callRoute(cancelRoute.POST as never, { key: tenant.apiKey.key, params: { id: newRunId } });
  });
});

describe("audit of secrets", () => {
  it("names the secret that was set, never its value", async () => {
    const value = "sk-live-audit-0123456789-do-not-log";
    const res = await callRoute(secretRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name: "VENDOR_API_KEY" }, body: { value } });
    expect(res.status, res.text).toBe(200);
    const events = await auditEvents(tenant.apiKey.key, "secret.");
    expect(events[0]).toMatchObject({ action: "secret.set", targetType: "secret", targetId: "VENDOR_API_KEY", data: { name: "VENDOR_API_KEY" } });
    expect(JSON.stringify(events)).not.toContain(value);
  });
});
