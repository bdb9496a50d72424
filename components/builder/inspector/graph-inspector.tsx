"use client";

import type { TGraphMeta, TProblem } from "../types";
import { TriggersPanel } from "../triggers-panel";
import { JsonInput, ListInput, NumberInput, problemsAt, Section, SelectInput, TextInput } from "./fields";

/** Graph-level settings, shown when no node is selected. */
export function GraphInspector({ meta, problems, onEdit, readOnly, graphId = null }: {
  meta: TGraphMeta;
  /** null until the graph is first saved */
  graphId?: string | null;
  problems: readonly TProblem[];
  onEdit(edit: (meta: TGraphMeta) => TGraphMeta, field: string): void;
  readOnly: boolean;
}) {
  const set = (field: string) => (value: unknown) => onEdit((m) => ({ ...m, [field]: value }), field);
  const at = (field: string) => problemsAt(problems, field);
  const budget = (meta.budget ?? {}) as { perRunUsd?: number; perNodeUsd?: number; onExceed?: "pause" | "stop" | "downgrade" };
  const setBudget = (key: string) => (value: unknown) => {
    const next = { ...budget, [key]: value };
    onEdit((m) => ({ ...m, budget: Object.values(next).some((v) => v !== undefined) ? next : undefined }), `budget.${key}`);
  };
  const common = { disabled: readOnly };
  return (
    <div data-testid="graph-inspector">
      <h2 className="mb-1 text-sm font-semibold text-slate-900">Graph settings</h2>
      <p className="mb-2 text-[11px] text-slate-500">Select a node to edit it. These settings apply to the whole graph.</p>
      <Section title="General">
        <TextInput label="Name" testid="field-name" value={meta.name} onChange={(v) => set("name")(v ?? "")} problems={at("name")} {...common} />
        <TextInput label="Description" value={meta.description as string | undefined} onChange={set("description")} problems={at("description")} {...common} />
        <ListInput label="Tags" value={meta.tags} onChange={set("tags")} problems={at("tags")} {...common} />
        <TextInput label="Customer key" mono value={meta.customerKey as string | undefined} onChange={set("customerKey")} problems={at("customerKey")} placeholder="{{input.requestId}}" hint="Template that attributes each run's cost to a customer or request." {...common} />
      </Section>
      <Section title="Input and output">
        <JsonInput label="Input JSON schema" testid="field-input-schema" value={meta.input} onChange={set("input")} problems={at("input")} requireObject rows={8} hint="The run form is generated from it; templates read it as {{input.*}}." {...common} />
        <JsonInput label="Output JSON schema" value={meta.output} onChange={set("output")} problems={at("output")} requireObject rows={4} {...common} />
      </Section>
      <Section title="Triggers">
        <TriggersPanel value={meta.triggers} problems={problems} onChange={set("triggers")} readOnly={readOnly} graphId={graphId} graphName={meta.name} />
      </Section>
      <Section title="Budget and limits" defaultOpen={false}>
        <div className="grid grid-cols-2 gap-2">
          <NumberInput label="Per run (USD)" value={budget.perRunUsd} min={0} step={0.01} onChange={setBudget("perRunUsd")} problems={at("budget.perRunUsd")} {...common} />
          <NumberInput label="Per node (USD)" value={budget.perNodeUsd} min={0} step={0.01} onChange={setBudget("perNodeUsd")} problems={at("budget.perNodeUsd")} {...common} />
        </div>
        <SelectInput label="When exceeded" value={budget.onExceed} options={["pause", "stop", "downgrade"] as const} empty="Default (pause)" onChange={setBudget("onExceed")} problems={at("budget.onExceed")} {...common} />
        <JsonInput label="Default retries" value={meta.retries} onChange={set("retries")} problems={at("retries")} requireObject rows={3} hint='{ "attempts": 3, "backoff": { "initialMs": 1000, "factor": 2, "maxMs": 30000 } }' {...common} />
        <JsonInput label="Timeouts" value={meta.timeouts} onChange={set("timeouts")} problems={at("timeouts")} requireObject rows={2} hint='{ "run": "1h", "node": "5m" }' {...common} />
        <JsonInput label="Concurrency" value={meta.concurrency} onChange={set("concurrency")} problems={at("concurrency")} requireObject rows={2} hint='{ "limit": 5, "key": "{{input.customerId}}" }' {...common} />
        <JsonInput label="Flow control" value={meta.flow} onChange={set("flow")} problems={at("flow")} requireObject rows={3} hint='{ "throttle": { "limit": 10, "period": "1m" }, "debounce": { "period": "30s" }, "queue": { "max": 100, "policy": "reject" }, "maxAge": "1h" }' {...common} />
      </Section>
      <GraphLevelProblems problems={problems} />
    </div>
  );
}

function GraphLevelProblems({ problems }: { problems: readonly TProblem[] }) {
  // a trigger's problems show next to its fields in the Triggers section
  const own = problems.filter((p) => !p.nodeId && !p.path.startsWith("nodes[") && !p.path.startsWith("triggers["));
  if (own.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-700">
      {own.map((p, i) => (
        <li key={i}>{p.message}</li>
      ))}
    </ul>
  );
}
