import "server-only";
import { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors";
import { inngest } from "../events/client";
import { EVENTS, type BreakerClosedData } from "../events/names";
import { newId } from "../ids";
import { actorRef } from "./actor-label";
import { parseBreakerKey } from "./keys";
import { NOW } from "./sql";

/** A breaker key, checked for its shape (agent:…, model:…, graph:…). */
export const ZBreakerKey = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .superRefine((key, c) => {
    const parsed = parseBreakerKey(key);
    if ("error" in parsed) c.addIssue({ code: "custom", message: parsed.error });
  });

const ZReason = z.string().trim().min(1, { error: "is required: say why, it is shown to everyone and kept in the audit log" }).max(500);

/** POST /breakers/open: force a breaker open (for a graph: its kill switch). */
export const ZForceOpenRequestSchema = z.strictObject({ key: ZBreakerKey, reason: ZReason });
/**
 * POST /breakers/close: close a breaker (counts reset, any forced state released); with
 * `hold: true` it is held closed whatever fails, until released.
 */
export const ZForceCloseRequestSchema = z.strictObject({ key: ZBreakerKey, reason: ZReason, hold: z.boolean().optional() });
/** POST /breakers/release: end an admin's override; the automatic state applies again. */
export const ZReleaseRequestSchema = z.strictObject({ key: ZBreakerKey, reason: ZReason.optional() });

export type BreakerAction = "open" | "close" | "hold" | "release";

const AUDIT_ACTION: Record<BreakerAction, string> = {
  open: "breaker.forced_open",
  close: "breaker.forced_closed",
  hold: "breaker.forced_closed",
  release: "breaker.released",
};

/**
 * An admin's override of a breaker, in one statement that writes the breaker (created if it
 * never saw a call) and its history event, then audited:
 * - `open`: forced open until closed or released (a graph's kill switch: new runs refused,
 *   running ones pause at their next node);
 * - `close`: back to closed, counts reset, the override ended;
 * - `hold`: forced closed: calls go through whatever fails, until released;
 * - `release`: the override ended; the automatic state applies again.
 * Closing or releasing announces `breaker.closed`, which wakes the runs a kill switch paused.
 */
export async function forceBreaker(ctx: WorkspaceContext, action: BreakerAction, input: { key: string; reason?: string }): Promise<{ key: string; from: string; to: string }> {
  const key = input.key;
  const parsed = parseBreakerKey(key);
  if ("error" in parsed) throw new AppError("validation_failed", `key ${parsed.error}`, [{ path: "key", message: parsed.error }]);
  if (parsed.kind === "graph" || parsed.kind === "agent") {
    const graph = await ctx.db.graph.findFirst({ where: { id: parsed.graphId }, select: { id: true } });
    if (!graph) throw new AppError("not_found", `Graph ${parsed.graphId} (named in key) not found.`, [{ path: "key", message: `names graph ${parsed.graphId}, which does not exist in this workspace` }]);
  }
  const ws = ctx.workspace.id;
  const by = actorRef(ctx);
  const reason = input.reason ?? null;
  if (action === "release") {
    const current = await ctx.db.circuitBreaker.findFirst({ where: { key }, select: { forcedState: true } });
    if (!current?.forcedState) throw new AppError("conflict", `${key} is not forced open or closed, so there is nothing to release.`);
  }
  const forced = action === "open" ? "open" : action === "hold" ? "closed" : null;
  const reset = action === "close";
  const to = action === "open" ? "forced_open" : action === "hold" ? "forced_closed" : action === "close" ? "closed" : null;
  const [row] = await ctx.db.$queryRaw<{ from: string; to: string }[]>`
    with prev as (
      select case when "forcedState" is not null then 'forced_' || "forcedState"::text else state::text end as eff
      from "CircuitBreaker" where "workspaceId" = ${ws} and key = ${key}
    ), up as (
      insert into "CircuitBreaker" as c (id, "workspaceId", key, state, "forcedState", "forcedBy", "forcedReason", "forcedAt", "createdAt", "updatedAt")
      values (${newId("breaker")}, ${ws}, ${key}, 'closed', ${forced}::"BreakerState",
        case when ${forced}::text is not null then ${by} end, case when ${forced}::text is not null then ${reason}::text end, case when ${forced}::text is not null then ${NOW} end, ${NOW}, ${NOW})
      on conflict ("workspaceId", key) do update set
        "forcedState" = ${forced}::"BreakerState",
        "forcedBy" = case when ${forced}::text is not null then ${by} end,
        "forcedReason" = case when ${forced}::text is not null then ${reason}::text end,
        "forcedAt" = case when ${forced}::text is not null then ${NOW} end,
        state = case when ${reset} then 'closed' else c.state end,
        failures = case when ${reset} then 0 else c.failures end,
        calls = case when ${reset} then 0 else c.calls end,
        "windowStart" = case when ${reset} then null else c."windowStart" end,
        "openedAt" = case when ${reset} then null else c."openedAt" end,
        "nextProbeAt" = case when ${reset} then null else c."nextProbeAt" end,
        "probeUntil" = case when ${reset} then null else c."probeUntil" end,
        "updatedAt" = ${NOW}
      returning c."workspaceId", c.key, coalesce(${to}::text, c.state::text) as "to"
    ), ev as (
      insert into "BreakerEvent" (id, "workspaceId", key, "from", "to", reason, actor, at)
      select ${newId("breakerEvent")}, "workspaceId", key, coalesce((select eff from prev), 'closed'), "to",
        ${`${action === "open" ? "forced open" : action === "hold" ? "held closed" : action === "close" ? "closed" : "released"}${reason ? `: ${reason}` : ""}`}, ${by}, ${NOW}
      from up
    )
    select coalesce((select eff from prev), 'closed') as "from", "to" from up`;
  await recordAuditEvent(ctx.actor, {
    workspaceId: ws,
    action: AUDIT_ACTION[action],
    targetType: "breaker",
    targetId: key,
    data: { key, kind: parsed.kind, from: row.from, to: row.to, ...(reason ? { reason } : {}), ...(action === "hold" ? { hold: true } : {}), ...(action === "release" ? { released: true } : {}) },
  });
  if (action !== "open") {
    // runs a graph's kill switch paused wait for this (and look again every few minutes if it is lost)
    await inngest.send({ name: EVENTS.breakerClosed, data: { workspaceId: ws, key } satisfies BreakerClosedData }).catch(() => {});
  }
  return { key, from: row.from, to: row.to };
}
