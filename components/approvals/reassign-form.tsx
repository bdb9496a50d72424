"use client";

import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useToast } from "@/components/ui/toast";
import { api, ApiError } from "@/lib/client/api";
import { ROLE_LABEL, ROLES } from "@/lib/auth/permissions";
import { approvalKeys, type Member } from "./types";

/** Give a pending item to a member or a role, with an optional comment (kept in its history). */
export function ReassignForm({ approvalId, members, onDone }: { approvalId: string; members: Member[]; onDone: () => void }) {
  const { workspace } = useWorkspace();
  const qc = useQueryClient();
  const toast = useToast();
  const [to, setTo] = useState("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async () => {
    if (!to) return setError("Choose a person or a role.");
    setBusy(true);
    setError(null);
    try {
      const [kind, value] = to.split(":", 2) as ["user" | "role", string];
      await api(`/api/v1/approvals/${approvalId}/reassign`, { method: "POST", body: { to: [{ [kind]: value }], comment: comment.trim() || undefined }, workspace: workspace.slug });
      toast("success", "Reassigned. The new assignees were told.");
      await qc.invalidateQueries({ queryKey: approvalKeys.all(workspace.slug) });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The server could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), void submit())} aria-label="Reassign">
      <label className="text-xs" htmlFor={`${id}-to`}>
        <span className="mb-1 block font-medium text-slate-600">Reassign to</span>
        <select
          id={`${id}-to`}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={!!error}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        >
          <option value="">Choose…</option>
          <optgroup label="People">
            {members.map((m) => (
              <option key={m.user.id} value={`user:${m.user.id}`}>
                {m.user.name ?? m.user.email} ({ROLE_LABEL[m.role as keyof typeof ROLE_LABEL] ?? m.role})
              </option>
            ))}
          </optgroup>
          <optgroup label="Roles">
            {ROLES.filter((r) => r !== "viewer").map((r) => (
              <option key={r} value={`role:${r}`}>
                Everyone with the {ROLE_LABEL[r]} role
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="min-w-40 flex-1 text-xs">
        <span className="mb-1 block font-medium text-slate-600">Comment (optional)</span>
        <input
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={4000}
          placeholder="Why it moves"
          className="h-8 w-full rounded-md border border-slate-300 px-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        />
      </label>
      <Button type="submit" size="sm" variant="secondary" disabled={busy}>
        {busy ? "Reassigning…" : "Reassign"}
      </Button>
      {error && (
        <p role="alert" className="w-full text-xs text-red-600">
          {error}
        </p>
      )}
    </form>
  );
}
