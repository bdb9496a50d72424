import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { newId } from "../ids";
import { insertTenantRowsSql } from "../db/insert-rows";
import { isPlainObject } from "../graphs/spec/json";
import type { FireOutcome } from "./outcomes";

export type { FireOutcome };

export interface FireRecord {
  trigger: { id: string; graphId: string | null; name: string; type: string };
  intendedAt: Date;
  dedupeKey: string | null;
  outcome: FireOutcome;
  reason?: string | null;
  runId?: string | null;
  payload?: unknown;
}

/** Largest payload kept with a fire, in characters of JSON; a bigger one keeps its size only. */
const MAX_PAYLOAD_CHARS = 16_384;

/** Records one fire of a trigger (the scheduler's view: meant vs what ran). */
export async function recordFire(ctx: WorkspaceContext, fire: FireRecord) {
  const [id] = await recordFires(ctx, [fire]);
  return id!;
}

const FIRE_COLUMNS = {
  id: "text",
  graphId: "text",
  triggerId: "text",
  triggerName: "text",
  type: '"TriggerType"',
  intendedAt: "timestamp(3)",
  dedupeKey: "text",
  outcome: "text",
  reason: "text",
  runId: "text",
  payload: "jsonb",
};

/** Records fires in one statement (and their triggers' `lastFiredAt` in one more); returns their ids, in order. */
export async function recordFires(ctx: WorkspaceContext, fires: FireRecord[]): Promise<string[]> {
  if (!fires.length) return [];
  const ids = fires.map(() => newId("triggerFire"));
  await ctx.db.$executeRaw(
    insertTenantRowsSql(
      ctx.workspace.id,
      "TriggerFire",
      FIRE_COLUMNS,
      fires.map((fire, i) => {
        const text = fire.payload === undefined ? undefined : JSON.stringify(fire.payload);
        const payload = text === undefined ? null : text.length <= MAX_PAYLOAD_CHARS ? fire.payload : { truncated: true, chars: text.length };
        return {
          id: ids[i]!,
          graphId: fire.trigger.graphId,
          triggerId: fire.trigger.id,
          triggerName: fire.trigger.name,
          type: fire.trigger.type,
          intendedAt: fire.intendedAt,
          dedupeKey: fire.dedupeKey,
          outcome: fire.outcome,
          reason: fire.reason ?? null,
          runId: fire.runId ?? null,
          payload: isPlainObject(payload) || Array.isArray(payload) ? payload : { value: payload },
        };
      }),
    ),
  );
  const started = [...new Set(fires.filter((f) => f.outcome === "started").map((f) => f.trigger.id))];
  if (started.length) await ctx.db.trigger.updateMany({ where: { id: { in: started } }, data: { lastFiredAt: new Date() } });
  return ids;
}
