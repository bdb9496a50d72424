/**
 * Trigger identities: a trigger's `id`, or its type numbered in order when a graph declares
 * several of one type (`event`, `event_2`). Fires, pause state and webhook addresses follow the
 * id across versions, so a trigger keeps them as long as its id stays.
 */
import type { TTrigger } from "./schema";

/**
 * The id of every trigger, in order.
 *
 * @example
 * triggerIds([{ type: "event", name: "a" }, { type: "event", name: "b" }, { type: "api", id: "manual" }]);
 * // ["event", "event_2", "manual"]
 */
export function triggerIds(triggers: readonly Pick<TTrigger, "type" | "id">[]): string[] {
  const seen = new Map<string, number>();
  return triggers.map((trigger) => {
    if (trigger.id) return trigger.id;
    const n = (seen.get(trigger.type) ?? 0) + 1;
    seen.set(trigger.type, n);
    return n === 1 ? trigger.type : `${trigger.type}_${n}`;
  });
}

/** The run statuses a `graph_completed` trigger starts on (default: succeeded). */
export function completedStatuses(status: string | readonly string[] | undefined): string[] {
  if (status === undefined) return ["succeeded"];
  return typeof status === "string" ? [status] : [...status];
}
