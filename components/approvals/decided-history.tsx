"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { JsonViewer } from "@/components/runs/json-viewer";
import type { Approval } from "./types";
import { Time } from "@/components/ui/time";

const OUTCOME: Record<string, { label: string; tone: "green" | "red" | "slate" | "amber" }> = {
  approved: { label: "Approved", tone: "green" },
  rejected: { label: "Rejected", tone: "red" },
  expired: { label: "Timed out", tone: "amber" },
  cancelled: { label: "Cancelled", tone: "slate" },
};

/** Decisions made: what, who, when, with the comment and any edited output. */
export function DecidedHistory({ approvals, who }: { approvals: Approval[]; who: (userId: string | null, a: Approval) => string }) {
  const { workspace } = useWorkspace();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="decided-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">Item</th>
            <th scope="col" className="px-4 py-2.5">Outcome</th>
            <th scope="col" className="px-4 py-2.5">Decided by</th>
            <th scope="col" className="px-4 py-2.5">When</th>
            <th scope="col" className="px-4 py-2.5">Comment · output</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {approvals.map((a) => {
            const o = OUTCOME[a.status] ?? { label: a.status, tone: "slate" as const };
            return (
              <tr key={a.id} className="align-top" data-testid={`decided-${a.id}`}>
                <td className="max-w-72 px-4 py-2.5">
                  <span className="block font-medium text-slate-900">{a.title}</span>
                  {a.runId && (
                    <span className="text-xs text-slate-500">
                      Run{" "}
                      <Link href={`/w/${workspace.slug}/runs/${a.runId}`} className="font-mono text-brand-700 hover:underline">
                        …{a.runId.slice(-8)}
                      </Link>
                      {a.nodeId ? ` · ${a.nodeId}` : ""}
                    </span>
                  )}
                </td>
                <td className="px-4 py-2.5">
                  <Badge tone={o.tone}>{o.label}</Badge>
                </td>
                <td className="px-4 py-2.5 text-slate-700" data-testid="decided-by">
                  {who(a.decidedById, a)}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
                  <Time value={a.decidedAt ?? a.createdAt} mode="absolute" />
                </td>
                <td className="max-w-80 px-4 py-2.5 text-slate-700">
                  {a.comment ? <p className="whitespace-pre-wrap break-words">{a.comment}</p> : <span className="text-slate-500">No comment</span>}
                  {a.output != null && (
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-brand-700">Edited output</summary>
                      <div className="mt-1">
                        <JsonViewer value={a.output} openDepth={1} />
                      </div>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
