"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api } from "@/lib/client/api";
import { useSchemaForm } from "@/lib/client/use-schema-form";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { ZMcpServerNameSchema, ZPutMcpServerRequestSchema } from "@/lib/runtime/mcp/schemas";
import { z } from "zod";
import { formatDuration } from "@/lib/format";

type Server = { name: string; url: string; source: "deployment" | "workspace"; headers: Record<string, string>; timeoutMs: number | null };
type Probe = { ok: true; latencyMs: number; tools: { name: string; description: string | null; ref: string }[] } | { ok: false; latencyMs: number; error: string };

/** `Name: value` per line → headers; a line without a colon is reported under `headers`. */
function parseHeaderLines(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf(":");
    if (at <= 0) return `Line ${i + 1}: write "Header-Name: value"`;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

const ZForm = z
  .object({
    name: ZMcpServerNameSchema,
    url: ZPutMcpServerRequestSchema.shape.url,
    timeoutMs: ZPutMcpServerRequestSchema.shape.timeoutMs,
    headersText: z.string(),
  })
  .superRefine((v, ctx) => {
    if (typeof parseHeaderLines(v.headersText) === "string") ctx.addIssue({ code: "custom", path: ["headers"], message: parseHeaderLines(v.headersText) as string });
  });

/**
 * MCP servers whose tools graphs use as `mcp:<server>/<tool>`: the deployment's (read-only)
 * and the workspace's own. Header values are stored encrypted; write tokens as
 * `{{secrets.NAME}}` so they stay in Secrets.
 */
export function McpServersSettings() {
  const toast = useToast();
  const { can } = useWorkspace();
  const manage = can("providers:manage");
  const [editing, setEditing] = useState<Server | null>(null);
  const [probes, setProbes] = useState<Record<string, Probe | "running">>({});
  const { workspace } = useWorkspace();
  const list = useWorkspaceQuery<{ servers: Server[] }>(["mcp-servers"], "/api/v1/mcp-servers");
  const put = useWorkspaceMutation<{ name: string; body: unknown }, { name: string; created: boolean }>(
    ({ name, body }) => ({ path: `/api/v1/mcp-servers/${encodeURIComponent(name)}`, method: "PUT", body }),
    [["mcp-servers"]],
  );
  const remove = useWorkspaceMutation<{ name: string }, unknown>(({ name }) => ({ path: `/api/v1/mcp-servers/${encodeURIComponent(name)}`, method: "DELETE" }), [["mcp-servers"]]);
  const form = useSchemaForm(ZForm, (v) => ({
    name: editing?.name ?? v.name ?? "",
    url: (v.url ?? "").trim(),
    headersText: v.headersText ?? "",
    ...(v.timeoutSec ? { timeoutMs: Math.round(Number(v.timeoutSec) * 1000) } : {}),
  }));
  const { errors } = form;

  const probe = async (name: string) => {
    setProbes((p) => ({ ...p, [name]: "running" }));
    try {
      const r = await api<Probe>(`/api/v1/mcp-servers/${encodeURIComponent(name)}/test`, { method: "POST", body: {}, workspace: workspace.slug });
      setProbes((p) => ({ ...p, [name]: r }));
    } catch (err) {
      setProbes((p) => ({ ...p, [name]: { ok: false, latencyMs: 0, error: (err as Error).message } }));
    }
  };

  return (
    <Card
      title="MCP servers"
      description={
        <>
          Servers whose tools tool nodes and agents use as <code className="rounded bg-slate-100 px-1 text-xs">mcp:server/tool</code> (Streamable HTTP). Header values are stored encrypted; write tokens as{" "}
          <code className="rounded bg-slate-100 px-1 text-xs">{"Bearer {{secrets.NAME}}"}</code> to keep them in Secrets.
        </>
      }
    >
      {manage && (
        <form
          noValidate
          aria-label={editing ? `Edit MCP server ${editing.name}` : "Add an MCP server"}
          key={editing?.name ?? "new"}
          className="grid max-w-3xl grid-cols-1 items-start gap-3 md:grid-cols-[12rem_1fr_7rem]"
          onSubmit={form.handleSubmit((data, formEl) => {
            const headers = parseHeaderLines(data.headersText) as Record<string, string>;
            const body = { url: data.url, ...(Object.keys(headers).length ? { headers } : {}), ...(data.timeoutMs ? { timeoutMs: data.timeoutMs } : {}) };
            put.mutate(
              { name: data.name, body },
              {
                onSuccess: (r) => {
                  formEl.reset();
                  setEditing(null);
                  toast("success", r.created ? `MCP server ${r.name} added.` : `MCP server ${r.name} saved.`);
                  void probe(r.name);
                },
                onError: (err) => {
                  form.apiError(err);
                  toast("error", `Could not save the MCP server: ${err.message}`);
                },
              },
            );
          })}
        >
          {editing ? (
            <div className="space-y-1">
              <span className="block text-sm font-medium text-slate-700">Server name</span>
              <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm">{editing.name}</p>
            </div>
          ) : (
            <TextField label="Server name" name="name" placeholder="crm" autoComplete="off" error={errors.name} />
          )}
          <TextField label="URL" name="url" type="url" placeholder="https://mcp.example.com/mcp" defaultValue={editing?.url} error={errors.url} />
          <TextField label="Timeout (s)" name="timeoutSec" type="number" min={1} max={600} placeholder="60" defaultValue={editing?.timeoutMs ? String(editing.timeoutMs / 1000) : undefined} error={errors.timeoutMs} />
          <div className="space-y-1 md:col-span-3">
            <label htmlFor="mcp-headers" className="block text-sm font-medium text-slate-700">
              Headers (one per line)
            </label>
            <textarea
              id="mcp-headers"
              name="headersText"
              rows={2}
              aria-invalid={!!errors.headers}
              defaultValue={editing ? Object.entries(editing.headers).map(([k, v]) => `${k}: ${v}`).join("\n") : ""}
              placeholder={"Authorization: Bearer {{secrets.CRM_TOKEN}}"}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500"
            />
            {errors.headers ? <p className="text-xs text-red-600">{errors.headers}</p> : <p className="text-xs text-slate-500">Masked values (••••••) keep what is stored.</p>}
          </div>
          <div className="flex gap-2 md:col-span-3">
            <Button type="submit" disabled={put.isPending}>
              {put.isPending ? "Saving…" : editing ? "Save server" : "Add server"}
            </Button>
            {editing && (
              <Button type="button" variant="ghost" onClick={() => (setEditing(null), form.setErrors({}))}>
                Cancel
              </Button>
            )}
          </div>
        </form>
      )}
      {list.isPending ? (
        <Skeleton className="mt-4 h-16" />
      ) : list.isError ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          Could not load the MCP servers: {list.error.message} Reload the page to try again.
        </p>
      ) : list.data.servers.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No MCP servers yet.{manage ? " Add one above, then use its tools in a tool node or an agent's tools." : ""}</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="mcp-servers">
          {list.data.servers.map((s) => {
            const p = probes[s.name];
            return (
              <li key={s.name} className="py-3" data-testid={`mcp-server-${s.name}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono font-medium">{s.name}</span>
                  <Badge tone={s.source === "deployment" ? "blue" : "slate"}>{s.source === "deployment" ? "deployment" : "workspace"}</Badge>
                  <span className="truncate text-xs text-slate-500">{s.url}</span>
                  <span className="ml-auto flex gap-2">
                    <Button size="sm" variant="secondary" onClick={() => void probe(s.name)} disabled={p === "running"} aria-label={`Test MCP server ${s.name}`}>
                      {p === "running" ? "Testing…" : "Test & list tools"}
                    </Button>
                    {manage && s.source === "workspace" && (
                      <>
                        <Button size="sm" variant="ghost" onClick={() => setEditing(s)}>
                          Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => remove.mutate({ name: s.name }, { onSuccess: () => toast("success", `MCP server ${s.name} removed.`), onError: (err) => toast("error", err.message) })}
                        >
                          Remove
                        </Button>
                      </>
                    )}
                  </span>
                </div>
                {p && p !== "running" && (
                  <div role="status" className={`mt-2 rounded-md px-3 py-2 text-xs ${p.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
                    {p.ok ? (
                      <>
                        Connected in {formatDuration(p.latencyMs)} — {p.tools.length} tool{p.tools.length === 1 ? "" : "s"}:
                        <ul className="mt-1 space-y-0.5">
                          {p.tools.map((t) => (
                            <li key={t.name}>
                              <code className="font-mono">{t.ref}</code>
                              {t.description ? <span className="text-emerald-800"> — {t.description}</span> : null}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : (
                      <>{p.error} Check the URL and headers, then test again.</>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
