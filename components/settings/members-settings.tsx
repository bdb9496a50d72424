"use client";

import { Badge, Card, Skeleton } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { grantableRoles, ROLE_LABEL, type RoleName } from "@/lib/auth/permissions";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { Time } from "@/components/ui/time";

type Member = { id: string; role: RoleName; createdAt: string; user: { id: string; email: string; name: string | null; lastLoginAt: string | null } };

export function MembersSettings() {
  const { workspace, user, can } = useWorkspace();
  const toast = useToast();
  const members = useWorkspaceQuery<{ members: Member[] }>(["members"], "/api/v1/members");
  const changeRole = useWorkspaceMutation<{ id: string; role: RoleName }, unknown>(
    ({ id, role }) => ({ path: `/api/v1/members/${id}`, method: "PATCH", body: { role } }),
    [["members"]],
  );
  const remove = useWorkspaceMutation<{ id: string }, unknown>(({ id }) => ({ path: `/api/v1/members/${id}`, method: "DELETE" }), [["members"]]);
  const manage = can("members:manage");
  const grantable = grantableRoles(workspace.role);
  return (
    <Card title="Members" description="Who can use this workspace, and with which role.">
      {members.isLoading ? (
        <Skeleton className="h-16 w-full" />
      ) : members.error ? (
        <p className="text-sm text-red-700">Could not load members: {members.error.message}</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Member</th>
              <th className="py-2">Role</th>
              <th className="py-2">Last sign-in</th>
              {manage && <th className="py-2 sr-only">Actions</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.data!.members.map((m) => {
              const mayEdit = manage && m.user.id !== user.id && (m.role !== "owner" || workspace.role === "owner");
              return (
                <tr key={m.id} data-testid={`member-${m.user.email}`}>
                  <td className="py-2">
                    <div className="font-medium">{m.user.name ?? m.user.email}</div>
                    <div className="text-xs text-slate-500">{m.user.email}</div>
                  </td>
                  <td className="py-2">
                    {mayEdit ? (
                      <select
                        aria-label={`Role of ${m.user.email}`}
                        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                        value={m.role}
                        onChange={(e) =>
                          changeRole.mutate(
                            { id: m.id, role: e.target.value as RoleName },
                            { onSuccess: () => toast("success", "Role changed."), onError: (err) => toast("error", err.message) },
                          )
                        }
                      >
                        {[...new Set([m.role, ...grantable])].map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <Badge tone={m.role === "owner" ? "blue" : "slate"}>{ROLE_LABEL[m.role]}</Badge>
                    )}
                  </td>
                  <td className="py-2 text-slate-500">{m.user.lastLoginAt ? <Time value={m.user.lastLoginAt} /> : "never"}</td>
                  {manage && (
                    <td className="py-2 text-right">
                      {mayEdit && (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => {
                            if (confirm(`Remove ${m.user.email} from ${workspace.name}?`)) {
                              remove.mutate({ id: m.id }, { onSuccess: () => toast("success", "Member removed."), onError: (err) => toast("error", err.message) });
                            }
                          }}
                        >
                          Remove
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
