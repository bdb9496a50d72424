"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api } from "@/lib/client/api";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { HTTP_METHODS, outputSchemaOf, ZNodeId, type TNodeSpec } from "@/lib/graphs/spec";
import { NODE_REGISTRY, NodeIcon } from "../registry";
import { upstreamOf } from "../spec-draft";
import type { TDraftNode, TProblem } from "../types";
import { AssigneesInput, type TMember } from "./assignees-input";
import { FieldShell, inputClass, JsonInput, ListInput, NumberInput, problemsAt, Section, SelectInput, TextInput } from "./fields";
import { ModelPicker, type TModelOption } from "./model-picker";
import { RouterRoutes } from "./router-routes";
import { MapFields, SupervisorFields } from "./supervision-fields";
import { templateSuggestions, TemplateInput } from "./template-input";

export interface TInspectorContext {
  specs: readonly TDraftNode[];
  input: unknown;
  models: readonly TModelOption[];
  members: readonly TMember[];
  graphs: ReadonlyArray<{ id: string; name: string; version: number }>;
  readOnly: boolean;
}

export type Edit = (edit: (spec: TDraftNode) => TDraftNode, field: string) => void;

/** The inspector of one node: fields of its type, then the policies every node has. */
export function NodeInspector({ spec, problems, ctx, onEdit, onRename }: {
  spec: TDraftNode;
  problems: readonly TProblem[];
  ctx: TInspectorContext;
  onEdit: Edit;
  /** Renames the node; returns why not, if it cannot. */
  onRename(id: string): string | undefined;
}) {
  const info = NODE_REGISTRY[spec.type];
  const set = (field: string) => (value: unknown) => onEdit((s) => ({ ...s, [field]: value }), field);
  const at = (field: string) => problemsAt(problems, field);
  const suggestions = useMemo(() => {
    const upstream = upstreamOf(ctx.specs, spec.id).map((id) => {
      const node = ctx.specs.find((s) => s.id === id);
      let output: unknown;
      try {
        output = node ? outputSchemaOf(node as TNodeSpec) : undefined;
      } catch {
        output = undefined;
      }
      return { id, output };
    });
    return templateSuggestions(ctx.input, upstream);
  }, [ctx.specs, ctx.input, spec.id]);
  const ro = ctx.readOnly;
  const common = { disabled: ro };
  const nodeLevel = problems.filter((p) => !p.field || p.field === "needs" || p.field === "id");

  return (
    <div data-testid="node-inspector">
      <div className="mb-3 flex items-center gap-2">
        <NodeIcon type={spec.type} />
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{info.label} node</h2>
          <p className="text-[11px] text-slate-500">{info.hint}</p>
        </div>
      </div>
      {nodeLevel.length > 0 && (
        <ul className="mb-3 space-y-1 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-700">
          {nodeLevel.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <Section title="Node">
        <IdInput key={spec.id} value={spec.id} onRename={onRename} disabled={ro} />
        <TextInput label="Description" value={spec.description as string | undefined} onChange={set("description")} problems={at("description")} {...common} />
        <p className="text-xs text-slate-600">
          Needs: {spec.needs?.length ? <span className="font-mono">{spec.needs.join(", ")}</span> : <span className="text-slate-500">nothing (starts first)</span>}
        </p>
      </Section>

      {spec.type === "agent" && (
        <Section title="Agent">
          <ModelPicker value={spec.model} onChange={set("model")} problems={at("model")} models={ctx.models} disabled={ro} />
          <TemplateInput label="Prompt" testid="field-prompt" value={spec.prompt as string | undefined} onChange={(v) => set("prompt")(v ?? "")} problems={at("prompt")} suggestions={suggestions} rows={5} disabled={ro} hint="Type {{ for the input fields and upstream outputs this node may read." />
          <TemplateInput label="Instructions (system)" value={spec.instructions as string | undefined} onChange={set("instructions")} problems={at("instructions")} suggestions={suggestions} rows={3} disabled={ro} />
          <ListInput label="Tools" value={spec.tools} onChange={set("tools")} problems={at("tools")} placeholder="mcp:crm/lookup_customer" hint="MCP tools the agent may call, as mcp:<server>/<tool>, comma-separated." {...common} />
          {!ro && <McpToolAdder value={spec.tools as string[] | undefined} onChange={set("tools")} />}
          <JsonInput label="Output JSON schema" testid="field-output" value={spec.output} onChange={set("output")} problems={at("output")} requireObject hint="Without a schema the agent answers in plain text." {...common} />
          <div className="grid grid-cols-2 gap-2">
            <NumberInput label="Max turns" value={spec.maxTurns} min={1} max={1000} onChange={set("maxTurns")} problems={at("maxTurns")} {...common} />
            <NumberInput label="Temperature" value={spec.temperature} min={0} max={2} step={0.1} onChange={set("temperature")} problems={at("temperature")} {...common} />
          </div>
        </Section>
      )}

      {spec.type === "tool" && <ToolFields spec={spec} onEdit={onEdit} problems={problems} suggestions={suggestions} ro={ro} />}

      {spec.type === "router" && (
        <Section title="Routes">
          <RouterRoutes spec={spec} specs={ctx.specs} problems={problems} onEdit={(field, value) => set(field)(value)} disabled={ro} />
        </Section>
      )}

      {spec.type === "approval" && (
        <Section title="Approval">
          <TemplateInput label="Title" value={spec.title as string | undefined} onChange={set("title")} problems={at("title")} suggestions={suggestions} rows={2} disabled={ro} />
          <AssigneesInput label="Assignees" value={spec.assignees} onChange={set("assignees")} problems={at("assignees")} members={ctx.members} disabled={ro} />
          <NumberInput label="Approvals needed" value={spec.minApprovals} min={1} onChange={set("minApprovals")} problems={at("minApprovals")} hint="Default 1." {...common} />
          <SelectInput label="On timeout" value={spec.onTimeout as "approve" | undefined} options={["approve", "reject", "escalate"] as const} empty="Fail the node" onChange={set("onTimeout")} problems={at("onTimeout")} {...common} />
          {spec.onTimeout === "escalate" && <AssigneesInput label="Escalate to" value={spec.escalateTo} onChange={set("escalateTo")} problems={at("escalateTo")} members={ctx.members} disabled={ro} />}
          <JsonInput label="Context shown to the approver" value={spec.context} onChange={set("context")} problems={at("context")} hint='Strings are templates, e.g. { "order": "{{nodes.intake.output}}" }.' {...common} />
        </Section>
      )}

      {spec.type === "supervisor" && <SupervisorFields spec={spec} onEdit={onEdit} problems={problems} suggestions={suggestions} ctx={ctx} />}

      {spec.type === "map" && <MapFields spec={spec} onEdit={onEdit} problems={problems} suggestions={suggestions} ctx={ctx} />}

      {spec.type === "subgraph" && (
        <Section title="Subgraph">
          <SelectInput label="Graph" value={(spec.graph as string) || undefined} options={ctx.graphs.map((g) => ({ value: g.name, label: `${g.name} (v${g.version})` }))} empty="Choose a saved graph…" onChange={(v) => set("graph")(v ?? "")} problems={at("graph")} {...common} />
          <NumberInput label="Version" value={spec.version} min={1} onChange={set("version")} problems={at("version")} hint="Empty: the latest version when the run starts." {...common} />
          <JsonInput label="Input" value={spec.input} onChange={set("input")} problems={at("input")} hint='Maps the child graph input to templates, e.g. { "requestId": "{{input.requestId}}" }.' {...common} />
        </Section>
      )}

      {spec.type === "wait" && (
        <Section title="Wait">
          <TextInput label="Sleep" value={spec.sleep as string | undefined} onChange={set("sleep")} problems={at("sleep")} placeholder="1h" hint="A duration: 30s, 15m, 2h, 3d." {...common} />
          <TextInput label="Or wait for event" value={(spec.event as { name?: string } | undefined)?.name} onChange={(name) => set("event")(name ? { ...(spec.event as object), name } : undefined)} problems={at("event")} placeholder="invoice.received" {...common} />
          {spec.event !== undefined && (
            <TextInput label="Event condition (CEL)" mono value={(spec.event as { when?: string }).when} onChange={(when) => set("event")({ ...(spec.event as object), when })} problems={at("event.when")} placeholder="event.requestId == input.requestId" {...common} />
          )}
        </Section>
      )}

      {spec.type === "output" && (
        <Section title="Output">
          <JsonInput label="Value" testid="field-value" value={spec.value} onChange={set("value")} problems={at("value")} rows={6} hint='Strings are templates, e.g. { "decision": "{{nodes.review.output.decision}}" }.' {...common} />
        </Section>
      )}

      <PolicyFields spec={spec} onEdit={onEdit} problems={problems} ro={ro} />
    </div>
  );
}

function IdInput({ value, onRename, disabled }: { value: string; onRename(id: string): string | undefined; disabled: boolean }) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string>();
  useEffect(() => setText(value), [value]);
  const apply = () => {
    if (text === value) return setError(undefined);
    const parsed = ZNodeId.safeParse(text);
    if (!parsed.success) return setError(`Id ${parsed.error.issues[0]?.message ?? "is invalid"}.`);
    setError(onRename(text));
  };
  return (
    <FieldShell id="node-id" label="Id" error={error} hint="Used as nodes.<id> in templates; renaming updates needs and router targets.">
      <input
        id="node-id"
        className={`${inputClass} font-mono text-xs`}
        value={text}
        disabled={disabled}
        aria-invalid={!!error}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === "Enter" && apply()}
      />
    </FieldShell>
  );
}

function ToolFields({ spec, onEdit, problems, suggestions, ro }: { spec: TDraftNode; onEdit: Edit; problems: readonly TProblem[]; suggestions: readonly string[]; ro: boolean }) {
  const tool = (spec.tool ?? { kind: "http" }) as Record<string, unknown>;
  const setTool = (key: string) => (value: unknown) => onEdit((s) => ({ ...s, tool: { ...(s.tool as object), [key]: value } }), `tool.${key}`);
  const at = (field: string) => problemsAt(problems, field);
  const common = { disabled: ro };
  return (
    <Section title="Tool">
      <SelectInput
        label="Kind"
        value={tool.kind as "http" | "mcp"}
        options={[{ value: "http", label: "HTTP request" }, { value: "mcp", label: "MCP server tool" }] as const}
        onChange={(kind) => onEdit((s) => ({ ...s, tool: kind === "mcp" ? { kind: "mcp", server: "", tool: "" } : { kind: "http", method: "GET", url: "" } }), "tool.kind")}
        problems={at("tool.kind")}
        {...common}
      />
      {tool.kind === "mcp" ? (
        <>
          <McpToolPicker server={tool.server as string | undefined} tool={tool.tool as string | undefined} onServer={(v) => setTool("server")(v ?? "")} onTool={(v) => setTool("tool")(v ?? "")} problems={problems} disabled={ro} />
          <JsonInput label="Arguments" value={tool.arguments} onChange={setTool("arguments")} problems={at("tool.arguments")} requireObject hint="Strings are templates." {...common} />
        </>
      ) : (
        <>
          <SelectInput label="Method" value={tool.method as (typeof HTTP_METHODS)[number]} options={HTTP_METHODS} onChange={setTool("method")} problems={at("tool.method")} {...common} />
          <TemplateInput
            label="URL"
            testid="field-url"
            value={tool.url as string | undefined}
            onChange={(v) => setTool("url")(v ?? "")}
            problems={at("tool.url")}
            suggestions={suggestions}
            rows={2}
            disabled={ro}
            hint={tool.url ? "Secrets by reference: {{secrets.VENDOR_API_URL}}." : <span className="text-amber-700">Required before a run: the address to call, e.g. {"{{secrets.VENDOR_API_URL}}"}/verify.</span>}
          />
          <JsonInput label="Headers" value={tool.headers} onChange={setTool("headers")} problems={at("tool.headers")} requireObject rows={3} hint='{ "authorization": "Bearer {{secrets.API_KEY}}" }' {...common} />
          <JsonInput label="Query" value={tool.query} onChange={setTool("query")} problems={at("tool.query")} requireObject rows={3} {...common} />
          {tool.method !== "GET" && tool.method !== "HEAD" && <JsonInput label="Body" value={tool.body} onChange={setTool("body")} problems={at("tool.body")} rows={4} {...common} />}
          <ListInput label="Success statuses" value={tool.okStatus} onChange={(v) => setTool("okStatus")(v?.map(Number))} problems={at("tool.okStatus")} placeholder="200, 201 (default: any 2xx)" {...common} />
        </>
      )}
    </Section>
  );
}

function PolicyFields({ spec, onEdit, problems, ro }: { spec: TDraftNode; onEdit: Edit; problems: readonly TProblem[]; ro: boolean }) {
  const set = (field: string) => (value: unknown) => onEdit((s) => ({ ...s, [field]: value }), field);
  const at = (field: string) => problemsAt(problems, field);
  const retries = spec.retries as { attempts?: number; backoff?: { initialMs: number; factor: number; maxMs: number } } | undefined;
  const onError = spec.onError as "fail" | "continue" | { fallback: string } | undefined;
  const onErrorKind = onError === undefined ? undefined : typeof onError === "string" ? onError : "fallback";
  const common = { disabled: ro };
  return (
    <Section title="Retries, timeout, errors, budget" defaultOpen={false}>
      <div className="grid grid-cols-2 gap-2">
        <NumberInput label="Attempts" value={retries?.attempts} min={1} max={100} hint="Counts the first try." onChange={(attempts) => set("retries")(attempts === undefined ? undefined : { ...retries, attempts })} problems={at("retries")} {...common} />
        <TextInput label="Timeout" value={spec.timeout as string | undefined} onChange={set("timeout")} problems={at("timeout")} placeholder="45s" {...common} />
      </div>
      {retries?.attempts !== undefined && (
        <JsonInput label="Backoff" value={retries.backoff} onChange={(backoff) => set("retries")({ ...retries, backoff })} problems={at("retries.backoff")} requireObject rows={3} hint='{ "initialMs": 2000, "factor": 2, "maxMs": 60000 }' {...common} />
      )}
      <SelectInput
        label="When it fails"
        value={onErrorKind}
        options={[{ value: "fail", label: "Fail the run" }, { value: "continue", label: "Continue without output" }, { value: "fallback", label: "Run a fallback node" }] as const}
        empty="Default (fail the run)"
        onChange={(kind) => set("onError")(kind === "fallback" ? { fallback: "" } : kind)}
        problems={at("onError")}
        {...common}
      />
      {onErrorKind === "fallback" && (
        <TextInput label="Fallback node" mono value={(onError as { fallback: string }).fallback || undefined} onChange={(fallback) => set("onError")({ fallback: fallback ?? "" })} problems={at("onError.fallback")} {...common} />
      )}
      <NumberInput label="Budget (USD)" value={spec.budgetUsd} min={0} step={0.01} onChange={set("budgetUsd")} problems={at("budgetUsd")} hint="Pause, stop or downgrade (graph setting) when this node spends more." {...common} />
      <ListInput label="Tags" value={spec.tags} onChange={set("tags")} problems={at("tags")} {...common} />
    </Section>
  );
}

type McpServerInfo = { name: string; source: "deployment" | "workspace" };
type McpProbe = { ok: true; tools: { name: string; description: string | null }[] } | { ok: false; error: string };

/**
 * Server and tool of an MCP tool node, with the workspace's servers (Settings → MCP servers)
 * and the chosen server's tools offered as suggestions; free text stays allowed.
 */
function McpToolPicker({ server, tool, onServer, onTool, problems, disabled }: { server?: string; tool?: string; onServer(v?: string): void; onTool(v?: string): void; problems: readonly TProblem[]; disabled: boolean }) {
  const { workspace } = useWorkspace();
  const servers = useWorkspaceQuery<{ servers: McpServerInfo[] }>(["mcp-servers"], "/api/v1/mcp-servers", { enabled: !disabled });
  const known = !!server && !!servers.data?.servers.some((s) => s.name === server);
  const tools = useQuery({
    queryKey: [workspace.slug, "mcp-tools", server],
    queryFn: () => api<McpProbe>(`/api/v1/mcp-servers/${encodeURIComponent(server!)}/test`, { method: "POST", body: {}, workspace: workspace.slug }),
    enabled: known && !disabled,
    staleTime: 60_000,
  });
  const serverHint = servers.data && !servers.data.servers.length ? "No MCP servers yet: add one in Settings → Providers & secrets." : undefined;
  const toolHint = !known
    ? undefined
    : tools.isPending
      ? "Listing the server's tools…"
      : tools.data?.ok
        ? tools.data.tools.find((t) => t.name === tool)?.description ?? `${tools.data.tools.length} tools on ${server}.`
        : `Could not list the tools: ${tools.data?.ok === false ? tools.data.error : (tools.error as Error | null)?.message ?? "unknown error"}`;
  return (
    <>
      <TextInput label="Server" value={server} onChange={onServer} problems={problemsAt(problems, "tool.server")} placeholder="crm" options={servers.data?.servers.map((s) => s.name)} hint={serverHint} disabled={disabled} />
      <TextInput label="Tool" value={tool} onChange={onTool} problems={problemsAt(problems, "tool.tool")} placeholder="lookup_customer" options={tools.data?.ok ? tools.data.tools.map((t) => t.name) : undefined} hint={toolHint} disabled={disabled} />
    </>
  );
}

/** Adds `mcp:<server>/<tool>` references to an agent's tools from the servers' own tool lists. */
function McpToolAdder({ value, onChange }: { value?: string[]; onChange(v: string[]): void }) {
  const { workspace } = useWorkspace();
  const [open, setOpen] = useState(false);
  const [server, setServer] = useState("");
  const servers = useWorkspaceQuery<{ servers: McpServerInfo[] }>(["mcp-servers"], "/api/v1/mcp-servers", { enabled: open });
  const tools = useQuery({
    queryKey: [workspace.slug, "mcp-tools", server],
    queryFn: () => api<McpProbe>(`/api/v1/mcp-servers/${encodeURIComponent(server)}/test`, { method: "POST", body: {}, workspace: workspace.slug }),
    enabled: open && !!server,
    staleTime: 60_000,
  });
  const have = new Set(value ?? []);
  if (!open) {
    return (
      <button type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => setOpen(true)}>
        + Add an MCP tool…
      </button>
    );
  }
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2" data-testid="mcp-tool-adder">
      <div className="flex items-center gap-2">
        <select aria-label="MCP server" className={`${inputClass} py-1 text-xs`} value={server} onChange={(e) => setServer(e.target.value)}>
          <option value="">{servers.data?.servers.length === 0 ? "No MCP servers (Settings → Providers & secrets)" : "Choose a server…"}</option>
          {servers.data?.servers.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" className="text-xs text-slate-500 hover:underline" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {server && tools.isPending && <p className="text-[11px] text-slate-500">Listing the tools of {server}…</p>}
      {server && tools.data && !tools.data.ok && <p className="text-[11px] text-red-700">Could not list the tools: {tools.data.error}</p>}
      {server && tools.data?.ok && (
        <ul className="space-y-1">
          {tools.data.tools.map((t) => {
            const ref = `mcp:${server}/${t.name}`;
            return (
              <li key={t.name} className="flex items-start justify-between gap-2 text-xs">
                <span>
                  <code className="font-mono">{t.name}</code>
                  {t.description ? <span className="text-slate-500"> — {t.description}</span> : null}
                </span>
                <button type="button" className="shrink-0 font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline" disabled={have.has(ref)} onClick={() => onChange([...(value ?? []), ref])}>
                  {have.has(ref) ? "Added" : "Add"}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
