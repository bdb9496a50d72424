import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { getPrisma, Prisma } from "../../db/client";
import { parseDuration } from "../../graphs/spec/duration";
import type { TFlowControl } from "../../graphs/spec/schema";

/**
 * Admission of a run start under the graph's `flow` (see lib/runs/flow/README.md).
 *
 * The new run's row is written first with `flowState = 'admitting'` (invisible to every count
 * below); then one batch — a per-graph advisory lock and one statement per rule, each acting only
 * while the new row is still `admitting` — decides, in order:
 *  1. `debounce`: a run of the same debounce key still waiting to begin takes this payload (and
 *     its quiet period restarts, capped at `maxWait` after its first request) → `debounced`;
 *  2. `queue` full (runs of the graph queued and not yet begun ≥ `max`): `reject` → `refused`;
 *     `drop_oldest` → the oldest waiting runs are cancelled (`dropped`) and this one admitted;
 *     `coalesce` → the newest waiting run of the same keys takes this payload → `coalesced`
 *     (none of the same keys: `refused`, so one key's payload never overwrites another's);
 *  3. otherwise admitted: `flowState = 'waiting'`, `startAfter` = now + the debounce period.
 * No interactive transaction: the batch is one round trip, and two starts racing for the last
 * place in the queue cannot both take it.
 */

export type Admission =
  | { kind: "admitted"; dropped: string[] }
  | { kind: "debounced"; into: string }
  | { kind: "coalesced"; into: string }
  | { kind: "refused"; retryAfterSeconds: number };

/** The database clock as the Run table's UTC timestamps hold it (whatever the session's time zone). */
export const NOW = Prisma.raw(`(now() at time zone 'UTC')`);

/** Runs of a graph waiting to begin: queued, held by the flow gate or past it, holding no concurrency slot. */
const waitingOf = (ws: string, graphId: string, alias: string) =>
  Prisma.sql`${Prisma.raw(alias)}."workspaceId" = ${ws} and ${Prisma.raw(alias)}."graphId" = ${graphId}
    and ${Prisma.raw(alias)}.status = 'queued' and ${Prisma.raw(alias)}."flowState" in ('waiting', 'released') and ${Prisma.raw(alias)}."slotAcquiredAt" is null`;

/** Decides a start's admission (the new run's row exists, `admitting`). See the module doc. */
export async function admitRun(
  ctx: WorkspaceContext,
  args: { runId: string; graphId: string; flow: TFlowControl; input: Record<string, unknown>; requestedAt: Date | null; debounceKey: string | null; throttleKey: string | null; concurrencyKey: string | null },
): Promise<Admission> {
  const { runId, graphId, flow } = args;
  const ws = ctx.workspace.id;
  const db = getPrisma();
  const input = JSON.stringify(args.input);
  const me = Prisma.sql`exists (select 1 from "Run" m where m.id = ${runId} and m."flowState" = 'admitting')`;
  const statements: Prisma.PrismaPromise<unknown>[] = [db.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`run-flow:${ws}:${graphId}`}, 0))`];
  const slots: Record<string, number> = {};

  if (flow.debounce && args.debounceKey !== null) {
    const period = parseDuration(flow.debounce.period);
    const maxWait = flow.debounce.maxWait ? parseDuration(flow.debounce.maxWait) : null;
    slots.debounce = statements.length;
    statements.push(db.$queryRaw`
      with target as (
        select p.id from "Run" p
        where p."workspaceId" = ${ws} and p."graphId" = ${graphId} and p."debounceKey" = ${args.debounceKey}
          and p.status = 'queued' and p."flowState" = 'waiting' and p.id <> ${runId} and ${me}
        order by p."createdAt" desc, p.id desc limit 1
      ), merged as (
        update "Run" p set input = ${input}::jsonb, "requestedAt" = coalesce(${args.requestedAt}::timestamp, ${NOW}),
          "startAfter" = case when ${maxWait}::float8 is null then ${NOW} + ${period}::float8 * interval '1 millisecond'
                              else least(${NOW} + ${period}::float8 * interval '1 millisecond', p."createdAt" + ${maxWait}::float8 * interval '1 millisecond') end,
          "pausedReason" = 'debounce'
        from target where p.id = target.id and p.status = 'queued' and p."flowState" = 'waiting'
        returning p.id
      ), mark as (
        update "Run" n set "flowState" = 'merged' where n.id = ${runId} and exists (select 1 from merged) returning n.id
      )
      select id from merged`);
  }

  if (flow.queue) {
    const max = flow.queue.max;
    const policy = flow.queue.policy ?? "reject";
    const full = Prisma.sql`(select count(*) from "Run" w where ${waitingOf(ws, graphId, "w")}) >= ${max}`;
    slots.queue = statements.length;
    if (policy === "reject") {
      statements.push(db.$queryRaw`update "Run" n set "flowState" = 'refused' where n.id = ${runId} and n."flowState" = 'admitting' and ${full} returning n.id`);
    } else if (policy === "drop_oldest") {
      const message = `Dropped before it began: the graph's queue of runs waiting to start was full (flow.queue.max ${max}, policy drop_oldest), and a newer start took its place.`;
      statements.push(db.$queryRaw`
        with victims as (
          select w.id from "Run" w where ${waitingOf(ws, graphId, "w")} and ${me}
          order by w."createdAt", w.id
          limit greatest(0, (select count(*) from "Run" w2 where ${waitingOf(ws, graphId, "w2")}) - ${max} + 1)
        )
        update "Run" r set status = 'cancelled', "endedAt" = ${NOW}, "pausedReason" = null,
          error = ${JSON.stringify({ code: "queue_dropped", message })}::jsonb
        from victims where r.id = victims.id and r.status = 'queued'
        returning r.id`);
    } else {
      statements.push(db.$queryRaw`
        with target as (
          select w.id from "Run" w
          where ${waitingOf(ws, graphId, "w")} and ${me} and ${full}
            and w."throttleKey" is not distinct from ${args.throttleKey} and w."concurrencyKey" is not distinct from ${args.concurrencyKey}
            and w."debounceKey" is not distinct from ${args.debounceKey}
          order by w."createdAt" desc, w.id desc limit 1
        ), merged as (
          update "Run" p set input = ${input}::jsonb, "requestedAt" = coalesce(${args.requestedAt}::timestamp, ${NOW})
          from target where p.id = target.id and p.status = 'queued'
          returning p.id
        ), mark as (
          update "Run" n set "flowState" = case when exists (select 1 from merged) then 'merged' else 'refused' end
          where n.id = ${runId} and n."flowState" = 'admitting' and ${full}
          returning n.id
        )
        select id from merged`);
    }
  }

  const debounceMs = flow.debounce && args.debounceKey !== null ? parseDuration(flow.debounce.period) : null;
  slots.admit = statements.length;
  statements.push(db.$queryRaw`
    update "Run" n set "flowState" = 'waiting',
      "startAfter" = case when ${debounceMs}::float8 is null then null else ${NOW} + ${debounceMs}::float8 * interval '1 millisecond' end,
      "pausedReason" = case when ${debounceMs}::float8 is null then null else 'debounce' end
    where n.id = ${runId} and n."flowState" = 'admitting'
    returning n.id`);

  // starts racing for one graph wait their turn for the lock inside the batch: allow for a queue of them
  const results = await db.$transaction(statements, { maxWait: 10_000, timeout: 30_000 });
  const rows = (i: number | undefined) => (i === undefined ? [] : (results[i] as Array<{ id: string }>));
  const debouncedInto = rows(slots.debounce)[0]?.id;
  if (debouncedInto) return { kind: "debounced", into: debouncedInto };
  const policy = flow.queue?.policy ?? "reject";
  const queued = rows(slots.queue);
  if (flow.queue && policy === "coalesce" && queued[0]) return { kind: "coalesced", into: queued[0].id };
  if (flow.queue && policy === "reject" && queued[0]) return { kind: "refused", retryAfterSeconds: retryAfterSeconds(flow) };
  if (!rows(slots.admit)[0]) return { kind: "refused", retryAfterSeconds: retryAfterSeconds(flow) };
  return { kind: "admitted", dropped: flow.queue && policy === "drop_oldest" ? queued.map((r) => r.id) : [] };
}

/**
 * How long a refused start should wait before trying again: the time a throttle needs to make
 * room for one more start (period / limit), else 5 s — a hint, not a promise.
 *
 * @example
 * retryAfterSeconds({ throttle: { limit: 10, period: "1m" } }); // 6
 */
export function retryAfterSeconds(flow: TFlowControl): number {
  if (flow.throttle) return Math.max(1, Math.ceil(parseDuration(flow.throttle.period) / flow.throttle.limit / 1000));
  return 5;
}
