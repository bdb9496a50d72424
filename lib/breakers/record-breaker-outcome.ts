import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { WorkspaceContext } from "../auth/context";
import type { TBreakerPolicy } from "../graphs/spec/schema";
import { newId } from "../ids";
import { BREAKER_DEFAULTS, resolveBreakerPolicy } from "./policy";
import { millis, NOW } from "./sql";

export interface BreakerOutcome {
  ok: boolean;
  /** why the call failed (kept as the breaker's `lastError`, shown in the UI; no secrets or outputs) */
  error?: string;
  /**
   * Whether this call was the half-open probe (`checkBreaker` said `probe: true`). A call let
   * through before the breaker opened says `false`, so its late outcome does not settle the
   * probe; left out, any outcome settles a half-open breaker.
   */
  probe?: boolean;
}

/**
 * Records the outcome of a call through `key`, in one statement per transition:
 * - half-open: the probe's success closes the breaker (counts reset), its failure opens it
 *   again with a new cool-down;
 * - closed: the call is counted in the window (a window older than `window` starts again);
 *   `failures` failures, or a `failureRate` of at least `minCalls` calls, open it
 *   (`openedAt`, `nextProbeAt = now + coolDown`). A breaker forced closed counts but never opens.
 * Each transition appends a `BreakerEvent`.
 */
export async function recordBreakerOutcome(ctx: WorkspaceContext, key: string, outcome: BreakerOutcome, policy?: TBreakerPolicy): Promise<void> {
  const p = resolveBreakerPolicy(policy);
  const ws = ctx.workspace.id;
  const ok = outcome.ok;
  const error = ok ? null : (outcome.error ?? "failed").slice(0, 500);
  const cool = millis(p.coolDownMs);
  if (outcome.probe !== false) {
    const settled = await ctx.db.$queryRaw<{ state: string }[]>`
      with s as (
        update "CircuitBreaker" set
          state = (case when ${ok} then 'closed' else 'open' end)::"BreakerState",
          failures = case when ${ok} then 0 else failures end,
          calls = case when ${ok} then 0 else calls end,
          "windowStart" = case when ${ok} then null else "windowStart" end,
          "openedAt" = case when ${ok} then null else ${NOW} end,
          "nextProbeAt" = case when ${ok} then null else ${NOW} + ${cool} end,
          "probeUntil" = null,
          "lastError" = coalesce(${error}, "lastError"),
          "lastFailureAt" = case when ${ok} then "lastFailureAt" else ${NOW} end,
          "updatedAt" = ${NOW}
        where "workspaceId" = ${ws} and key = ${key} and state = 'half_open'
        returning "workspaceId", key, state::text as state
      ), ev as (
        insert into "BreakerEvent" (id, "workspaceId", key, "from", "to", reason, at)
        select ${newId("breakerEvent")}, "workspaceId", key, 'half_open', state,
          case when ${ok} then 'the probe call succeeded' else 'the probe call failed: ' || ${error ?? ""}::text end, ${NOW}
        from s
      )
      select state from s`;
    if (settled.length) return;
  }
  const f0 = ok ? 0 : 1;
  const rate = p.failureRate;
  const expired = Prisma.sql`(c."windowStart" is null or c."windowStart" <= ${NOW} - ${millis(p.windowMs)})`;
  const nf = Prisma.sql`(case when ${expired} then ${f0}::int else c.failures + ${f0}::int end)`;
  const nc = Prisma.sql`(case when ${expired} then 1 else c.calls + 1 end)`;
  const opens = Prisma.sql`(${!ok} and c."forcedState" is null and (${nf} >= ${p.failures}::int or (${rate}::float8 is not null and ${nc} >= ${p.minCalls}::int and ${nf}::float8 / ${nc} >= ${rate}::float8)))`;
  // the first call ever made through the key inserts the row
  const opensFirst = !ok && (p.failures <= 1 || (rate !== null && p.minCalls <= 1));
  const windowText = policy?.window ?? BREAKER_DEFAULTS.window;
  await ctx.db.$queryRaw`
    with up as (
      insert into "CircuitBreaker" as c (id, "workspaceId", key, state, failures, calls, "windowStart", "openedAt", "nextProbeAt", "lastError", "lastFailureAt", "createdAt", "updatedAt")
      values (${newId("breaker")}, ${ws}, ${key}, (case when ${opensFirst} then 'open' else 'closed' end)::"BreakerState", ${f0}::int, 1, ${NOW},
        case when ${opensFirst} then ${NOW} end, case when ${opensFirst} then ${NOW} + ${cool} end, ${error}, case when ${!ok} then ${NOW} end, ${NOW}, ${NOW})
      on conflict ("workspaceId", key) do update set
        state = (case when ${opens} then 'open' else 'closed' end)::"BreakerState",
        "openedAt" = case when ${opens} then ${NOW} else c."openedAt" end,
        "nextProbeAt" = case when ${opens} then ${NOW} + ${cool} else c."nextProbeAt" end,
        "windowStart" = case when ${expired} then ${NOW} else c."windowStart" end,
        failures = ${nf},
        calls = ${nc},
        "lastError" = coalesce(${error}, c."lastError"),
        "lastFailureAt" = case when ${!ok} then ${NOW} else c."lastFailureAt" end,
        "updatedAt" = ${NOW}
      where c.state = 'closed'
      returning c."workspaceId", c.key, c.state::text as state, c.failures, c.calls
    ), ev as (
      insert into "BreakerEvent" (id, "workspaceId", key, "from", "to", reason, at)
      select ${newId("breakerEvent")}, "workspaceId", key, 'closed', 'open',
        failures || ' of ' || calls || ' calls failed within ' || ${windowText}::text || coalesce('; last error: ' || ${error}::text, ''), ${NOW}
      from up where state = 'open'
    )
    select state from up`;
}
