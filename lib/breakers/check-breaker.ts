import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TBreakerPolicy } from "../graphs/spec/schema";
import { newId } from "../ids";
import { resolveBreakerPolicy } from "./policy";
import { millis, NOW } from "./sql";
import type { BreakerGate } from "./types";

type Row = { state: "closed" | "open" | "half_open"; forced: "open" | "closed" | null; forcedBy: string | null; forcedReason: string | null; nextProbeAt: Date | null; probeUntil: Date | null; lastError: string | null; failures: number; now: Date };

const ALLOWED: BreakerGate = { allowed: true, state: "closed", probe: false };

/**
 * Whether a call through `key` may go ahead now. Closed (or forced closed, or never seen):
 * yes. Open (or forced open): no, until `nextProbeAt`; then exactly one caller becomes the
 * half-open probe — an atomic conditional UPDATE that only one of many concurrent callers
 * can match — and everyone else is refused until the probe reports. A probe that never
 * reports (its process died) loses its lease after the cool-down, and the next caller probes.
 */
export async function checkBreaker(ctx: WorkspaceContext, key: string, policy?: TBreakerPolicy): Promise<BreakerGate> {
  const ws = ctx.workspace.id;
  const [row] = await ctx.db.$queryRaw<Row[]>`
    select state::text as state, "forcedState"::text as forced, "forcedBy", "forcedReason", "nextProbeAt", "probeUntil", "lastError", failures, ${NOW} as now
    from "CircuitBreaker" where "workspaceId" = ${ws} and key = ${key}`;
  if (!row) return ALLOWED;
  if (row.forced === "open") return { allowed: false, state: "open", probe: false, reason: `${key} was forced open by ${row.forcedBy ?? "an admin"}${row.forcedReason ? `: ${row.forcedReason}` : ""}` };
  if (row.forced === "closed" || row.state === "closed") return ALLOWED;
  const due = row.state === "open" ? !!row.nextProbeAt && row.nextProbeAt <= row.now : !row.probeUntil || row.probeUntil <= row.now;
  if (due) {
    const p = resolveBreakerPolicy(policy);
    const claimed = await ctx.db.$queryRaw<{ before: string }[]>`
      with claimed as (
        update "CircuitBreaker" c
        set state = 'half_open', "probeUntil" = ${NOW} + ${millis(p.coolDownMs)}, "updatedAt" = ${NOW}
        from (select id, state::text as before from "CircuitBreaker" where "workspaceId" = ${ws} and key = ${key}) p
        where c.id = p.id and c."forcedState" is null
          and ((c.state = 'open' and c."nextProbeAt" <= ${NOW}) or (c.state = 'half_open' and (c."probeUntil" is null or c."probeUntil" <= ${NOW})))
        returning c."workspaceId", c.key, p.before
      ), ev as (
        insert into "BreakerEvent" (id, "workspaceId", key, "from", "to", reason, at)
        select ${newId("breakerEvent")}, "workspaceId", key, before, 'half_open',
          case when before = 'open' then 'cool-down over: one probe call let through' else 'the last probe never reported: a new probe let through' end, ${NOW}
        from claimed
      )
      select before from claimed`;
    if (claimed.length) return { allowed: true, state: "half_open", probe: true };
    return { allowed: false, state: "half_open", probe: false, reason: `${key} is half-open: another call is its probe` };
  }
  if (row.state === "half_open") return { allowed: false, state: "half_open", probe: false, reason: `${key} is half-open: another call is its probe` };
  const seconds = row.nextProbeAt ? Math.max(0, Math.ceil((row.nextProbeAt.getTime() - row.now.getTime()) / 1000)) : 0;
  return {
    allowed: false,
    state: "open",
    probe: false,
    reason: `${key} is open after ${row.failures} failures${row.lastError ? ` (last: ${row.lastError})` : ""}; next probe in ${seconds} s`,
  };
}
