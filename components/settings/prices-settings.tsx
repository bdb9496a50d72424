"use client";

import { Fragment, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { formErrors, ZModelId, ZPriceForm } from "@/components/costs/schemas";
import type { ModelListing } from "@/components/costs/types";
import { ApiError } from "@/lib/client/api";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { formatPerMillion } from "@/lib/format";

type PriceBody = { inputUsdPerMTok: string; outputUsdPerMTok: string; cachedUsdPerMTok?: string };

const perM = formatPerMillion;

function SourceBadge({ m }: { m: ModelListing }) {
  const sim = m.simulated && <Badge tone="amber">simulated</Badge>;
  if (m.source === "custom") return <Badge tone="blue">custom</Badge>;
  if (m.source === "override")
    return (
      <span className="inline-flex gap-1">
        <Badge tone="blue">override</Badge>
        {sim}
      </span>
    );
  if (m.simulated) return sim;
  if (m.source === "catalogue") return <Badge>catalogue</Badge>;
  return <Badge tone="red">no price</Badge>;
}

/** Model price list with search; finance, admins and owners override a price or remove the override. */
export function PricesSettings() {
  const { can } = useWorkspace();
  const manage = can("prices:manage");
  const [query, setQuery] = useState("");
  const [provider, setProvider] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useWorkspaceQuery<{ models: ModelListing[] }>(["models"], "/api/v1/models");
  const providers = useMemo(() => [...new Set(list.data?.models.map((m) => m.provider))].sort(), [list.data]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (list.data?.models ?? []).filter((m) => (!provider || m.provider === provider) && (!q || m.modelId.toLowerCase().includes(q) || (m.tier ?? "").includes(q)));
  }, [list.data, query, provider]);

  return (
    <Card
      title="Model prices"
      description="USD per million tokens. Each ledger row keeps the price it was charged at, so changing a price never rewrites history."
      actions={
        manage && (
          <Button size="sm" variant="secondary" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
            {adding ? "Close" : "Add custom model"}
          </Button>
        )
      }
    >
      {adding && manage && <CustomModelForm onDone={() => setAdding(false)} />}
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <label className="block w-72">
          <span className="mb-1 block text-xs font-medium text-slate-600">Search models</span>
          <input
            type="search"
            className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
            placeholder="gpt-4o, haiku, cheap…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <label className="block w-48">
          <span className="mb-1 block text-xs font-medium text-slate-600">Provider</span>
          <select className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">All providers</option>
            {providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        {list.data && (
          <p className="pb-2 text-xs text-slate-500">
            {rows.length} of {list.data.models.length} models
          </p>
        )}
      </div>
      {list.isPending ? (
        <div className="space-y-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-8" />
          ))}
        </div>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error instanceof ApiError && list.error.status === 404 ? "The model catalogue is not available on this server yet." : `Could not load the model prices: ${list.error.message} Reload the page to try again.`}
        </p>
      ) : rows.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">No model matches “{query}”. Clear the search{manage ? ", or add it as a custom model" : ""}.</p>
      ) : (
        <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-200">
          <table className="w-full text-sm" data-testid="prices-table">
            <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Model</th>
                <th className="px-3 py-2">Tier</th>
                <th className="px-3 py-2 text-right">Input</th>
                <th className="px-3 py-2 text-right">Output</th>
                <th className="px-3 py-2 text-right">Cached input</th>
                <th className="px-3 py-2">Price from</th>
                <th className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((m) => (
                <Fragment key={m.modelId}>
                  <tr data-testid={`price-${m.modelId}`} className={editing === m.modelId ? "bg-brand-50/40" : undefined}>
                    <td className="px-3 py-2">
                      <span className="font-mono text-xs font-medium text-slate-900">{m.modelId}</span>
                      {!m.available && <span className="ml-2 text-xs text-slate-500">provider not configured</span>}
                    </td>
                    <td className="px-3 py-2 text-slate-600">{m.tier ?? "—"}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{perM(m.inputUsdPerMTok)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{perM(m.outputUsdPerMTok)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{perM(m.cachedUsdPerMTok)}</td>
                    <td className="px-3 py-2">
                      <SourceBadge m={m} />
                      {m.override && m.catalogue && (
                        <span className="ml-2 text-xs text-slate-500" title="Catalogue price">
                          was {perM(m.catalogue.inputUsdPerMTok)} / {perM(m.catalogue.outputUsdPerMTok)}
                        </span>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">{manage && <RowActions m={m} editing={editing === m.modelId} onEdit={() => setEditing(editing === m.modelId ? null : m.modelId)} />}</td>
                  </tr>
                  {editing === m.modelId && manage && (
                    <tr>
                      <td colSpan={7} className="bg-brand-50/40 px-3 pb-3">
                        <PriceForm modelId={m.modelId} initial={m} onDone={() => setEditing(null)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function RowActions({ m, editing, onEdit }: { m: ModelListing; editing: boolean; onEdit: () => void }) {
  const toast = useToast();
  const remove = useWorkspaceMutation<void, unknown>(() => ({ path: `/api/v1/models/${encodeURIComponent(m.modelId)}/price`, method: "DELETE" }), [["models"]]);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Override price of ${m.modelId}`} aria-expanded={editing}>
        {editing ? "Close" : m.override ? "Edit override" : "Override"}
      </Button>
      {m.override && (
        <Button
          size="sm"
          variant="ghost"
          className="text-red-700"
          disabled={remove.isPending}
          aria-label={`Remove override of ${m.modelId}`}
          onClick={() =>
            confirm(m.override?.custom ? `Remove the custom model ${m.modelId}? Graphs using it will have no price.` : `Remove the override of ${m.modelId}? The catalogue price applies again from now on.`) &&
            remove.mutate(undefined, { onSuccess: () => toast("success", `Override of ${m.modelId} removed.`), onError: (err) => toast("error", `Could not remove the override: ${err.message}`) })
          }
        >
          {m.override.custom ? "Remove" : "Remove override"}
        </Button>
      )}
    </>
  );
}

function PriceForm({ modelId, initial, onDone, withModelId = false }: { modelId?: string; initial?: ModelListing; onDone: () => void; withModelId?: boolean }) {
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const put = useWorkspaceMutation<{ id: string; body: PriceBody }, unknown>(({ id, body }) => ({ path: `/api/v1/models/${encodeURIComponent(id)}/price`, method: "PUT", body }), [["models"]]);
  return (
    <form
      noValidate
      aria-label={modelId ? `Price of ${modelId}` : "Custom model price"}
      className={`grid grid-cols-2 items-start gap-3 pt-3 ${withModelId ? "md:grid-cols-[1.5fr_1fr_1fr_1fr_auto]" : "md:grid-cols-[1fr_1fr_1fr_auto]"}`}
      onSubmit={(e) => {
        e.preventDefault();
        const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        const errs: Record<string, string> = {};
        const id = withModelId ? ZModelId.safeParse(form.modelId ?? "") : { success: true as const, data: modelId! };
        if (!id.success) errs.modelId = id.error.issues[0]!.message;
        const parsed = ZPriceForm.safeParse({ inputUsdPerMTok: form.inputUsdPerMTok ?? "", outputUsdPerMTok: form.outputUsdPerMTok ?? "", cachedUsdPerMTok: (form.cachedUsdPerMTok ?? "").trim() });
        if (!parsed.success) Object.assign(errs, formErrors(parsed.error));
        if (Object.keys(errs).length || !parsed.success || !id.success) return setErrors(errs);
        setErrors({});
        const body: PriceBody = { inputUsdPerMTok: parsed.data.inputUsdPerMTok, outputUsdPerMTok: parsed.data.outputUsdPerMTok, ...(parsed.data.cachedUsdPerMTok ? { cachedUsdPerMTok: parsed.data.cachedUsdPerMTok } : {}) };
        put.mutate(
          { id: id.data, body },
          {
            onSuccess: () => {
              toast("success", `Price of ${id.data} saved; new calls use it from now on.`);
              onDone();
            },
            onError: (err) => {
              if (err instanceof ApiError && err.issues.length) setErrors(err.fieldErrors());
              toast("error", `Could not save the price: ${err.message}`);
            },
          },
        );
      }}
    >
      {withModelId && <TextField label="Model id" name="modelId" placeholder="openai-compatible:llama3.1" error={errors.modelId} />}
      <TextField label="Input $/M tokens" name="inputUsdPerMTok" inputMode="decimal" defaultValue={initial?.inputUsdPerMTok ?? ""} error={errors.inputUsdPerMTok} />
      <TextField label="Output $/M tokens" name="outputUsdPerMTok" inputMode="decimal" defaultValue={initial?.outputUsdPerMTok ?? ""} error={errors.outputUsdPerMTok} />
      <TextField label="Cached input $/M" name="cachedUsdPerMTok" inputMode="decimal" defaultValue={initial?.override?.cachedUsdPerMTok ?? ""} hint="Optional; input price if empty" error={errors.cachedUsdPerMTok} />
      <div className="flex gap-2 md:mt-6">
        <Button type="submit" size="sm" disabled={put.isPending}>
          {put.isPending ? "Saving…" : "Save price"}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function CustomModelForm({ onDone }: { onDone: () => void }) {
  return (
    <div className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 pb-3">
      <p className="pt-3 text-xs text-slate-600">A model the catalogue does not know (a self-hosted model, a fine-tune). Name it as graphs do: provider:model.</p>
      <PriceForm withModelId onDone={onDone} />
    </div>
  );
}
