"use client";

import { useId } from "react";
import { ROLE_LABEL, ROLES } from "@/lib/auth/permissions";
import type { TProblem } from "../types";
import { FieldShell } from "./fields";

/** A workspace member, from `GET /api/v1/members`. */
export interface TMember {
  id: string;
  role: string;
  user: { id: string; email: string; name: string | null };
}

type TAssignee = { role: string } | { user: string };

/** Who may decide: any of the workspace roles and individual members (by e-mail). */
export function AssigneesInput({ label, value, onChange, problems, members, disabled, testid = "field-assignees" }: {
  label: string;
  value: unknown;
  onChange(value: TAssignee[]): void;
  problems: readonly TProblem[];
  members: readonly TMember[];
  disabled?: boolean;
  testid?: string;
}) {
  const id = useId();
  const list = (Array.isArray(value) ? value : []) as TAssignee[];
  const hasRole = (role: string) => list.some((a) => "role" in a && a.role === role);
  const hasUser = (email: string) => list.some((a) => "user" in a && a.user === email);
  const toggle = (entry: TAssignee, on: boolean) => {
    const key = JSON.stringify(entry);
    onChange(on ? [...list, entry] : list.filter((a) => JSON.stringify(a) !== key));
  };
  const unknownUsers = list.filter((a): a is { user: string } => "user" in a && !members.some((m) => m.user.email === a.user || m.user.id === a.user));
  return (
    <FieldShell id={id} label={label} problems={problems} testid={testid}>
      <fieldset id={id} className="min-w-0 space-y-2 rounded-md border border-slate-200 p-2" disabled={disabled}>
        <legend className="sr-only">{label}</legend>
        <p className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Roles</p>
        <div className="grid grid-cols-2 gap-1">
          {ROLES.map((role) => (
            <label key={role} className="flex items-center gap-1.5 text-xs text-slate-700">
              <input type="checkbox" checked={hasRole(role)} onChange={(e) => toggle({ role }, e.target.checked)} />
              {ROLE_LABEL[role]}
            </label>
          ))}
        </div>
        {members.length > 0 && (
          <>
            <p className="pt-1 text-[11px] font-medium uppercase tracking-wide text-slate-500">People</p>
            <div className="max-h-28 space-y-1 overflow-y-auto">
              {members.map((m) => (
                <label key={m.id} className="flex min-w-0 items-center gap-1.5 text-xs text-slate-700" title={m.user.email}>
                  <input type="checkbox" checked={hasUser(m.user.email)} onChange={(e) => toggle({ user: m.user.email }, e.target.checked)} />
                  <span className="min-w-0 truncate">{m.user.name ? `${m.user.name} · ${m.user.email}` : m.user.email}</span>
                </label>
              ))}
            </div>
          </>
        )}
        {unknownUsers.map((a) => (
          <p key={a.user} className="text-xs text-amber-700">
            {a.user} is not a member of this workspace.{" "}
            <button type="button" className="underline" onClick={() => toggle(a, false)}>
              Remove
            </button>
          </p>
        ))}
      </fieldset>
    </FieldShell>
  );
}
