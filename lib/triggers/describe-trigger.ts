/**
 * What a trigger listens to, in words: shared by the Schedules page (server view) and the
 * builder's Triggers panel (client). Pure: no database, no environment.
 */
import cronstrue from "cronstrue";
import { isPlainObject } from "../graphs/spec/json";

/** Every kind of Trigger row: the spec's trigger types plus `report` (a scheduled cost report). */
export const TRIGGER_KINDS = ["schedule", "webhook", "email", "api", "event", "graph_completed", "watch", "report"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** A kind's name as people read it. */
export const KIND_LABELS: Record<TriggerKind, string> = {
  schedule: "Schedule",
  webhook: "Webhook",
  email: "E-mail",
  api: "API",
  event: "Event",
  graph_completed: "Graph completed",
  watch: "Watch",
  report: "Cost report",
};

/** Whether a kind acts on time (the scheduler arms it), so it has next fire times. */
export const isTimedKind = (kind: string): kind is "schedule" | "watch" | "report" => kind === "schedule" || kind === "watch" || kind === "report";

/**
 * A cron pattern in words, with its zone.
 *
 * @example
 * cronInWords("0 9 * * 1-5", "Europe/Paris"); // "At 09:00, Monday through Friday (Europe/Paris)"
 * cronInWords("nonsense"); // "nonsense (not a valid cron pattern)"
 */
export function cronInWords(cron: string, timezone?: string | null): string {
  let words: string;
  try {
    words = cronstrue.toString(cron, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch {
    return `${cron} (not a valid cron pattern)`;
  }
  return `${words} (${timezone || "UTC"})`;
}

/** A report row's schedule: `config.schedule` as `{ cron, timezone }` or a cron string, else `config.cron`. */
export function reportSchedule(config: unknown): { cron: string; timezone?: string } | null {
  if (!isPlainObject(config)) return null;
  const s = config.schedule;
  if (isPlainObject(s) && typeof s.cron === "string") return { cron: s.cron, timezone: typeof s.timezone === "string" ? s.timezone : undefined };
  if (typeof s === "string") return { cron: s, timezone: typeof config.timezone === "string" ? config.timezone : undefined };
  if (typeof config.cron === "string") return { cron: config.cron, timezone: typeof config.timezone === "string" ? config.timezone : undefined };
  return null;
}

/** What the description needs to know beyond the declaration. */
export interface DescribeContext {
  /** the webhook's full URL, when known */
  hookUrl?: string | null;
  /** the e-mail trigger's full address, when known */
  emailAddress?: string | null;
  /** a graph's name from its id (graph_completed) */
  graphName?: (idOrName: string) => string | undefined;
}

/** What a trigger listens to: one line for a table cell, and the value a person copies (URL, address, cron). */
export interface TriggerSource {
  summary: string;
  /** a URL, address, cron pattern or event name to show in monospace */
  value?: string;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * Describes a trigger from its kind and declaration.
 *
 * @example
 * describeTrigger("event", { type: "event", name: "order.created" }); // { summary: "Event order.created", value: "order.created" }
 */
export function describeTrigger(kind: string, config: unknown, ctx: DescribeContext = {}): TriggerSource {
  const c = isPlainObject(config) ? config : {};
  switch (kind) {
    case "schedule": {
      const cron = str(c.cron) ?? "";
      return { summary: cronInWords(cron, str(c.timezone)), value: cron };
    }
    case "report": {
      const s = reportSchedule(config);
      return s ? { summary: `Cost report: ${cronInWords(s.cron, s.timezone)}`, value: s.cron } : { summary: "Cost report" };
    }
    case "webhook":
      return { summary: "Signed POST to its URL", value: ctx.hookUrl ?? undefined };
    case "email":
      return { summary: "Mail to its address", value: ctx.emailAddress ?? undefined };
    case "event":
      return { summary: `Event ${str(c.name) ?? "?"}`, value: str(c.name) };
    case "graph_completed": {
      const graph = str(c.sourceGraphId) ?? str(c.graph) ?? "?";
      const name = ctx.graphName?.(graph) ?? str(c.graph) ?? graph;
      const status = Array.isArray(c.status) ? c.status.join(" or ") : (str(c.status) ?? "succeeded");
      return { summary: `A run of ${name} ${status}`, value: name };
    }
    case "watch": {
      const url = str(c.url) ?? "";
      return { summary: `${str(c.method) ?? "GET"} every ${str(c.every) ?? "?"} until ${str(c.when) ?? "?"}`, value: url };
    }
    case "api":
      return { summary: "POST /api/v1/graphs/:id/runs" };
    default:
      return { summary: kind };
  }
}
