"use client";

import { useQuery, keepPreviousData } from "@tanstack/react-query";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api } from "@/lib/client/api";
import type { DateRange } from "./range";
import type { Bucket, CostReportWire, CostRowWire, GroupBy } from "./types";

/** Cache keys of the costs screen, under the workspace slug like every other query. */
export const costKeys = {
  all: ["costs"] as const,
  report: (q: CostQuery) => ["costs", q.groupBy, q.from, q.to, q.graphId ?? "", q.limit ?? null, q.offset ?? 0, q.splitBy ?? "", q.splitLimit ?? null] as const,
};

export interface CostQuery {
  groupBy: GroupBy | Bucket;
  /** ISO date-time, inclusive */
  from: string;
  /** ISO date-time, exclusive */
  to: string;
  graphId?: string | null;
  /** A page of the groups (largest first): at most `limit` from `offset`; the API's default is the 1,000 largest. */
  limit?: number;
  offset?: number;
  /** With a day or month `groupBy`: split each period's spend by this dimension (top `splitLimit` keys, default 5, plus other). */
  splitBy?: GroupBy;
  splitLimit?: number;
}

/**
 * The API reads `from` inclusive and `to` exclusive; the picker's days are inclusive local days,
 * as the runs list reads them, so the end is the next day's local midnight.
 */
export function rangeToQuery(range: DateRange): { from: string; to: string } {
  const from = new Date(`${range.from}T00:00:00`);
  const to = new Date(`${range.to}T00:00:00`);
  to.setDate(to.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** `?groupBy=…&from=…&to=…[&graphId=…][&limit=…&offset=…][&splitBy=…&splitLimit=…][&format=csv]` — the exact query the screen shows and exports. */
export function costQueryString(q: CostQuery, format?: "csv"): string {
  const p = new URLSearchParams({ groupBy: q.groupBy, from: q.from, to: q.to });
  if (q.graphId) p.set("graphId", q.graphId);
  if (q.limit != null) p.set("limit", String(q.limit));
  if (q.offset) p.set("offset", String(q.offset));
  if (q.splitBy) p.set("splitBy", q.splitBy);
  if (q.splitLimit != null) p.set("splitLimit", String(q.splitLimit));
  if (format) p.set("format", format);
  return p.toString();
}

export function useCostReport(q: CostQuery, opts: { enabled?: boolean } = {}) {
  const { workspace } = useWorkspace();
  return useQuery({
    queryKey: [workspace.slug, ...costKeys.report(q)],
    queryFn: () => api<CostReportWire>(`/api/v1/costs?${costQueryString(q)}`, { workspace: workspace.slug }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled,
    refetchInterval: 30_000,
  });
}

/**
 * Downloads the CSV of a query. The browser session names the workspace by header, which a
 * plain link cannot send, so the file is fetched and handed to the browser as a download.
 */
export async function downloadCostsCsv(workspace: string, q: CostQuery): Promise<string> {
  const res = await fetch(`/api/v1/costs?${costQueryString(q, "csv")}`, { headers: { "x-workspace": workspace } });
  if (!res.ok) {
    let message = `The export failed (${res.status}).`;
    try {
      message = ((await res.json()) as { error?: string }).error ?? message;
    } catch {}
    throw new Error(message);
  }
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `costs-by-${q.groupBy}.csv`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Simulated models are named `sim:…`; their spend is labelled as simulated everywhere. */
export const isSimulatedModel = (model: string) => model.startsWith("sim:");

/** "graphId@3" → { graphId, version } */
export function splitVersionKey(key: string): { graphId: string; version: number | null } {
  const at = key.lastIndexOf("@");
  if (at < 0) return { graphId: key, version: null };
  const v = Number(key.slice(at + 1));
  return { graphId: key.slice(0, at), version: Number.isFinite(v) && v > 0 ? v : null };
}

/** What a row is called on screen. */
export function rowLabel(groupBy: GroupBy | Bucket, r: CostRowWire): string {
  if (r.key === "") return groupBy === "customer" ? "(no customer key)" : groupBy === "tag" ? "(untagged)" : "(not attributed)";
  if (groupBy === "graph") return r.label ?? r.key;
  if (groupBy === "version") {
    const { graphId, version } = splitVersionKey(r.key);
    return `${r.label ?? graphId} v${version ?? "?"}`;
  }
  return r.key;
}

/**
 * The runs list filtered to the runs behind a row or bar, within the range (and graph filter)
 * they were spent in: graph, version, tag and customer key map to the runs list's filters of the
 * same name; an agent key is the node id that spent it (`agent=`), a model key the ledger's
 * `provider:model` (`model=`). The empty key ("not attributed", e.g. gateway calls without a run)
 * adds no filter. A bar of a split time series (`split`) adds its key's filter to the period's.
 *
 * @example
 * runsHref("demo", { groupBy: "model", key: "sim:fast", range: { from: "2026-11-01", to: "2026-11-30" } });
 * // "/w/demo/runs?from=2026-11-01&to=2026-11-30&model=sim%3Afast"
 * runsHref("demo", { groupBy: "day", key: "2026-11-03", range, split: { groupBy: "model", key: "sim:fast" } });
 * // "/w/demo/runs?from=2026-11-03&to=2026-11-03&model=sim%3Afast"
 */
export function runsHref(
  slug: string,
  opts: { groupBy: GroupBy | Bucket; key: string; range: { from: string; to: string }; graphId?: string | null; split?: { groupBy: GroupBy; key: string } },
): string {
  const p = new URLSearchParams();
  const { groupBy, key } = opts;
  if (opts.graphId) p.set("graphId", opts.graphId);
  if (groupBy === "day") {
    p.set("from", key);
    p.set("to", key);
  } else if (groupBy === "month") {
    const [y, m] = key.split("-").map(Number);
    p.set("from", `${key}-01`);
    p.set("to", `${key}-${String(new Date(Date.UTC(y!, m!, 0)).getUTCDate()).padStart(2, "0")}`);
  } else {
    p.set("from", opts.range.from);
    p.set("to", opts.range.to);
  }
  keyFilter(p, groupBy, key);
  if (opts.split) keyFilter(p, opts.split.groupBy, opts.split.key);
  return `/w/${slug}/runs?${p.toString()}`;
}

/** The runs list's filter for a group key (none for day and month keys, set as a range, or the empty key). */
function keyFilter(p: URLSearchParams, groupBy: GroupBy | Bucket, key: string) {
  if (!key) return;
  if (groupBy === "graph") p.set("graphId", key);
  if (groupBy === "version") {
    const { graphId, version } = splitVersionKey(key);
    if (!graphId) return;
    p.set("graphId", graphId);
    if (version) p.set("version", String(version));
  }
  if (groupBy === "tag") p.set("tag", key);
  if (groupBy === "customer") p.set("customerKey", key);
  if (groupBy === "agent") p.set("agent", key);
  if (groupBy === "model") p.set("model", key);
}
