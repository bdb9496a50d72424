import { isPlainObject } from "@/lib/graphs/spec/json";
import type { TRIGGER_TYPES, TTrigger } from "@/lib/graphs/spec/schema";

/** A trigger as the builder edits it: plain JSON, possibly invalid (the validator says where). */
export type TDraftTrigger = { type: string } & Record<string, unknown>;

/** The triggers of a draft's `triggers` field (entries that are not objects are kept out of the editor). */
export function draftTriggers(value: unknown): TDraftTrigger[] {
  return Array.isArray(value) ? value.filter((t): t is TDraftTrigger => isPlainObject(t) && typeof t.type === "string") : [];
}

/** The viewer's IANA time zone, for a new schedule (UTC when the browser does not say). */
export function localTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Every IANA zone the browser knows, for the time-zone field's suggestions. */
export function timezones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

/**
 * A new trigger of `type` that validates as it is (a graph_completed trigger follows `otherGraph`,
 * when the workspace has one), so adding one never leaves the graph unsaveable.
 *
 * @example newTrigger("schedule", { timezone: "Europe/Paris" }); // { type: "schedule", cron: "0 9 * * 1-5", timezone: "Europe/Paris" }
 */
export function newTrigger(type: (typeof TRIGGER_TYPES)[number], opts: { timezone?: string; otherGraph?: string; taken?: readonly string[] } = {}): TTrigger {
  switch (type) {
    case "schedule":
      return { type, cron: "0 9 * * 1-5", timezone: opts.timezone ?? "UTC" };
    case "webhook":
      return { type, verify: { mode: "standard" } };
    case "email":
      return { type, address: uniqueAddress(opts.taken ?? []) };
    case "api":
      return { type };
    case "event":
      return { type, name: "order.created" };
    case "graph_completed":
      return { type, graph: opts.otherGraph ?? "", status: "succeeded" };
    case "watch":
      return { type, url: "https://status.example.com/api/health", every: "5m", when: "event.status != 200" };
  }
}

function uniqueAddress(taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const address = n === 1 ? "intake" : `intake-${n}`;
    if (!taken.includes(address)) return address;
  }
}
