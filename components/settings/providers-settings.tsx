"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { ZProviderForm } from "@/components/costs/schemas";
import { useSchemaForm } from "@/lib/client/use-schema-form";
import { api, ApiError } from "@/lib/client/api";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { Time } from "@/components/ui/time";
import { formatDuration } from "@/lib/format";

type Provider = { provider: "openai" | "anthropic" | "openai-compatible"; configured: boolean; keyHint: string | null; baseUrl: string | null; updatedAt: string | null; fromEnvironment: boolean };
type TestResult = { ok: boolean; latencyMs: number; model?: string; error?: string };

const LABEL: Record<Provider["provider"], { name: string; help: string; keyPlaceholder: string; basePlaceholder: string }> = {
  openai: { name: "OpenAI", help: "Models named openai:… (e.g. openai:gpt-4o-mini).", keyPlaceholder: "sk-…", basePlaceholder: "https://api.openai.com/v1 (default)" },
  anthropic: { name: "Anthropic", help: "Models named anthropic:… (e.g. anthropic:claude-haiku-4-5).", keyPlaceholder: "sk-ant-…", basePlaceholder: "https://api.anthropic.com/v1 (default)" },
  "openai-compatible": { name: "OpenAI-compatible", help: "Ollama, vLLM or any Chat Completions server; models named openai-compatible:….", keyPlaceholder: "optional", basePlaceholder: "http://127.0.0.1:11434/v1" },
};

/** Provider credentials: masked key hint, set key / base URL, test the connection. Owners and admins only. */
export function ProvidersSettings() {
  const list = useWorkspaceQuery<{ providers: Provider[] }>(["providers"], "/api/v1/providers");
  return (
    <Card title="Model providers" description="Keys are encrypted at rest and never shown again; only their last four characters are. Workspace keys win over the server's environment.">
      {list.isPending ? (
        <div className="space-y-3">
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
        </div>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the providers: {list.error.message} Reload the page to try again.
        </p>
      ) : (
        <ul className="space-y-4">
          {list.data.providers.map((p) => (
            <ProviderRow key={p.provider} provider={p} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function ProviderRow({ provider: p }: { provider: Provider }) {
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const meta = LABEL[p.provider];
  const [editing, setEditing] = useState(false);
  const form = useSchemaForm(ZProviderForm, (v) => ({ apiKey: v.apiKey ?? "", baseUrl: (v.baseUrl ?? "").trim() }));
  const { errors, setErrors } = form;
  const [testModel, setTestModel] = useState("");
  const [test, setTest] = useState<TestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const save = useWorkspaceMutation<{ apiKey?: string; baseUrl?: string }, Provider>((body) => ({ path: `/api/v1/providers/${p.provider}`, method: "PUT", body }), [["providers"], ["models"]]);
  const manage = can("providers:manage");
  const status = p.configured ? <Badge tone="green">Configured</Badge> : p.fromEnvironment ? <Badge tone="blue">From server environment</Badge> : <Badge>Not configured</Badge>;

  async function runTest() {
    setTesting(true);
    setTest(null);
    try {
      const res = await api<TestResult>(`/api/v1/providers/${p.provider}/test`, { method: "POST", body: testModel.trim() ? { model: testModel.trim() } : {}, workspace: workspace.slug });
      setTest(res);
    } catch (err) {
      setTest({ ok: false, latencyMs: 0, error: err instanceof ApiError && err.status === 404 ? "The test endpoint is not available on this server." : (err as Error).message });
    } finally {
      setTesting(false);
    }
  }

  return (
    <li className="rounded-md border border-slate-200 p-4" data-testid={`provider-${p.provider}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="flex items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">{meta.name}</h3>
            {status}
          </div>
          <p className="mt-0.5 text-xs text-slate-500">{meta.help}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500">API key</dt>
            <dd className="font-mono text-slate-800" data-testid="key-hint">
              {p.keyHint ? `••••••••${p.keyHint}` : <span className="font-sans text-slate-500">none set</span>}
            </dd>
            <dt className="text-slate-500">Base URL</dt>
            <dd className="font-mono text-slate-800">{p.baseUrl ?? <span className="font-sans text-slate-500">default</span>}</dd>
            {p.updatedAt && (
              <>
                <dt className="text-slate-500">Updated</dt>
                <dd className="text-slate-700">
                  <Time value={p.updatedAt} />
                </dd>
              </>
            )}
          </dl>
        </div>
        {manage && (
          <div className="flex flex-wrap items-end gap-2">
            {p.provider === "openai-compatible" && (
              <label className="block">
                <span className="sr-only">Model to test with</span>
                <input
                  className="w-36 rounded-md border border-slate-300 px-2 py-1 text-xs focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
                  placeholder="model (llama3.1)"
                  aria-label={`Model to test ${meta.name} with`}
                  value={testModel}
                  onChange={(e) => setTestModel(e.target.value)}
                />
              </label>
            )}
            <Button size="sm" variant="secondary" onClick={runTest} disabled={testing} aria-label={`Test ${meta.name} connection`}>
              {testing ? "Testing…" : "Test connection"}
            </Button>
            <Button size="sm" variant={editing ? "ghost" : "secondary"} onClick={() => (setEditing((v) => !v), setErrors({}))} aria-expanded={editing}>
              {editing ? "Close" : p.configured ? "Replace key / URL" : "Set key / URL"}
            </Button>
          </div>
        )}
      </div>
      {test && (
        <div role="status" data-testid="provider-test-result" className={`mt-3 rounded-md px-3 py-2 text-xs ${test.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
          {test.ok ? (
            <>Connected: {test.model ?? meta.name} answered in {formatDuration(test.latencyMs)}.</>
          ) : (
            <>
              Connection failed{test.latencyMs ? ` after ${formatDuration(test.latencyMs)}` : ""}: {test.error ?? "no details"} Check the key and base URL, then test again.
            </>
          )}
        </div>
      )}
      {editing && manage && (
        <form
          noValidate
          className="mt-4 grid grid-cols-1 items-start gap-3 border-t border-slate-100 pt-4 md:grid-cols-[1fr_1fr_auto]"
          onSubmit={form.handleSubmit((data) => {
            const body = { ...(data.apiKey ? { apiKey: data.apiKey } : {}), ...(data.baseUrl ? { baseUrl: data.baseUrl } : {}) };
            save.mutate(body, {
              onSuccess: () => {
                toast("success", `${meta.name} credentials saved.`);
                setEditing(false);
                setTest(null);
              },
              onError: (err) => {
                form.apiError(err);
                toast("error", `Could not save the ${meta.name} credentials: ${err.message}`);
              },
            });
          })}
        >
          <TextField label={`${meta.name} API key`} name="apiKey" type="password" autoComplete="off" placeholder={meta.keyPlaceholder} error={errors.apiKey} hint={p.keyHint ? "Leave empty to keep the current key." : undefined} />
          <TextField label="Base URL" name="baseUrl" type="url" placeholder={meta.basePlaceholder} defaultValue={p.baseUrl ?? ""} error={errors.baseUrl} />
          <Button type="submit" className="md:mt-6" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </form>
      )}
    </li>
  );
}
