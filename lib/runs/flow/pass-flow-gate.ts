import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { getPrisma, Prisma } from "../../db/client";
import { parseDuration } from "../../graphs/spec/duration";
import type { TGraphSpec } from "../../graphs/spec/schema";
import { NOW } from "./admit-run";
import { throttleWait } from "./throttle-wait";

/**
 * The flow gate a run passes before it begins (before its concurrency slot): its debounce quiet
 * period (`startAfter`) is over, and its throttle window has room. Passing is one conditional
 * UPDATE (`flowState` waiting → released, `releasedAt` = now), so a debounce that moves
 * `startAfter` at the same moment either lands before it (the run waits again) or finds the run
 * released (and starts a new one). A throttle counts the runs of its key released within the
 * period plus those ahead in line, under a per-(graph, key) advisory lock, in a batch.
 */

export type FlowGate = { released: true } | { released: false; ended: true } | { released: false; ended: false; waitMs: number; until: string; reason: "debounce" | "throttle" };

const FINAL = ["succeeded", "failed", "cancelled"];
/** Shortest sleep between two looks at the gate (a wake-up a little late beats one too early). */
const MIN_WAIT_MS = 25;

/** Tries to pass the gate; when it cannot, says how long to sleep before trying again. */
export async function passFlowGate(ctx: WorkspaceContext, runId: string): Promise<FlowGate> {
  const ws = ctx.workspace.id;
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { graphId: true, graphVersionId: true, status: true, flowState: true, throttleKey: true } });
  if (!run || FINAL.includes(run.status)) return { released: false, ended: true };
  if (run.flowState !== "waiting") return { released: true };
  const version = await ctx.db.graphVersion.findFirst({ where: { id: run.graphVersionId }, select: { spec: true } });
  const throttle = run.throttleKey !== null ? (version?.spec as unknown as TGraphSpec | undefined)?.flow?.throttle : undefined;
  const db = getPrisma();
  const ready = Prisma.sql`r.id = ${runId} and r."workspaceId" = ${ws} and r."flowState" = 'waiting' and r.status = 'queued' and (r."startAfter" is null or r."startAfter" <= ${NOW})`;
  let passed: number;
  let periodMs = 0;
  if (!throttle) {
    passed = await db.$executeRaw`update "Run" r set "flowState" = 'released', "releasedAt" = ${NOW}, "pausedReason" = null where ${ready}`;
  } else {
    periodMs = parseDuration(throttle.period);
    const key = run.throttleKey!;
    const sameKey = (alias: string) => Prisma.sql`${Prisma.raw(alias)}."workspaceId" = ${ws} and ${Prisma.raw(alias)}."graphId" = ${run.graphId} and ${Prisma.raw(alias)}."throttleKey" = ${key}`;
    [, passed] = await db.$transaction([
      db.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`run-throttle:${ws}:${run.graphId}:${key}`}, 0))`,
      db.$executeRaw`
        update "Run" r set "flowState" = 'released', "releasedAt" = ${NOW}, "pausedReason" = null
        where ${ready}
          and (select count(*) from "Run" h where ${sameKey("h")} and h."releasedAt" > ${NOW} - ${periodMs}::float8 * interval '1 millisecond')
            + (select count(*) from "Run" w where ${sameKey("w")} and w."flowState" = 'waiting' and w.status = 'queued'
                 and (w."startAfter" is null or w."startAfter" <= ${NOW}) and (w."createdAt", w.id) < (r."createdAt", r.id))
            < ${throttle.limit}`,
    ], { maxWait: 10_000, timeout: 30_000 });
  }
  if (passed) return { released: true };
  return nextLook(ctx, runId, run.graphId, throttle ? { key: run.throttleKey!, limit: throttle.limit, periodMs } : null);
}

/** Why the run cannot pass yet, and when to look again (on the database clock). */
async function nextLook(ctx: WorkspaceContext, runId: string, graphId: string, throttle: { key: string; limit: number; periodMs: number } | null): Promise<FlowGate> {
  const ws = ctx.workspace.id;
  const db = getPrisma();
  const [row] = await db.$queryRaw<Array<{ status: string; flowState: string | null; untilStart: number | null; released: number[] | null; ahead: number }>>`
    select r.status, r."flowState",
      extract(epoch from (r."startAfter" - ${NOW})) * 1000 as "untilStart",
      (select array_agg(extract(epoch from (h."releasedAt" - ${NOW})) * 1000 order by h."releasedAt") from "Run" h
        where h."workspaceId" = ${ws} and h."graphId" = ${graphId} and h."throttleKey" = ${throttle?.key ?? null}
          and h."releasedAt" > ${NOW} - ${throttle?.periodMs ?? 0}::float8 * interval '1 millisecond') as released,
      (select count(*)::int from "Run" w where w."workspaceId" = ${ws} and w."graphId" = ${graphId} and w."throttleKey" = ${throttle?.key ?? null}
        and w."flowState" = 'waiting' and w.status = 'queued' and (w."startAfter" is null or w."startAfter" <= ${NOW})
        and (w."createdAt", w.id) < (r."createdAt", r.id)) as ahead
    from "Run" r where r.id = ${runId} and r."workspaceId" = ${ws}`;
  if (!row || FINAL.includes(row.status)) return { released: false, ended: true };
  if (row.flowState !== "waiting") return { released: true };
  const untilStart = row.untilStart === null ? 0 : Number(row.untilStart);
  if (untilStart > 0 || !throttle) {
    await ctx.db.run.updateMany({ where: { id: runId, status: "queued", flowState: "waiting" }, data: { pausedReason: "debounce" } });
    return waiting(Math.ceil(untilStart), "debounce");
  }
  await ctx.db.run.updateMany({ where: { id: runId, status: "queued", flowState: "waiting" }, data: { pausedReason: "throttle" } });
  return waiting(throttleWait((row.released ?? []).map(Number), Number(row.ahead), throttle.limit, throttle.periodMs), "throttle");
}

/** A wait of at least {@link MIN_WAIT_MS}, with the moment it ends (the step's result, so a replay sleeps until the same moment). */
function waiting(ms: number, reason: "debounce" | "throttle"): FlowGate {
  const waitMs = Math.max(MIN_WAIT_MS, Math.ceil(ms));
  return { released: false, ended: false, waitMs, until: new Date(Date.now() + waitMs).toISOString(), reason };
}
