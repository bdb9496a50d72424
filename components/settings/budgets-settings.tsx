"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { BudgetBurn } from "@/components/costs/budget-burn";
import { formatUsd } from "@/lib/format";
import { BUDGET_PERIODS, BUDGET_SCOPES, ON_EXCEED, ON_EXCEED_LABEL, PERIOD_LABEL, SCOPE_LABEL, ZBudgetForm } from "@/components/costs/schemas";
import type { BudgetStatus } from "@/components/costs/types";
import { ApiError } from "@/lib/client/api";
import { useSchemaForm } from "@/lib/client/use-schema-form";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { graphKeys } from "@/components/builder/queries";

type GraphItem = { id: string; name: string };

const SCOPE_REF_HINT: Record<string, { label: string; placeholder: string; hint: string }> = {
  workspace: { label: "Applies to", placeholder: "", hint: "All spend in the workspace." },
  graph: { label: "Graph", placeholder: "graph id", hint: "Empty: each graph gets this budget separately." },
  agent: { label: "Agent", placeholder: "node id or graph/node", hint: "Empty: each agent gets this budget separately." },
  tag: { label: "Tag", placeholder: "e.g. procurement", hint: "Empty: each tag gets this budget separately." },
  customer: { label: "Customer key", placeholder: "e.g. REQ-1042", hint: "Empty: each customer key gets this budget separately." },
  run: { label: "Graph (optional)", placeholder: "graph id", hint: "Empty: every run of every graph." },
};

/** Budgets with their current burn; finance, admins and owners create, edit and delete them. */
export function BudgetsSettings() {
  const { can } = useWorkspace();
  const toast = useToast();
  const manage = can("budgets:manage");
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const list = useWorkspaceQuery<{ budgets: BudgetStatus[] }>(["budgets"], "/api/v1/budgets");
  const remove = useWorkspaceMutation<{ id: string }, unknown>(({ id }) => ({ path: `/api/v1/budgets/${id}`, method: "DELETE" }), [["budgets"]]);
  const toggle = useWorkspaceMutation<{ id: string; enabled: boolean }, unknown>(({ id, enabled }) => ({ path: `/api/v1/budgets/${id}`, method: "PATCH", body: { enabled } }), [["budgets"]]);
  const missing = list.error instanceof ApiError && list.error.status === 404;

  return (
    <Card
      title="Budgets"
      description="Spend is reserved against every applicable budget before each model call; a call that would exceed one does not happen."
      actions={
        manage &&
        !missing && (
          <Button size="sm" onClick={() => setEditing(editing === "new" ? null : "new")} aria-expanded={editing === "new"}>
            {editing === "new" ? "Close" : "New budget"}
          </Button>
        )
      }
    >
      {editing === "new" && manage && <BudgetForm onDone={() => setEditing(null)} />}
      {list.isPending ? (
        <div className="space-y-3">
          <Skeleton className="h-16" />
          <Skeleton className="h-16" />
        </div>
      ) : missing ? (
        <p className="text-sm text-slate-500">Budgets are not available on this server yet (the budget API answered 404).</p>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the budgets: {list.error.message} Reload the page to try again.
        </p>
      ) : list.data.budgets.length === 0 ? (
        editing !== "new" && (
          <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">
            <p className="font-medium text-slate-700">No budgets yet</p>
            <p className="mt-1">{manage ? "Create one to cap spend per month, per day or per run — for the workspace, a graph, an agent, a tag or a customer." : "Finance, admins and owners can create budgets."}</p>
          </div>
        )
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="budgets-list">
          {list.data.budgets.map((b) => (
            <li key={b.id} className="py-4 first:pt-0" data-testid={`budget-${b.name}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="text-sm font-semibold text-slate-900">{b.name}</h3>
                    {!b.enabled && <Badge>disabled</Badge>}
                    {b.source === "spec" && <Badge tone="blue">from graph spec</Badge>}
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {SCOPE_LABEL[b.scope as keyof typeof SCOPE_LABEL] ?? b.scope}
                    {b.scopeRef ? `: ${b.scopeRef}` : b.scope !== "workspace" && b.scope !== "run" ? " (each separately)" : ""} · {PERIOD_LABEL[b.period as keyof typeof PERIOD_LABEL] ?? b.period} · limit {formatUsd(b.limitUsd)} · on exceed: {b.onExceed} · alerts at {b.thresholds.join(", ")}%
                  </p>
                </div>
                {manage && (
                  <div className="flex gap-1">
                    <Button size="sm" variant="ghost" onClick={() => setEditing(editing === b.id ? null : b.id)} aria-label={`Edit ${b.name}`} aria-expanded={editing === b.id}>
                      {editing === b.id ? "Close" : "Edit"}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => toggle.mutate({ id: b.id, enabled: !b.enabled }, { onSuccess: () => toast("success", `${b.name} ${b.enabled ? "disabled" : "enabled"}.`), onError: (err) => toast("error", err.message) })}
                    >
                      {b.enabled ? "Disable" : "Enable"}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-red-700"
                      aria-label={`Delete ${b.name}`}
                      onClick={() =>
                        confirm(`Delete the budget "${b.name}"? Spend it covers will no longer be capped by it.`) &&
                        remove.mutate({ id: b.id }, { onSuccess: () => toast("success", `Budget ${b.name} deleted.`), onError: (err) => toast("error", `Could not delete the budget: ${err.message}`) })
                      }
                    >
                      Delete
                    </Button>
                  </div>
                )}
              </div>
              <div className="mt-3 space-y-2">
                {b.current.length === 0 ? (
                  <p className="text-xs text-slate-500">No spend against this budget in the current period yet.</p>
                ) : (
                  b.current.slice(0, 3).map((w) => <BudgetBurn key={w.windowKey} budget={b} window={w} />)
                )}
                {b.current.length > 3 && <p className="text-xs text-slate-500">and {b.current.length - 3} more windows in this period</p>}
              </div>
              {editing === b.id && manage && <BudgetForm budget={b} onDone={() => setEditing(null)} />}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Create (no `budget`) or edit a budget; scope and period are fixed once created, as the API requires. */
function BudgetForm({ budget, onDone }: { budget?: BudgetStatus; onDone: () => void }) {
  const toast = useToast();
  const [scope, setScope] = useState(budget?.scope ?? "workspace");
  const [period, setPeriod] = useState(budget?.period ?? "month");
  const form = useSchemaForm(ZBudgetForm, (f) => ({
    name: f.name ?? "",
    scope,
    scopeRef: f.scopeRef ?? "",
    period: scope === "run" ? "run" : period,
    limitUsd: f.limitUsd ?? "",
    onExceed: f.onExceed ?? "pause",
    thresholds: f.thresholds ?? "",
    enabled: f.enabled === "on",
  }));
  const { errors } = form;
  const graphs = useWorkspaceQuery<{ graphs: GraphItem[] }>(graphKeys.all, "/api/v1/graphs");
  const save = useWorkspaceMutation<Record<string, unknown>, { budget: BudgetStatus }>(
    (body) => (budget ? { path: `/api/v1/budgets/${budget.id}`, method: "PATCH", body } : { path: "/api/v1/budgets", method: "POST", body }),
    [["budgets"]],
  );
  const ref = SCOPE_REF_HINT[scope] ?? SCOPE_REF_HINT.graph!;
  return (
    <form
      noValidate
      aria-label={budget ? `Edit ${budget.name}` : "New budget"}
      className="mt-3 mb-4 grid grid-cols-1 gap-3 rounded-md border border-slate-200 bg-slate-50 p-4 md:grid-cols-3"
      onSubmit={form.handleSubmit((v) => {
        const body = budget
          ? { name: v.name, limitUsd: v.limitUsd, onExceed: v.onExceed, thresholds: v.thresholds, enabled: v.enabled }
          : { name: v.name, scope: v.scope, ...(v.scopeRef ? { scopeRef: v.scopeRef } : {}), period: v.period, limitUsd: v.limitUsd, onExceed: v.onExceed, thresholds: v.thresholds, enabled: v.enabled };
        save.mutate(body, {
          onSuccess: () => {
            toast("success", budget ? `Budget ${v.name} saved.` : `Budget ${v.name} created.`);
            onDone();
          },
          onError: (err) => {
            form.apiError(err);
            toast("error", `Could not save the budget: ${err.message}`);
          },
        });
      })}
    >
      <TextField label="Budget name" name="name" defaultValue={budget?.name ?? ""} placeholder="Monthly model spend" error={errors.name} />
      <SelectField label="Scope" name="scope" value={scope} disabled={!!budget} hint={budget ? "Fixed once created" : undefined} onChange={(e) => (setScope(e.target.value), e.target.value === "run" && setPeriod("run"))} error={errors.scope}>
        {BUDGET_SCOPES.map((s) => (
          <option key={s} value={s}>
            {SCOPE_LABEL[s]}
          </option>
        ))}
      </SelectField>
      {scope === "workspace" ? (
        <div className="space-y-1">
          <span className="block text-sm font-medium text-slate-700">{ref.label}</span>
          <p className="py-2 text-sm text-slate-500">{ref.hint}</p>
        </div>
      ) : (
        <>
          <TextField label={ref.label} name="scopeRef" list={scope === "graph" || scope === "run" ? "budget-graphs" : undefined} defaultValue={budget?.scopeRef ?? ""} placeholder={ref.placeholder} hint={budget ? "Fixed once created" : ref.hint} disabled={!!budget} error={errors.scopeRef} />
          <datalist id="budget-graphs">
            {graphs.data?.graphs.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </datalist>
        </>
      )}
      <SelectField label="Period" name="period" value={scope === "run" ? "run" : period} disabled={!!budget || scope === "run"} onChange={(e) => setPeriod(e.target.value)} error={errors.period}>
        {BUDGET_PERIODS.map((p) => (
          <option key={p} value={p}>
            {PERIOD_LABEL[p]}
          </option>
        ))}
      </SelectField>
      <TextField label="Limit (USD)" name="limitUsd" inputMode="decimal" defaultValue={budget?.limitUsd ?? ""} placeholder="250.00" error={errors.limitUsd} />
      <SelectField label="When exceeded" name="onExceed" defaultValue={budget?.onExceed ?? "pause"} error={errors.onExceed}>
        {ON_EXCEED.map((o) => (
          <option key={o} value={o}>
            {ON_EXCEED_LABEL[o]}
          </option>
        ))}
      </SelectField>
      <TextField label="Alert thresholds (%)" name="thresholds" defaultValue={(budget?.thresholds ?? [50, 80, 100]).join(", ")} hint="In-app notification and webhook at each" error={errors.thresholds} />
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input type="checkbox" name="enabled" defaultChecked={budget?.enabled ?? true} className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" />
        Enforced
      </label>
      <div className="flex items-end justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : budget ? "Save budget" : "Create budget"}
        </Button>
      </div>
      {errors["(body)"] && <p className="text-xs text-red-600 md:col-span-3">{errors["(body)"]}</p>}
    </form>
  );
}
