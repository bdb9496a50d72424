import "server-only";
import { parseCursor } from "../api/cursor";
import type { WorkspaceContext } from "../auth/context";
import type { TListRunsQuery } from "./list-runs-query";
import { actorLabels } from "../breakers/actor-label";

export { RUN_STATUSES, ZListRunsQuerySchema, type TListRunsQuery } from "./list-runs-query";

/** Node runs that did something: a node that was skipped or never started spent nothing. */
const RAN = { notIn: ["queued", "skipped"] as ("queued" | "skipped")[] };

/**
 * Runs newest first with cursor pagination (the cursor is the last run id:
 * ids are time-sortable, so `id < cursor` pages without offsets). Filters combine (and).
 */
export async function listRuns(ctx: WorkspaceContext, q: TListRunsQuery) {
  const cursor = parseCursor("run", q.cursor);
  const rows = await ctx.db.run.findMany({
    where: {
      ...(q.graphId ? { graphId: q.graphId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.version ? { version: q.version } : {}),
      ...(q.tag ? { tags: { has: q.tag } } : {}),
      ...(q.customerKey ? { customerKey: q.customerKey } : {}),
      // the runs behind a cost row by agent or model: a node run of that node / with that model
      ...(q.agent || q.model ? { nodeRuns: { some: { ...(q.agent ? { nodeId: q.agent } : {}), ...(q.model ? { model: q.model } : {}), status: RAN } } } : {}),
      ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      ...(cursor ? { id: { lt: cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: q.limit + 1,
    select: {
      id: true, graphId: true, version: true, status: true, tags: true, customerKey: true, costUsd: true,
      createdAt: true, startedAt: true, endedAt: true, pausedReason: true, parentRunId: true, triggerId: true, startedBy: true,
      graph: { select: { name: true } },
    },
  });
  const page = rows.slice(0, q.limit);
  const origins = await runOrigins(ctx, page);
  return {
    runs: page.map(({ graph, costUsd, startedBy, ...r }) => ({
      ...r,
      ...origins.get(r.id)!,
      graphName: graph.name,
      costUsd: Number(costUsd.toString()),
      durationMs: r.startedAt ? (r.endedAt ?? new Date()).getTime() - r.startedAt.getTime() : null,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}

/** What started a run, as the runs list shows it. */
export interface RunOrigin {
  /** the fire that started it (the trigger as it was when it fired; the link to the Schedules page) */
  trigger: { id: string; name: string; type: string; fireId: string | null } | null;
  /** who or what asked for it: a person, an API key, a trigger, a parent run */
  startedBy: { kind: "user" | "apiKey" | "trigger" | "run" | "other"; label: string } | null;
}

/**
 * Per run, the trigger fire that started it (through the TriggerFire(runId) index; a trigger the
 * spec no longer declares keeps its fires, so its name still shows) and who started it, named.
 */
async function runOrigins(ctx: WorkspaceContext, runs: { id: string; triggerId: string | null; startedBy: string | null; parentRunId: string | null }[]): Promise<Map<string, RunOrigin>> {
  const triggered = runs.filter((r) => r.triggerId);
  const [fires, rows, labels] = await Promise.all([
    triggered.length
      ? ctx.db.triggerFire.findMany({ where: { runId: { in: triggered.map((r) => r.id) } }, orderBy: { id: "asc" }, select: { id: true, runId: true, triggerId: true, triggerName: true, type: true } })
      : [],
    triggered.length ? ctx.db.trigger.findMany({ where: { id: { in: [...new Set(triggered.map((r) => r.triggerId!))] } }, select: { id: true, name: true, type: true } }) : [],
    actorLabels(ctx, runs.map((r) => (r.startedBy?.toLowerCase().startsWith("apikey:") ? `apikey:${r.startedBy.slice(7)}` : r.startedBy))),
  ]);
  const firstFire = new Map<string, (typeof fires)[number]>();
  for (const f of fires) if (f.runId && !firstFire.has(f.runId)) firstFire.set(f.runId, f);
  const triggerRow = new Map(rows.map((t) => [t.id, t]));
  const out = new Map<string, RunOrigin>();
  for (const r of runs) {
    const fire = firstFire.get(r.id);
    const row = r.triggerId ? triggerRow.get(r.triggerId) : undefined;
    const trigger = fire
      ? { id: fire.triggerId, name: fire.triggerName, type: fire.type as string, fireId: fire.id }
      : row
        ? { id: row.id, name: row.name, type: row.type as string, fireId: null }
        : null;
    out.set(r.id, { trigger, startedBy: startedByOf(r.startedBy, r.parentRunId, trigger?.name, labels) });
  }
  return out;
}

function startedByOf(by: string | null, parentRunId: string | null, triggerName: string | undefined, labels: Map<string, string>): RunOrigin["startedBy"] {
  if (!by) return parentRunId ? { kind: "run", label: `Run ${parentRunId}` } : null;
  if (by.startsWith("user:")) return { kind: "user", label: labels.get(by) ?? "A former member" };
  if (by.toLowerCase().startsWith("apikey:")) return { kind: "apiKey", label: labels.get(`apikey:${by.slice(7)}`) ?? "A revoked API key" };
  if (by.startsWith("trigger:")) return { kind: "trigger", label: `Trigger ${triggerName ?? by.slice(8)}` };
  if (by.startsWith("run:")) return { kind: "run", label: `Run ${by.slice(4)}` };
  return { kind: "other", label: by };
}
