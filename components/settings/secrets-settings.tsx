"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, Skeleton } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ZSecretForm } from "@/components/costs/schemas";
import { useSchemaForm } from "@/lib/client/use-schema-form";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { Time } from "@/components/ui/time";

type Secret = { name: string; updatedAt: string | null };

/** Workspace secrets for tool nodes (`{{secrets.NAME}}`): names only, set / replace / delete. Owners and admins only. */
export function SecretsSettings() {
  const toast = useToast();
  const [replacing, setReplacing] = useState<string | null>(null);
  const form = useSchemaForm(ZSecretForm, (v) => ({ name: replacing ?? v.name ?? "", value: v.value ?? "" }));
  const { errors, setErrors } = form;
  const list = useWorkspaceQuery<{ secrets: Secret[] }>(["secrets"], "/api/v1/secrets");
  const put = useWorkspaceMutation<{ name: string; value: string }, { name: string }>(({ name, value }) => ({ path: `/api/v1/secrets/${encodeURIComponent(name)}`, method: "PUT", body: { value } }), [["secrets"]]);
  const remove = useWorkspaceMutation<{ name: string }, unknown>(({ name }) => ({ path: `/api/v1/secrets/${encodeURIComponent(name)}`, method: "DELETE" }), [["secrets"]]);
  const existing = new Set(list.data?.secrets.map((s) => s.name));

  return (
    <Card title="Secrets" description={<>Values tool nodes read as <code className="rounded bg-slate-100 px-1 text-xs">{"{{secrets.NAME}}"}</code>. Stored encrypted; values are never shown again, only names.</>}>
      <form
        noValidate
        aria-label={replacing ? `Replace ${replacing}` : "Add a secret"}
        className="grid max-w-3xl grid-cols-1 items-start gap-3 md:grid-cols-[14rem_1fr_auto]"
        onSubmit={form.handleSubmit((data, formEl) => {
          const replaced = existing.has(data.name);
          put.mutate(data, {
            onSuccess: () => {
              formEl.reset();
              setReplacing(null);
              toast("success", replaced ? `Secret ${data.name} replaced.` : `Secret ${data.name} saved.`);
            },
            onError: (err) => {
              form.apiError(err);
              toast("error", `Could not save the secret: ${err.message}`);
            },
          });
        })}
      >
        {replacing ? (
          <div className="space-y-1">
            <span className="block text-sm font-medium text-slate-700">Secret name</span>
            <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm">{replacing}</p>
          </div>
        ) : (
          <TextField label="Secret name" name="name" placeholder="VENDOR_API_KEY" autoComplete="off" error={errors.name} />
        )}
        <TextField label="Value" name="value" type="password" autoComplete="new-password" placeholder="never shown again" error={errors.value} />
        <div className="flex gap-2 md:mt-6">
          <Button type="submit" disabled={put.isPending}>
            {put.isPending ? "Saving…" : replacing ? "Replace" : "Save secret"}
          </Button>
          {replacing && (
            <Button type="button" variant="ghost" onClick={() => (setReplacing(null), setErrors({}))}>
              Cancel
            </Button>
          )}
        </div>
      </form>
      {list.isPending ? (
        <Skeleton className="mt-4 h-20" />
      ) : list.isError ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          Could not load the secrets: {list.error.message} Reload the page to try again.
        </p>
      ) : list.data.secrets.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No secrets yet. Add one above, then reference it in a tool node as {"{{secrets.NAME}}"}.</p>
      ) : (
        <table className="mt-4 w-full text-sm" data-testid="secrets-table">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th className="py-2">Value</th>
              <th className="py-2">Updated</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.data.secrets.map((s) => (
              <tr key={s.name} data-testid={`secret-${s.name}`}>
                <td className="py-2 font-mono text-xs font-medium">{s.name}</td>
                <td className="py-2 font-mono text-xs text-slate-500">••••••••</td>
                <td className="py-2 text-slate-500"><Time value={s.updatedAt} /></td>
                <td className="py-2 text-right">
                  <Button size="sm" variant="ghost" onClick={() => (setReplacing(s.name), setErrors({}))} aria-label={`Replace ${s.name}`}>
                    Replace
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-700"
                    aria-label={`Delete ${s.name}`}
                    onClick={() =>
                      confirm(`Delete the secret ${s.name}? Tool nodes that use {{secrets.${s.name}}} will fail until it is set again.`) &&
                      remove.mutate({ name: s.name }, { onSuccess: () => toast("success", `Secret ${s.name} deleted.`), onError: (err) => toast("error", `Could not delete ${s.name}: ${err.message}`) })
                    }
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
