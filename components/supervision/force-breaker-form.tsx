"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { api, ApiError } from "@/lib/client/api";
import { breakerKeys } from "./types";

/** Force a breaker open, or close it, with a reason (both are audited). */
export function ForceBreakerForm({ breakerKey, action, label, onDone }: { breakerKey: string; action: "open" | "close"; label: string; onDone: () => void }) {
  const { workspace } = useWorkspace();
  const qc = useQueryClient();
  const toast = useToast();
  const [reason, setReason] = useState("");
  const m = useMutation({
    mutationFn: () => api(`/api/v1/breakers/${action}`, { method: "POST", body: { key: breakerKey, reason }, workspace: workspace.slug }),
    onSuccess: () => {
      toast("success", action === "open" ? `${label} forced open.` : `${label} closed.`);
      void qc.invalidateQueries({ queryKey: breakerKeys.all(workspace.slug) });
      onDone();
    },
  });
  const error = m.error instanceof ApiError ? (m.error.fieldErrors().reason ?? m.error.message) : m.error ? "The server could not be reached. Try again." : null;
  return (
    <form
      className="mt-2 flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <label className="text-xs font-medium text-slate-700">
        Reason (shown to everyone and kept in the audit log)
        <input
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={action === "open" ? "e.g. provider incident, runaway spend" : "e.g. provider recovered"}
          required
          autoFocus
        />
      </label>
      {error && <FormError>{error}</FormError>}
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant={action === "open" ? "danger" : "primary"} disabled={m.isPending || !reason.trim()}>
          {action === "open" ? "Force open" : "Close"}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
