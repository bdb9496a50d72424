import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { compileCondition, evaluateCondition } from "../../graphs/spec/conditions";
import { isPlainObject } from "../../graphs/spec/json";
import { ZWatchTrigger } from "../../graphs/spec/schema";
import { sha256 } from "../../crypto";
import type { Tick } from "../../scheduler/types";
import { fireTrigger, type FireResult } from "../fire-trigger";
import { recordFire } from "../record-fire";
import { pollWatchSource, WatchPollError, type WatchEvent } from "./poll-watch-source";
import { afterFailure, afterPoll, firedKey, isRisingEdge, readWatchState, rememberKey, type WatchState } from "./watch-state";

/** Longest key used as it is; a longer one dedupes by its hash. */
const MAX_KEY_CHARS = 120;

/** What one tick of a watch did (tests and the scheduler's logs read it; the fire log has the rest). */
export type WatchTickResult =
  | { polled: false; reason: "gone" | "paused" | "repeated" }
  | { polled: true; ok: false; error: string }
  | { polled: true; ok: true; holds: boolean; key: string | null; fire: FireResult | null };

/** The key expression's value as a dedupe key (null: no key, dedupe by the poll). */
export function evaluateWatchKey(expression: string, event: WatchEvent): string | null {
  const compiled = compileCondition(expression, "trigger");
  let value: unknown;
  try {
    value = compiled({ event });
  } catch (err) {
    throw new WatchPollError(`key "${expression}" failed: ${(err as Error).message.split("\n")[0]}`);
  }
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : typeof value === "bigint" ? value.toString() : JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return text.length > MAX_KEY_CHARS ? `sha256:${sha256(text)}` : text;
}

/** The run input a watch fire gives when its trigger has no `input` mapping: the body when it is an object. */
function naturalInput(event: WatchEvent): Record<string, unknown> {
  return isPlainObject(event.body) ? event.body : { status: event.status, body: event.body };
}

/**
 * One tick of a `watch` trigger: poll its source, evaluate `when` (and `key`) over the response,
 * and fire on the rising edge only — once when the condition goes from false to true (or, with a
 * key, when the key changes while it stays true). The dedupe key is the key's value, else the
 * tick's intended time, so a repeated tick starts no second run; a key the watch remembers as
 * having started a run is recorded as a `duplicate` without asking for another.
 *
 * Health goes on the row: `lastCheckedAt` every poll, `lastError`/`lastErrorAt` when it fails
 * (cleared by the next good poll). A failed poll (refused address, timeout, bad body, a condition
 * that cannot be evaluated) starts nothing and leaves the previous value standing; the first
 * failure of a streak is also recorded as a fire with outcome `error`, so the fire log shows it
 * without one entry per poll.
 *
 * Ticks of one trigger run one after another (the scheduler arms the next when this one ends),
 * so the state is read at the start and written at the end.
 */
export async function tickWatch(ctx: WorkspaceContext, triggerId: string, tick: Tick): Promise<WatchTickResult> {
  const row = await ctx.db.trigger.findFirst({ where: { id: triggerId, type: "watch" } });
  if (!row) return { polled: false, reason: "gone" };
  if (!row.enabled || row.pausedAt) return { polled: false, reason: "paused" };
  let state = readWatchState(row.state);
  const tickAt = tick.intendedAt.toISOString();
  if (state.lastTickAt && tick.intendedAt.getTime() <= Date.parse(state.lastTickAt)) return { polled: false, reason: "repeated" };

  const save = (next: WatchState, health: { error?: string }) =>
    ctx.db.trigger.updateMany({
      where: { id: row.id },
      data: {
        state: next as never,
        lastCheckedAt: tick.now,
        ...(health.error !== undefined ? { lastError: health.error.slice(0, 1000), lastErrorAt: tick.now } : { lastError: null }),
      },
    });
  const fail = async (error: string): Promise<WatchTickResult> => {
    if (state.failures === 0) {
      await recordFire(ctx, { trigger: row, intendedAt: tick.intendedAt, dedupeKey: tickAt, outcome: "error", reason: `The watch's poll failed: ${error}` });
    }
    await save(afterFailure(state, tickAt), { error });
    return { polled: true, ok: false, error };
  };

  const parsed = ZWatchTrigger.safeParse(row.config);
  if (!parsed.success) return fail(`its declaration is not a valid watch: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const watch = parsed.data;
  let event: WatchEvent;
  let holds: boolean;
  let key: string | null = null;
  try {
    event = await pollWatchSource(ctx, watch, tick.now);
    holds = evaluateCondition(watch.when, { event }, "trigger");
    if (watch.key) key = evaluateWatchKey(watch.key, event);
  } catch (err) {
    return fail((err as Error).message);
  }

  let fire: FireResult | null = null;
  if (isRisingEdge(state, { holds, key: key ?? undefined })) {
    const seen = key !== null ? firedKey(state, key) : undefined;
    if (seen) {
      const fireId = await recordFire(ctx, {
        trigger: row,
        intendedAt: tick.intendedAt,
        dedupeKey: key,
        outcome: "duplicate",
        reason: "This key already started a run.",
        runId: seen.runId,
        payload: event,
      });
      fire = { triggerId: row.id, trigger: row.name, graphId: row.graphId, outcome: "duplicate", runId: seen.runId, reason: "This key already started a run.", fireId };
    } else {
      fire = await fireTrigger(ctx, row, { event: event as unknown as Record<string, unknown>, input: naturalInput(event), dedupeKey: key ?? tickAt, intendedAt: tick.intendedAt });
      if (key !== null && fire.runId && (fire.outcome === "started" || fire.outcome === "duplicate" || fire.outcome === "debounced")) state = rememberKey(state, key, fire.runId);
    }
  }
  await save(afterPoll(state, { holds, key: key ?? undefined, tickAt }), {});
  return { polled: true, ok: true, holds, key, fire };
}
