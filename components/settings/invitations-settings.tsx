"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { grantableRoles, ROLE_DESCRIPTION, ROLE_LABEL, type RoleName } from "@/lib/auth/permissions";
import { ShownOnce } from "@/components/ui/notice";
import { useSchemaForm } from "@/lib/client/use-schema-form";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { ZCreateInvitationRequestSchema } from "@/lib/schemas/account";
import { Time } from "@/components/ui/time";

type Invitation = { id: string; email: string | null; role: RoleName; expiresAt: string };

export function InvitationsSettings() {
  const { workspace } = useWorkspace();
  const toast = useToast();
  const form = useSchemaForm(ZCreateInvitationRequestSchema, (v) => ({ role: v.role, ...(v.email ? { email: v.email } : {}) }));
  const { errors } = form;
  const [link, setLink] = useState<{ url: string; emailed: boolean } | null>(null);
  const list = useWorkspaceQuery<{ invitations: Invitation[] }>(["invitations"], "/api/v1/invitations");
  const create = useWorkspaceMutation<unknown, { url: string; emailed: boolean }>((body) => ({ path: "/api/v1/invitations", body }), [["invitations"]]);
  const revoke = useWorkspaceMutation<{ id: string }, unknown>(({ id }) => ({ path: `/api/v1/invitations/${id}`, method: "DELETE" }), [["invitations"]]);
  const roles = grantableRoles(workspace.role);
  return (
    <Card title="Invitations" description="Invite people by link. The link is shown once; it is e-mailed too when SMTP is configured.">
      <form
        noValidate
        className="grid max-w-2xl grid-cols-[1fr_12rem_auto] items-start gap-3"
        onSubmit={form.handleSubmit((data) =>
          create.mutate(data, {
            onSuccess: (res) => {
              setLink(res);
              toast("success", res.emailed ? "Invitation created and e-mailed." : "Invitation link created.");
            },
            onError: (err) => {
              form.apiError(err);
              toast("error", err.message);
            },
          }),
        )}
      >
        <TextField label="E-mail (optional)" name="email" type="email" placeholder="Anyone with the link" error={errors.email} />
        <SelectField label="Invite as" name="role" defaultValue="editor" error={errors.role}>
          {roles.map((r) => (
            <option key={r} value={r} title={ROLE_DESCRIPTION[r]}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="mt-6" disabled={create.isPending}>
          Create invite link
        </Button>
      </form>
      {link && (
        <ShownOnce tone="emerald" message="Share this link (it will not be shown again):" label="Invite link" testId="invite-link" value={link.url}>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => navigator.clipboard?.writeText(link.url).then(() => toast("success", "Link copied."), () => toast("error", "Copy failed: select the link and copy it."))}
          >
            Copy
          </Button>
        </ShownOnce>
      )}
      <ul className="mt-4 divide-y divide-slate-100 text-sm">
        {list.data?.invitations.map((i) => (
          <li key={i.id} className="flex items-center justify-between py-2">
            <span>
              {i.email ?? "Anyone with the link"} <Badge>{ROLE_LABEL[i.role]}</Badge>
              <span className="ml-2 text-xs text-slate-500">expires <Time value={i.expiresAt} /></span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => revoke.mutate({ id: i.id }, { onSuccess: () => toast("success", "Invitation revoked.") })}>
              Revoke
            </Button>
          </li>
        ))}
        {list.data && list.data.invitations.length === 0 && <li className="py-2 text-slate-500">No open invitations.</li>}
      </ul>
    </Card>
  );
}
