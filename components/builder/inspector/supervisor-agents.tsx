"use client";

import type { z } from "zod";
import { ZSubAgent } from "@/lib/graphs/spec";
import type { TProblem } from "../types";
import { Field, ListInput, NumberInput, SelectInput, TextInput } from "./fields";
import { ListEditor } from "./list-editor";
import { ModelPicker, type TModelOption } from "./model-picker";

type TSubAgent = z.infer<typeof ZSubAgent>;
type TKind = "agent" | "graph";

/** The two kinds of sub-agent, and the fields each allows, straight from the spec's schema. */
const [INLINE, SAVED] = ZSubAgent.options;
const KEYS: Record<TKind, readonly string[]> = { agent: Object.keys(INLINE.shape), graph: Object.keys(SAVED.shape) };
const kindOf = (a: TSubAgent): TKind => ("graph" in a ? "graph" : "agent");

/** The same entry as the other kind: name and description kept, fields the new kind lacks dropped. */
function switchKind(a: TSubAgent, kind: TKind, fallbackModel: string): TSubAgent {
  const kept = Object.fromEntries(Object.entries(a).filter(([k]) => KEYS[kind].includes(k)));
  return (kind === "graph" ? { graph: "", ...kept } : { model: fallbackModel, ...kept }) as TSubAgent;
}

/** A name not used by another entry: `worker`, `worker_2`… */
function freshName(agents: readonly TSubAgent[]): string {
  const taken = new Set(agents.map((a) => a.name));
  for (let i = 1; ; i++) if (!taken.has(i === 1 ? "worker" : `worker_${i}`)) return i === 1 ? "worker" : `worker_${i}`;
}

/**
 * A supervisor's sub-agents as a list of entries: each an inline agent (model, instructions,
 * tools) or a saved graph (at a version), with a name and a description the supervisor plans
 * with. Field messages are the validator's (`agents[1].description: …`).
 */
export function SupervisorAgents({ value, onChange, problems, models, graphs, disabled }: {
  value: unknown;
  onChange(agents: TSubAgent[]): void;
  problems: readonly TProblem[];
  models: readonly TModelOption[];
  graphs: ReadonlyArray<{ id: string; name: string; version: number }>;
  disabled?: boolean;
}) {
  const agents = (Array.isArray(value) ? value : []) as TSubAgent[];
  // a simulated model works without any provider set up, like every new node's default
  const defaultModel = "sim:fast";
  return (
    <ListEditor<TSubAgent>
      label="Sub-agents it may delegate to"
      field="agents"
      noun="agent"
      testid="field-agents"
      items={agents}
      problems={problems}
      disabled={disabled}
      newItem={() => ({ name: freshName(agents), description: "", model: defaultModel })}
      onChange={onChange}
    >
      {(agent, i, update, at) => {
        const kind = kindOf(agent);
        const set = (key: string) => (v: unknown) => update({ ...agent, [key]: v } as TSubAgent);
        return (
          <>
            <Field label="Kind">
              {(id) => (
                <div id={id} role="radiogroup" aria-label={`Agent ${i + 1} kind`} className="flex gap-3 text-xs">
                  {(["agent", "graph"] as const).map((k) => (
                    <label key={k} className="flex items-center gap-1">
                      <input type="radio" name={`agent-${i}-kind`} checked={kind === k} disabled={disabled} onChange={() => update(switchKind(agent, k, defaultModel))} />
                      {k === "agent" ? "Inline agent" : "Saved graph"}
                    </label>
                  ))}
                </div>
              )}
            </Field>
            <TextInput label="Name" mono testid={`agent-${i}-name`} value={agent.name} onChange={(v) => set("name")(v ?? "")} problems={at("name")} placeholder="auditor" disabled={disabled} />
            <TextInput label="Description" testid={`agent-${i}-description`} value={agent.description} onChange={(v) => set("description")(v ?? "")} problems={at("description")} placeholder="Checks invoice totals against the order" hint="The supervisor reads this to decide what to delegate." disabled={disabled} />
            {kind === "agent" ? (
              <>
                <ModelPicker value={(agent as { model?: unknown }).model} onChange={set("model")} problems={at("model")} models={models} disabled={disabled} />
                <TextInput label="Instructions" value={(agent as { instructions?: string }).instructions} onChange={set("instructions")} problems={at("instructions")} disabled={disabled} />
                <ListInput label="Tools" value={(agent as { tools?: string[] }).tools} onChange={set("tools")} problems={at("tools")} placeholder="mcp:crm/lookup_customer" disabled={disabled} />
              </>
            ) : (
              <div className="grid grid-cols-[1fr_5rem] gap-2">
                <SelectInput
                  label="Graph"
                  value={(agent as { graph?: string }).graph || undefined}
                  options={graphs.map((g) => ({ value: g.name, label: `${g.name} (v${g.version})` }))}
                  empty="Choose…"
                  onChange={(v) => set("graph")(v ?? "")}
                  problems={at("graph")}
                  disabled={disabled}
                />
                <NumberInput label="Version" value={(agent as { version?: number }).version} min={1} onChange={set("version")} problems={at("version")} disabled={disabled} />
              </div>
            )}
          </>
        );
      }}
    </ListEditor>
  );
}
