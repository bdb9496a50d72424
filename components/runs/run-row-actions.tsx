"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { useWorkspace } from "@/components/shell/workspace-context";
import { isActiveRun } from "./types";
import { useCancelRun, useRerunRun } from "./use-run-actions";

/**
 * Cancel (two-step: click, then confirm within 5 s) and rerun. Each control
 * shows only to roles that may use it; the API refuses the others anyway.
 */
export function RunActions({ runId, status, size = "sm", fromNode }: { runId: string; status: string; size?: "sm" | "md"; fromNode?: string }) {
  const { workspace, can } = useWorkspace();
  const router = useRouter();
  const cancel = useCancelRun();
  const rerun = useRerunRun();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!confirming) return;
    const t = setTimeout(() => setConfirming(false), 5000);
    return () => clearTimeout(t);
  }, [confirming]);
  const active = isActiveRun(status);
  return (
    <div className="flex shrink-0 items-center justify-end gap-1.5 whitespace-nowrap">
      {active && can("runs:cancel") && (
        <Button
          variant={confirming ? "danger" : "secondary"}
          size={size}
          disabled={cancel.isPending}
          aria-label={confirming ? "Confirm cancel" : "Cancel run"}
          onClick={() => {
            if (!confirming) return setConfirming(true);
            setConfirming(false);
            cancel.mutate(runId);
          }}
        >
          {cancel.isPending ? "Cancelling…" : confirming ? "Confirm cancel" : "Cancel"}
        </Button>
      )}
      {can("runs:start") && (
        <Button
          variant="secondary"
          size={size}
          disabled={rerun.isPending}
          aria-label={fromNode ? `Rerun from ${fromNode}` : "Rerun"}
          onClick={() => rerun.mutate({ runId, fromNode }, { onSuccess: ({ runId: next }) => router.push(`/w/${workspace.slug}/runs/${next}`) })}
        >
          {rerun.isPending ? "Starting…" : fromNode ? `Rerun from ${fromNode}` : "Rerun"}
        </Button>
      )}
    </div>
  );
}
