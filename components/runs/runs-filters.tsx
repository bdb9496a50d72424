"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { RUN_STATUSES, type GraphListItem } from "./types";
import { STATUS_STYLE } from "./status";

export interface RunFilters {
  graphId: string;
  version: string;
  status: string;
  from: string;
  to: string;
  tag: string;
  customerKey: string;
  /** a node id (the agent of a cost row) */
  agent: string;
  /** `provider:model` */
  model: string;
}

export const FILTER_KEYS = ["graphId", "version", "status", "from", "to", "tag", "customerKey", "agent", "model"] as const satisfies readonly (keyof RunFilters)[];

export const readFilters = (params: URLSearchParams): RunFilters =>
  Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""])) as unknown as RunFilters;

/** Filters typed rather than picked: applied on Enter or blur. */
const TEXT_KEYS = ["version", "tag", "customerKey", "agent", "model"] as const;
type TextKey = (typeof TEXT_KEYS)[number];
const textValues = (f: RunFilters) => Object.fromEntries(TEXT_KEYS.map((k) => [k, f[k]])) as Record<TextKey, string>;

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30";

/**
 * The filter bar of the runs list. Selects apply at once; free-text fields
 * apply on Enter or when they lose focus, so typing does not refetch per key.
 */
export function RunsFilters({ value, graphs, onChange }: { value: RunFilters; graphs: GraphListItem[]; onChange: (next: Partial<RunFilters>) => void }) {
  const [draft, setDraft] = useState(() => textValues(value));
  const applied = TEXT_KEYS.map((k) => value[k]).join("\u0000");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `applied` is the text filters' identity
  useEffect(() => setDraft(textValues(value)), [applied]);
  const commit = (k: TextKey) => {
    if (draft[k].trim() !== value[k]) onChange({ [k]: draft[k].trim() });
  };
  const text = (k: TextKey, label: string, placeholder: string, type = "text") => (
    <label className="block min-w-0">
      <span className="mb-1 block text-xs font-medium text-slate-600">{label}</span>
      <input
        type={type}
        min={type === "number" ? 1 : undefined}
        placeholder={placeholder}
        value={draft[k]}
        className={`${control} ${k === "agent" || k === "model" ? "font-mono" : ""}`}
        onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))}
        onBlur={() => commit(k)}
        onKeyDown={(e) => e.key === "Enter" && commit(k)}
      />
    </label>
  );
  const active = Object.values(value).some(Boolean);
  return (
    <form role="search" aria-label="Filter runs" className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm md:grid-cols-5 2xl:grid-cols-10" onSubmit={(e) => e.preventDefault()}>
      <label className="col-span-2 block min-w-0 md:col-span-1">
        <span className="mb-1 block text-xs font-medium text-slate-600">Graph</span>
        <select className={control} value={value.graphId} onChange={(e) => onChange({ graphId: e.target.value, version: "" })}>
          <option value="">All graphs</option>
          {graphs.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      {text("version", "Version", "Any", "number")}
      <label className="block min-w-0">
        <span className="mb-1 block text-xs font-medium text-slate-600">Status</span>
        <select className={control} value={value.status} onChange={(e) => onChange({ status: e.target.value })}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_STYLE[s].label}
            </option>
          ))}
        </select>
      </label>
      <label className="block min-w-0">
        <span className="mb-1 block text-xs font-medium text-slate-600">From</span>
        <input type="date" className={control} value={value.from} max={value.to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
      </label>
      <label className="block min-w-0">
        <span className="mb-1 block text-xs font-medium text-slate-600">To</span>
        <input type="date" className={control} value={value.to} min={value.from || undefined} onChange={(e) => onChange({ to: e.target.value })} />
      </label>
      {text("tag", "Tag", "e.g. q4")}
      {text("customerKey", "Customer key", "e.g. REQ-1001")}
      {text("agent", "Agent (node)", "e.g. intake")}
      {text("model", "Model", "e.g. sim:fast")}
      <div className="flex items-end">
        {active && (
          <Button type="button" variant="ghost" onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""])))}>
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}
