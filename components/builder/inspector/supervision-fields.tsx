"use client";

import type { z } from "zod";
import type { ZEscalationStep } from "@/lib/graphs/spec";
import type { TDraftNode, TProblem } from "../types";
import { AssigneesInput } from "./assignees-input";
import { JsonInput, NumberInput, problemsAt, Section, SelectInput, TextInput } from "./fields";
import { ListEditor } from "./list-editor";
import { ModelPicker } from "./model-picker";
import type { Edit, TInspectorContext } from "./node-inspector";
import { SupervisorAgents } from "./supervisor-agents";
import { TemplateInput } from "./template-input";

type TStep = z.infer<typeof ZEscalationStep>;

/** `{ role }` and `[{ role }]` are the same assignees; the editor works on the list. */
const asList = (v: unknown): unknown[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/**
 * A supervisor's fields: its own model and task, the sub-agents it may delegate to (rows), the
 * bounds of its delegation (how many, how many at once, the confidence it accepts) and who
 * decides what it escalates (assignees, SLA, chain), then its output schema.
 */
export function SupervisorFields({ spec, onEdit, problems, suggestions, ctx }: { spec: TDraftNode; onEdit: Edit; problems: readonly TProblem[]; suggestions: readonly string[]; ctx: TInspectorContext }) {
  const set = (field: string) => (value: unknown) => onEdit((s) => ({ ...s, [field]: value }), field);
  const at = (field: string) => problemsAt(problems, field);
  const ro = ctx.readOnly;
  const chain = (Array.isArray(spec.escalationChain) ? spec.escalationChain : []) as TStep[];
  return (
    <>
      <Section title="Supervisor">
        <ModelPicker value={spec.model} onChange={set("model")} problems={at("model")} models={ctx.models} disabled={ro} />
        <TemplateInput label="Task" testid="field-task" value={spec.task as string | undefined} onChange={(v) => set("task")(v ?? "")} problems={at("task")} suggestions={suggestions} disabled={ro} hint="What to achieve; the supervisor plans its delegations from it." />
        <TemplateInput label="Instructions" value={spec.instructions as string | undefined} onChange={set("instructions")} problems={at("instructions")} suggestions={suggestions} rows={3} disabled={ro} />
        <SupervisorAgents value={spec.agents} onChange={set("agents")} problems={problems} models={ctx.models} graphs={ctx.graphs} disabled={ro} />
        <div className="grid grid-cols-2 gap-2">
          <NumberInput label="Max delegations" testid="field-maxDelegations" value={spec.maxDelegations} min={1} max={1000} onChange={set("maxDelegations")} problems={at("maxDelegations")} disabled={ro} />
          <NumberInput label="At once" testid="field-maxParallel" value={spec.maxParallel} min={1} max={64} onChange={set("maxParallel")} problems={at("maxParallel")} hint="Default 4." disabled={ro} />
        </div>
        <NumberInput
          label="Minimum confidence (0–1)"
          testid="field-minConfidence"
          value={spec.minConfidence}
          min={0}
          max={1}
          step={0.05}
          onChange={set("minConfidence")}
          problems={at("minConfidence")}
          hint="A delegation answering with less counts as unsure: the supervisor is told, then a person decides."
          disabled={ro}
        />
        <JsonInput label="Output JSON schema" testid="field-output" value={spec.output} onChange={set("output")} problems={at("output")} requireObject hint="The node's output is a delegation result whose output matches this." disabled={ro} />
      </Section>
      <Section title="Escalation">
        <AssigneesInput label="Escalate to" testid="field-escalateTo" value={asList(spec.escalateTo)} onChange={(v) => set("escalateTo")(v.length ? v : undefined)} problems={at("escalateTo")} members={ctx.members} disabled={ro} />
        <p className="-mt-2 text-[11px] text-slate-500">None chosen: the workspace&apos;s admins and owners.</p>
        <TextInput label="Answer within (SLA)" testid="field-escalationDueIn" value={spec.escalationDueIn as string | undefined} onChange={set("escalationDueIn")} problems={at("escalationDueIn")} placeholder="4h" hint="Shown in the inbox with the time left." disabled={ro} />
        <ListEditor<TStep>
          label="Then, while unanswered"
          field="escalationChain"
          noun="step"
          testid="field-escalationChain"
          items={chain}
          problems={problems}
          disabled={ro}
          newItem={() => ({ after: "4h", to: [{ role: "admin" }] })}
          onChange={(next) => set("escalationChain")(next.length ? next : undefined)}
        >
          {(step, i, update, stepAt) => (
            <>
              <TextInput label="After" testid={`step-${i}-after`} value={step.after} onChange={(after) => update({ ...step, after: after ?? "" })} problems={stepAt("after")} placeholder="4h" disabled={ro} />
              <AssigneesInput label="Goes to" testid={`step-${i}-to`} value={step.to} onChange={(to) => update({ ...step, to: to as TStep["to"] })} problems={stepAt("to")} members={ctx.members} disabled={ro} />
            </>
          )}
        </ListEditor>
      </Section>
    </>
  );
}

/**
 * A map's fields: the list it runs over, what runs per item (an inline agent whose prompt reads
 * `{{item}}` and `{{index}}`, or a saved graph with an input mapping), and its bounds.
 */
export function MapFields({ spec, onEdit, problems, suggestions, ctx }: { spec: TDraftNode; onEdit: Edit; problems: readonly TProblem[]; suggestions: readonly string[]; ctx: TInspectorContext }) {
  const set = (field: string) => (value: unknown) => onEdit((s) => ({ ...s, [field]: value }), field);
  const at = (field: string) => problemsAt(problems, field);
  const ro = ctx.readOnly;
  const perItem = spec.graph !== undefined ? "graph" : "agent";
  const agent = (spec.agent ?? {}) as Record<string, unknown>;
  const graph = (spec.graph ?? {}) as Record<string, unknown>;
  const setIn = (field: "agent" | "graph", current: Record<string, unknown>) => (key: string) => (value: unknown) =>
    onEdit((s) => ({ ...s, [field]: Object.fromEntries(Object.entries({ ...current, [key]: value }).filter(([, v]) => v !== undefined)) }), `${field}.${key}`);
  const setAgent = setIn("agent", agent);
  const setGraph = setIn("graph", graph);
  // inside the per-item fields, the item and its position are templates too
  const itemSuggestions = ["item", "index", ...suggestions];
  return (
    <Section title="Map">
      <TemplateInput label="Items" testid="field-items" value={spec.items as string | undefined} onChange={(v) => set("items")(v ?? "")} problems={at("items")} suggestions={suggestions} rows={2} disabled={ro} hint="A template that resolves to a list, e.g. {{nodes.intake.output.lines}}." />
      <SelectInput
        label="Per item, run"
        testid="field-per-item"
        value={perItem}
        options={[{ value: "agent", label: "An agent" }, { value: "graph", label: "A saved graph" }] as const}
        onChange={(kind) =>
          onEdit((s) => {
            const { agent: _a, graph: _g, ...rest } = s;
            return kind === "graph" ? { ...rest, graph: { graph: "" } } : { ...rest, agent: { model: "sim:fast", prompt: "Handle {{item}}" } };
          }, kind === "graph" ? "graph" : "agent")
        }
        problems={[]}
        disabled={ro}
      />
      {perItem === "agent" ? (
        <>
          <ModelPicker value={agent.model} onChange={setAgent("model")} problems={at("agent.model")} models={ctx.models} disabled={ro} />
          <TemplateInput label="Prompt" testid="field-map-prompt" value={agent.prompt as string | undefined} onChange={(v) => setAgent("prompt")(v ?? "")} problems={at("agent.prompt")} suggestions={itemSuggestions} rows={3} disabled={ro} hint="{{item}} is the item, {{index}} its position (from 0)." />
          <TemplateInput label="Instructions (system)" value={agent.instructions as string | undefined} onChange={setAgent("instructions")} problems={at("agent.instructions")} suggestions={itemSuggestions} rows={2} disabled={ro} />
          <JsonInput label="Output JSON schema (per item)" value={agent.output} onChange={setAgent("output")} problems={at("agent.output")} requireObject rows={3} disabled={ro} />
        </>
      ) : (
        <>
          <div className="grid grid-cols-[1fr_5rem] gap-2">
            <SelectInput label="Graph" testid="field-map-graph" value={(graph.graph as string) || undefined} options={ctx.graphs.map((g) => ({ value: g.name, label: `${g.name} (v${g.version})` }))} empty="Choose…" onChange={(v) => setGraph("graph")(v ?? "")} problems={at("graph.graph")} disabled={ro} />
            <NumberInput label="Version" value={graph.version} min={1} onChange={setGraph("version")} problems={at("graph.version")} hint="Empty: latest." disabled={ro} />
          </div>
          <JsonInput label="Input" value={graph.input} onChange={setGraph("input")} problems={at("graph.input")} requireObject rows={3} hint='Each child run&apos;s input, e.g. { "line": "{{item}}", "position": "{{index}}" }.' disabled={ro} />
        </>
      )}
      <div className="grid grid-cols-2 gap-2">
        <NumberInput label="At once" testid="field-concurrency" value={spec.concurrency} min={1} max={200} onChange={set("concurrency")} problems={at("concurrency")} hint="Default 10." disabled={ro} />
        <NumberInput label="Max items" testid="field-maxItems" value={spec.maxItems} min={1} max={10000} onChange={set("maxItems")} problems={at("maxItems")} hint="Default 1000; more fails the node." disabled={ro} />
      </div>
      <SelectInput
        label="When an item fails"
        testid="field-onItemError"
        value={spec.onItemError as "fail" | "continue" | undefined}
        options={[{ value: "fail", label: "Fail the node" }, { value: "continue", label: "Continue (its result is null)" }] as const}
        empty="Default (fail the node)"
        onChange={set("onItemError")}
        problems={at("onItemError")}
        disabled={ro}
      />
    </Section>
  );
}
