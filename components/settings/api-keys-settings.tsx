"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { grantableRoles, ROLE_LABEL, type RoleName } from "@/lib/auth/permissions";
import { ShownOnce } from "@/components/ui/notice";
import { useSchemaForm } from "@/lib/client/use-schema-form";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { ZCreateApiKeyRequestSchema } from "@/lib/schemas/account";
import { Time } from "@/components/ui/time";
import { Named } from "@/components/ui/copy-id";

type ApiKey = { id: string; name: string; prefix: string; role: RoleName; createdAt: string; lastUsedAt: string | null; expiresAt: string | null };

export function ApiKeysSettings() {
  const { workspace } = useWorkspace();
  const toast = useToast();
  const form = useSchemaForm(ZCreateApiKeyRequestSchema, (v) => ({ name: v.name, role: v.role }));
  const { errors } = form;
  const [created, setCreated] = useState<string | null>(null);
  const list = useWorkspaceQuery<{ apiKeys: ApiKey[] }>(["api-keys"], "/api/v1/api-keys");
  const create = useWorkspaceMutation<unknown, { key: string }>((body) => ({ path: "/api/v1/api-keys", body }), [["api-keys"]]);
  const revoke = useWorkspaceMutation<{ id: string }, unknown>(({ id }) => ({ path: `/api/v1/api-keys/${id}`, method: "DELETE" }), [["api-keys"]]);
  return (
    <Card
      title="API keys"
      description={
        <>
          For programs using the REST API: send <code className="rounded bg-slate-100 px-1 font-mono text-[12px]">Authorization: Bearer &lt;key&gt;</code>. Keys are stored hashed and shown once.
        </>
      }
    >
      <form
        noValidate
        className="grid max-w-2xl grid-cols-[1fr_12rem_auto] items-start gap-3"
        onSubmit={form.handleSubmit((data, el) =>
          create.mutate(data, {
            onSuccess: (res) => {
              setCreated(res.key);
              el.reset();
              toast("success", "API key created.");
            },
            onError: (err) => {
              form.apiError(err);
              toast("error", err.message);
            },
          }),
        )}
      >
        <TextField label="Key name" name="name" placeholder="CI pipeline" error={errors.name} />
        <SelectField label="Key role" name="role" defaultValue="editor" error={errors.role}>
          {grantableRoles(workspace.role).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="mt-6" disabled={create.isPending}>
          Create key
        </Button>
      </form>
      {created && <ShownOnce tone="amber" message="Copy this key now. It will not be shown again." label="New API key" testId="new-api-key" value={created} />}
      <table className="mt-4 w-full text-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Name</th>
            <th className="py-2">Key</th>
            <th className="py-2">Role</th>
            <th className="py-2">Last used</th>
            <th className="py-2 sr-only">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.data?.apiKeys.map((k) => (
            <tr key={k.id}>
              <td className="py-2 font-medium">
                <Named id={k.id}>{k.name}</Named>
              </td>
              <td className="py-2 font-mono text-xs text-slate-600">{k.prefix}…</td>
              <td className="py-2">
                <Badge>{ROLE_LABEL[k.role]}</Badge>
              </td>
              <td className="py-2 text-slate-500">{k.lastUsedAt ? <Time value={k.lastUsedAt} /> : "never"}</td>
              <td className="py-2 text-right">
                <Button size="sm" variant="ghost" onClick={() => confirm(`Revoke "${k.name}"? Programs using it will stop working.`) && revoke.mutate({ id: k.id }, { onSuccess: () => toast("success", "Key revoked.") })}>
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
          {list.data && list.data.apiKeys.length === 0 && (
            <tr>
              <td colSpan={5} className="py-3 text-slate-500">
                No API keys yet. Create one to call the REST API from a program.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </Card>
  );
}
