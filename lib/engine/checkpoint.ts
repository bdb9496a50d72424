/**
 * `POST /v1/checkpoint/:runId/async` (INNGEST-PROTOCOL.md §3): the SDK reports steps it
 * ran inside one call. Recorded in one statement — the lease check, lease extension and
 * step inserts commit together (one WAL flush per checkpoint). A stale `qi_id` (the
 * item was re-claimed by another worker, or the run was cancelled) gets 409, which makes
 * the SDK stop running steps for that call.
 */
import { Op } from "./consts";
import type { EngineContext } from "./context";
import type { OpEntry } from "./call";

export interface CheckpointBody {
  run_id?: string;
  qi_id?: string;
  steps?: OpEntry[];
}

/** Memo value for a checkpointed op, or null for ops that are not step results. */
export function memoForOp(op: OpEntry): unknown | null {
  if (op.op === Op.stepRun || op.op === Op.step) return { data: op.data ?? null };
  if (op.op === Op.stepFailed) return { error: op.error ?? op.data ?? null };
  return null;
}

export async function recordCheckpoint(ctx: EngineContext, runId: string, body: CheckpointBody): Promise<"ok" | "stale"> {
  const [itemId, token] = String(body.qi_id ?? "").split(".");
  if (!itemId || !token || !/^\d+$/.test(itemId)) return "stale";
  const steps = (body.steps ?? [])
    .map((op) => ({ id: op.id, memo: memoForOp(op) }))
    .filter((s) => typeof s.id === "string" && s.memo !== null);
  const r = await ctx.db.query<{ ok: string }>(
    `with q as (
       update engine.queue set locked_until = now() + make_interval(secs => $4)
       where id = $1 and lease_token = $2 and run_id = $3 returning id
     ), ins as (
       insert into engine.steps (run_id, id, memo)
       select $3, x.id, x.memo from jsonb_to_recordset($5::jsonb) as x(id text, memo jsonb)
       where exists (select 1 from q)
       on conflict do nothing returning 1
     )
     select (select count(*) from q) as ok, (select count(*) from ins) as inserted`,
    [itemId, token, runId, ctx.options.leaseMs / 1000, JSON.stringify(steps)],
  );
  return Number(r.rows[0]?.ok) > 0 ? "ok" : "stale";
}
