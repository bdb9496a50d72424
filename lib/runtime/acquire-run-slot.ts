import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { getPrisma } from "../db/client";
import type { TGraphSpec } from "../graphs/spec/schema";
import { renderTemplate } from "../graphs/spec/template";
import { inngest } from "../events/client";
import { EVENTS } from "../events/names";

/**
 * Graph `concurrency`: at most `limit` runs of a graph execute at once, per value of the
 * evaluated `key` when there is one. The slot is a fact on the run row (`slotAcquiredAt` set,
 * status not final), so it is durable and is released by whatever ends the run — success,
 * failure, cancel, or a crash that the engine gives up on (run-graph's failure handler) — with
 * no separate release to forget. Runs that find no free slot stay `queued` (pausedReason
 * `concurrency`) and take slots in the order they were created.
 */

/** Statuses in which a run no longer holds a slot. */
const FINAL = ["succeeded", "failed", "cancelled"] as const;

/**
 * The run's concurrency key as the run starts: null when the graph has no `concurrency`, `""`
 * for one graph-wide limit, else the rendered `key` template (a key that cannot be rendered
 * counts as `""`, the graph-wide bucket).
 *
 * @example
 * concurrencyKeyFor({ concurrency: { limit: 1, key: "{{input.customer}}" } } as TGraphSpec, { customer: "acme" }); // "acme"
 */
export function concurrencyKeyFor(spec: Pick<TGraphSpec, "concurrency">, input: Record<string, unknown>, run?: { id: string; graph: string; version: number; customerKey: string | null }): string | null {
  if (!spec.concurrency) return null;
  if (!spec.concurrency.key) return "";
  try {
    const value = renderTemplate(spec.concurrency.key, { input, nodes: {}, ...(run ? { run } : {}) });
    return value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return "";
  }
}

export type RunSlot = { acquired: true } | { acquired: false; ended: boolean; graphId: string; holders: number; limit: number };

/**
 * Takes a concurrency slot for a run, if one is free and no run that waited longer is ahead
 * of it. Idempotent: a run that already holds its slot (a replayed step) gets it again.
 * One statement under a per-(graph, key) transaction-scoped advisory lock, sent as a batch
 * (no interactive transaction), so two runs racing for the last slot cannot both take it.
 */
export async function acquireRunSlot(ctx: WorkspaceContext, runId: string): Promise<RunSlot> {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { graphId: true, graphVersionId: true, status: true, concurrencyKey: true, slotAcquiredAt: true } });
  if (!run) return { acquired: false, ended: true, graphId: "", holders: 0, limit: 0 };
  if ((FINAL as readonly string[]).includes(run.status)) return { acquired: false, ended: true, graphId: run.graphId, holders: 0, limit: 0 };
  // most graphs have no concurrency limit: no need to read the (possibly large) spec
  if (run.concurrencyKey === null || run.slotAcquiredAt) return { acquired: true };
  const version = await ctx.db.graphVersion.findFirst({ where: { id: run.graphVersionId }, select: { spec: true } });
  const limit = (version?.spec as unknown as TGraphSpec | undefined)?.concurrency?.limit;
  if (!limit) return { acquired: true };
  const ws = ctx.workspace.id;
  const key = run.concurrencyKey;
  const db = getPrisma();
  const [, , taken] = await db.$transaction([
    db.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`run-slot:${ws}:${run.graphId}:${key}`}, 0))`,
    // in line from here on (the runs list shows why it has not started), in the same transaction as
    // the look: a slot freed just after this look wakes this run (announceSlotFreed reads the line)
    db.$executeRaw`update "Run" set "pausedReason" = 'concurrency' where id = ${runId} and "workspaceId" = ${ws} and "slotAcquiredAt" is null and status = 'queued'`,
    db.$executeRaw`
      update "Run" r set "slotAcquiredAt" = now(), "pausedReason" = null
      where r.id = ${runId} and r."workspaceId" = ${ws} and r."slotAcquiredAt" is null
        and r.status not in ('succeeded', 'failed', 'cancelled')
        and (select count(*) from "Run" h
              where h."workspaceId" = ${ws} and h."graphId" = ${run.graphId} and h."concurrencyKey" = ${key}
                and h."slotAcquiredAt" is not null and h.status not in ('succeeded', 'failed', 'cancelled'))
          + (select count(*) from "Run" w
              where w."workspaceId" = ${ws} and w."graphId" = ${run.graphId} and w."concurrencyKey" = ${key}
                and w."slotAcquiredAt" is null and w.status = 'queued' and w."pausedReason" = 'concurrency'
                and (w."createdAt", w.id) < (r."createdAt", r.id))
          < ${limit}`,
  ]);
  if (taken) return { acquired: true };
  const holders = await ctx.db.run.count({ where: { graphId: run.graphId, concurrencyKey: key, slotAcquiredAt: { not: null }, status: { notIn: [...FINAL] } } });
  return { acquired: false, ended: false, graphId: run.graphId, holders, limit };
}

/** How many of the first runs in line for a freed slot are woken (more than one: the first may have been cancelled). */
const WAKE_AHEAD = 2;

/**
 * Wakes the first runs in line for a slot of this run's graph and key (`next`: one event each;
 * they re-check). Only those: waking every waiter of the graph would queue a call per waiter
 * for each freed slot — a key with hundreds of queued runs would then flood the engine's queue
 * and hold up the runs of every other key. Waiters also re-check on their own now and then, so
 * a lost wake-up only delays them. Call after the run's final status is written.
 */
export async function announceSlotFreed(ctx: WorkspaceContext, runId: string): Promise<void> {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { graphId: true, concurrencyKey: true, slotAcquiredAt: true } });
  if (!run || run.concurrencyKey === null || !run.slotAcquiredAt) return;
  const next = await ctx.db.run.findMany({
    where: { graphId: run.graphId, concurrencyKey: run.concurrencyKey, status: "queued", slotAcquiredAt: null, pausedReason: "concurrency" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: WAKE_AHEAD,
    select: { id: true },
  });
  if (!next.length) return;
  await inngest
    .send(next.map((n) => ({ name: EVENTS.runSlotFreed, data: { workspaceId: ctx.workspace.id, graphId: run.graphId, concurrencyKey: run.concurrencyKey, runId, next: n.id } })))
    .catch(() => {
      // waiters re-check on their own (slotRecheck)
    });
}

/**
 * How long a waiting run sleeps before its i-th check when no wake-up arrives: 30 s, 1 m, then
 * 2 m. Wake-ups go to the runs next in line (announceSlotFreed), so these checks are only a net
 * for a lost one; kept sparse because hundreds of runs waiting behind one key would otherwise
 * fill the engine's queue with checks and hold up every other key's runs.
 */
export function slotRecheck(i: number): string {
  return i <= 1 ? "30s" : i === 2 ? "1m" : "2m";
}

/** The step tools a slot wait needs (the interpreter's `Steps`). */
interface SlotSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  waitForEvent(id: string, opts: { event: string; timeout: number | string; if?: string }): Promise<{ data: unknown } | null>;
}

/**
 * Durably waits, before the run begins, until it holds a concurrency slot of its graph:
 * woken when a run of its graph and key ends and it is next in line, re-checking every
 * {@link slotRecheck} otherwise.
 * Returns false when the run ended while waiting (cancelled).
 */
export async function waitForRunSlot(
  step: SlotSteps,
  workspaceId: string,
  runId: string,
  life: { context(workspaceId: string): Promise<WorkspaceContext>; acquireRunSlot: typeof acquireRunSlot },
): Promise<boolean> {
  let slot = await step.run("slot", async () => life.acquireRunSlot(await life.context(workspaceId), runId));
  for (let i = 1; !slot.acquired; i++) {
    if (slot.ended) return false;
    // woken when this run is next in line (announceSlotFreed)
    await step.waitForEvent(`slot-wait:${i}`, { event: EVENTS.runSlotFreed, timeout: slotRecheck(i), if: `async.data.graphId == '${slot.graphId}' && async.data.next == '${runId}'` });
    slot = await step.run(`slot:${i}`, async () => life.acquireRunSlot(await life.context(workspaceId), runId));
  }
  return true;
}
