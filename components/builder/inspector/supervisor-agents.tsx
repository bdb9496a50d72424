"use client";

import type { z } from "zod";
import { ZSubAgent } from "@/lib/graphs/spec";
import type { TProblem } from "../types";
import { Field, JsonInput, ListInput, NumberInput, SelectInput, TextInput } from "./fields";
import { ListEditor } from "./list-editor";
import { ModelPicker, type TModelOption } from "./model-picker";
import { TestConnection } from "./test-connection";

type TSubAgent = z.infer<typeof ZSubAgent>;
export type TSubAgentKind = "agent" | "graph" | "a2a" | "http";

/** The four kinds of sub-agent, in the spec's order, and the fields each allows, straight from the spec's schema. */
const [INLINE, SAVED, A2A, HTTP] = ZSubAgent.options;
const KEYS: Record<TSubAgentKind, readonly string[]> = {
  agent: Object.keys(INLINE.shape),
  graph: Object.keys(SAVED.shape),
  a2a: Object.keys(A2A.shape),
  http: Object.keys(HTTP.shape),
};
const KIND_LABEL: Record<TSubAgentKind, string> = { agent: "Inline agent", graph: "Saved graph", a2a: "A2A agent", http: "HTTP agent" };

/** Which kind a sub-agent entry is, from the field that sets it apart. */
export const subAgentKind = (a: object): TSubAgentKind => ("graph" in a ? "graph" : "a2a" in a ? "a2a" : "http" in a ? "http" : "agent");

/**
 * The same entry as another kind: name, description, input schema, fallback and breaker kept,
 * the fields the new kind lacks dropped, and its own required field added (a remote agent keeps
 * the address and headers when switching between A2A and HTTP).
 */
export function switchSubAgentKind(a: TSubAgent, kind: TSubAgentKind, fallbackModel: string): TSubAgent {
  const kept = Object.fromEntries(Object.entries(a).filter(([k]) => KEYS[kind].includes(k)));
  const remote = ("a2a" in a ? a.a2a : "http" in a ? a.http : undefined) ?? { url: "" };
  switch (kind) {
    case "graph":
      return { graph: "", ...kept } as TSubAgent;
    case "a2a":
      return { ...kept, a2a: remote } as TSubAgent;
    case "http":
      return { ...kept, http: remote } as TSubAgent;
    default:
      return { model: fallbackModel, ...kept } as TSubAgent;
  }
}

/** A name not used by another entry: `worker`, `worker_2`… */
function freshName(agents: readonly TSubAgent[]): string {
  const taken = new Set(agents.map((a) => a.name));
  for (let i = 1; ; i++) if (!taken.has(i === 1 ? "worker" : `worker_${i}`)) return i === 1 ? "worker" : `worker_${i}`;
}

/** Breaker thresholds with unset fields dropped; nothing set → no breaker entry at all. */
const cleanBreaker = (b: Record<string, unknown>) => {
  const kept = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? kept : undefined;
};

/**
 * A supervisor's sub-agents as rows: each an inline agent (model, instructions, tools, output),
 * a saved graph (at a version), an external A2A agent (its agent card URL) or a plain HTTP agent
 * (an address answering the delegation envelope), with a name and a description the supervisor
 * plans with, an input schema, a fallback among the other rows and breaker thresholds. Field
 * messages are the validator's (`agents[1].description: …`).
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
      onChange={(next) => {
        // a fallback naming a row that was removed or renamed away is dropped with it
        const names = new Set(next.map((a) => a.name));
        onChange(next.map((a) => (a.fallback && !names.has(a.fallback) ? (Object.fromEntries(Object.entries(a).filter(([k]) => k !== "fallback")) as TSubAgent) : a)));
      }}
    >
      {(agent, i, update, at) => {
        const kind = subAgentKind(agent);
        const set = (key: string) => (v: unknown) => update(Object.fromEntries(Object.entries({ ...agent, [key]: v }).filter(([, x]) => x !== undefined)) as TSubAgent);
        const remoteKey = kind === "a2a" || kind === "http" ? kind : undefined;
        const remote = remoteKey ? ((agent as Record<string, unknown>)[remoteKey] as { url?: string; headers?: Record<string, string> } | undefined) ?? {} : undefined;
        const setRemote = (key: "url" | "headers") => (v: unknown) => set(remoteKey!)(Object.fromEntries(Object.entries({ ...remote, [key]: v }).filter(([, x]) => x !== undefined)));
        const breaker = (agent.breaker ?? {}) as Record<string, unknown>;
        const setBreaker = (key: string) => (v: unknown) => set("breaker")(cleanBreaker({ ...breaker, [key]: v }));
        const others = agents.filter((_, j) => j !== i).map((a) => a.name).filter(Boolean);
        return (
          <>
            <Field label="Kind" testid={`agent-${i}-kind`}>
              {(id) => (
                <div id={id} role="radiogroup" aria-label={`Agent ${i + 1} kind`} className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                  {(Object.keys(KIND_LABEL) as TSubAgentKind[]).map((k) => (
                    <label key={k} className="flex items-center gap-1">
                      <input type="radio" name={`agent-${i}-kind`} checked={kind === k} disabled={disabled} onChange={() => update(switchSubAgentKind(agent, k, defaultModel))} />
                      {KIND_LABEL[k]}
                    </label>
                  ))}
                </div>
              )}
            </Field>
            <TextInput label="Name" mono testid={`agent-${i}-name`} value={agent.name} onChange={(v) => set("name")(v ?? "")} problems={at("name")} placeholder="auditor" hint="The tool name the supervisor calls it by." disabled={disabled} />
            <TextInput label="Description" testid={`agent-${i}-description`} value={agent.description} onChange={(v) => set("description")(v ?? "")} problems={at("description")} placeholder="Checks invoice totals against the order" hint="The supervisor reads this to decide what to delegate." disabled={disabled} />
            {kind === "agent" && (
              <>
                <ModelPicker value={(agent as { model?: unknown }).model} onChange={set("model")} problems={at("model")} models={models} disabled={disabled} />
                <TextInput label="Instructions" testid={`agent-${i}-instructions`} value={(agent as { instructions?: string }).instructions} onChange={set("instructions")} problems={at("instructions")} disabled={disabled} />
                <ListInput label="Tools" value={(agent as { tools?: string[] }).tools} onChange={set("tools")} problems={at("tools")} placeholder="mcp:crm/lookup_customer" disabled={disabled} />
                <JsonInput label="Output JSON schema" testid={`agent-${i}-output`} value={(agent as { output?: unknown }).output} onChange={set("output")} problems={at("output")} requireObject rows={3} hint="What it answers with, inside the delegation result's output." disabled={disabled} />
              </>
            )}
            {kind === "graph" && (
              <div className="grid grid-cols-[1fr_5rem] gap-2">
                <SelectInput
                  label="Graph"
                  testid={`agent-${i}-graph`}
                  value={(agent as { graph?: string }).graph || undefined}
                  options={graphs.map((g) => ({ value: g.name, label: `${g.name} (v${g.version})` }))}
                  empty="Choose…"
                  onChange={(v) => set("graph")(v ?? "")}
                  problems={at("graph")}
                  disabled={disabled}
                />
                <NumberInput label="Version" value={(agent as { version?: number }).version} min={1} onChange={set("version")} problems={at("version")} hint="Empty: latest." disabled={disabled} />
              </div>
            )}
            {remoteKey && remote && (
              <>
                <TextInput
                  label={remoteKey === "a2a" ? "Agent card URL" : "URL"}
                  mono
                  testid={`agent-${i}-url`}
                  value={remote.url || undefined}
                  onChange={(v) => setRemote("url")(v ?? "")}
                  problems={at(`${remoteKey}.url`)}
                  placeholder={remoteKey === "a2a" ? "https://agents.example.com/.well-known/agent-card.json" : "https://agents.example.com/delegate"}
                  hint={remoteKey === "a2a" ? "Each delegation becomes an A2A task of the agent this card describes." : "Receives the delegation request as a POST and answers a delegation result."}
                  disabled={disabled}
                />
                <JsonInput
                  label="Headers"
                  testid={`agent-${i}-headers`}
                  value={remote.headers}
                  onChange={setRemote("headers")}
                  problems={at(`${remoteKey}.headers`)}
                  requireObject
                  rows={2}
                  hint='Secrets by reference: { "authorization": "Bearer {{secrets.AGENT_TOKEN}}" }.'
                  disabled={disabled}
                />
                <TestConnection kind={remoteKey} url={remote.url} headers={remote.headers} testid={`agent-${i}-test`} disabled={disabled} />
              </>
            )}
            <details className="rounded border border-slate-200 bg-white px-2 py-1" data-testid={`agent-${i}-more`}>
              <summary className="cursor-pointer select-none text-[11px] font-medium text-slate-600">Input schema, fallback, breaker</summary>
              <div className="mt-2 space-y-2 pb-1">
                <JsonInput label="Input JSON schema" value={agent.input} onChange={set("input")} problems={at("input")} requireObject rows={3} hint="The context the supervisor must send it (the tool's input schema)." disabled={disabled} />
                <SelectInput
                  label="Fallback"
                  testid={`agent-${i}-fallback`}
                  value={agent.fallback}
                  options={[...others, ...(agent.fallback && !others.includes(agent.fallback) ? [agent.fallback] : [])]}
                  empty="None"
                  onChange={set("fallback")}
                  problems={at("fallback")}
                  hint="Takes its delegations while its breaker is open or after it failed."
                  disabled={disabled}
                />
                <fieldset className="space-y-2" data-testid={`agent-${i}-breaker`}>
                  <legend className="text-xs font-medium text-slate-700">Circuit breaker</legend>
                  <div className="grid grid-cols-2 gap-2">
                    <NumberInput label="Failures" value={breaker.failures} min={1} max={1000} onChange={setBreaker("failures")} problems={at("breaker.failures")} disabled={disabled} />
                    <TextInput label="Window" value={breaker.window as string | undefined} onChange={setBreaker("window")} problems={at("breaker.window")} placeholder="10m" disabled={disabled} />
                    <NumberInput label="Failure rate" value={breaker.failureRate} min={0} max={1} step={0.05} onChange={setBreaker("failureRate")} problems={at("breaker.failureRate")} disabled={disabled} />
                    <NumberInput label="Min calls" value={breaker.minCalls} min={1} max={10000} onChange={setBreaker("minCalls")} problems={at("breaker.minCalls")} disabled={disabled} />
                    <TextInput label="Cool-down" value={breaker.coolDown as string | undefined} onChange={setBreaker("coolDown")} problems={at("breaker.coolDown")} placeholder="1m" disabled={disabled} />
                  </div>
                  <p className="text-[11px] text-slate-500">Opens after this many failures (or this share of at least min calls) within the window; one probe goes through after the cool-down.</p>
                </fieldset>
              </div>
            </details>
          </>
        );
      }}
    </ListEditor>
  );
}
