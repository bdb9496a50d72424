"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { runKeys } from "./query-keys";
import { Badge } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useLiveConnected } from "@/components/shell/live-updates";
import { costOf, delegationKind, isMapItem, delegationStatus, groupByNode, summarise, type TDelegationNode, type TDelegationsPage } from "./delegation-types";
import { durationBetween, formatDuration, formatUsd, shortId } from "@/lib/format";
import { JsonViewer } from "./json-viewer";
import { Time } from "@/components/ui/time";

/** Items shown per node before "Show all" (a map may have a thousand). */
const FIRST = 25;

/**
 * The delegation tree of a run: each supervisor or map node → its delegations (agent, kind,
 * status, confidence, cost, the envelope sent and the result received) → the delegations inside
 * the child runs of saved-graph agents, to any depth. An escalation links to its inbox item; a
 * fallback says whom it stood in for.
 */
export function DelegationTree({ runId, live, nodeTypes }: { runId: string; live: boolean; nodeTypes: ReadonlyMap<string, string> }) {
  const { workspace } = useWorkspace();
  const pushed = useLiveConnected();
  const delegations = useQuery<TDelegationsPage>({
    queryKey: runKeys.delegations(workspace.slug, runId),
    queryFn: () => api<TDelegationsPage>(`/api/v1/runs/${runId}/delegations`, { workspace: workspace.slug }),
    refetchInterval: live && !pushed ? 2000 : false,
  });
  if (delegations.isPending) return <p className="text-sm text-slate-500">Loading delegations…</p>;
  if (delegations.isError) return <p className="text-sm text-red-700">Could not load the delegations: {delegations.error.message}</p>;
  const groups = groupByNode(delegations.data.data);
  if (groups.length === 0) return <p className="text-sm text-slate-500" data-testid="delegation-tree-empty">{live ? "No delegation yet." : "This run made no delegation."}</p>;
  return (
    <div className="space-y-4" data-testid="delegation-tree">
      {groups.map((g) => (
        <NodeGroup key={g.nodeId} nodeId={g.nodeId} type={nodeTypes.get(g.nodeId)} items={g.items} runId={runId} depth={0} />
      ))}
    </div>
  );
}

function NodeGroup({ nodeId, type, items, runId, depth }: { nodeId: string; type?: string; items: TDelegationNode[]; runId: string; depth: number }) {
  const [all, setAll] = useState(false);
  const sum = summarise(items);
  const shown = all ? items : items.slice(0, FIRST);
  // a map's items are delegations to the map node itself
  const isMap = type === "map" || items.every(isMapItem);
  return (
    <section aria-label={`${isMap ? "Items" : "Delegations"} of ${nodeId}`} data-testid={`delegations-${nodeId}`} data-depth={depth}>
      <header className="mb-1.5 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs">
        <h3 className="text-sm font-semibold text-slate-900">
          <span className="font-mono">{nodeId}</span> <span className="font-normal text-slate-500">{isMap ? "map" : type ?? "supervisor"}</span>
        </h3>
        <span className="text-slate-600">
          {sum.count} {isMap ? (sum.count === 1 ? "item" : "items") : sum.count === 1 ? "delegation" : "delegations"}
          {" · "}
          {Object.entries(sum.byStatus)
            .map(([s, n]) => `${n} ${delegationStatus(s).label.toLowerCase()}`)
            .join(", ")}
          {" · "}
          {formatUsd(sum.costUsd)}
        </span>
      </header>
      <ol className="space-y-1.5 border-l-2 border-slate-200 pl-3">
        {shown.map((d) => (
          <DelegationRow key={d.id} d={d} runId={runId} depth={depth} />
        ))}
      </ol>
      {items.length > shown.length && (
        <button type="button" className="mt-1 pl-3 text-xs font-medium text-brand-700 hover:underline" onClick={() => setAll(true)}>
          Show all {items.length}
        </button>
      )}
    </section>
  );
}

function DelegationRow({ d, runId, depth }: { d: TDelegationNode; runId: string; depth: number }) {
  const { workspace } = useWorkspace();
  const base = `/w/${workspace.slug}`;
  const s = delegationStatus(d.status);
  const confidence = d.confidence ?? d.result?.confidence ?? null;
  const children = d.children ?? [];
  return (
    <li className="rounded-md border border-slate-200 bg-white" data-testid={`delegation-${d.nodeId}-${d.seq}`} data-status={d.status}>
      <details>
        <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-xs hover:bg-slate-50">
          <Badge tone={s.tone}>
            <span aria-hidden className="mr-1">
              {s.icon}
            </span>
            <span data-testid="delegation-status">{s.label}</span>
          </Badge>
          <span className="font-mono text-sm font-medium text-slate-900">{isMapItem(d) ? `#${d.seq}` : d.agent}</span>
          <span className="text-slate-500">{delegationKind(d.kind)}</span>
          {d.turn != null && <span className="text-slate-500">turn {d.turn}</span>}
          {d.fallbackFor && (
            <span className="text-amber-800" data-testid="delegation-fallback">
              stood in for <span className="font-mono">{d.fallbackFor}</span>
            </span>
          )}
          <span className="min-w-0 flex-1 truncate text-slate-700" title={d.request?.task}>
            {d.request?.task}
          </span>
          <span className="tabular-nums text-slate-600" title="Confidence the agent reported">
            {confidence == null ? "—" : `${Math.round(confidence * 100)}% sure`}
          </span>
          <span className="tabular-nums text-slate-600">{formatUsd(costOf(d))}</span>
          <span className="tabular-nums text-slate-500">{formatDuration(durationBetween(d.startedAt, d.endedAt))}</span>
        </summary>
        <div className="grid gap-3 border-t border-slate-100 px-3 py-2 text-xs lg:grid-cols-2">
          <Envelope title="Request">
            <Fact label="Task">{d.request?.task ?? "—"}</Fact>
            {d.request?.constraints?.length ? (
              <Fact label="Constraints">
                <ul className="list-inside list-disc">
                  {d.request.constraints.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              </Fact>
            ) : null}
            <Fact label="Budget">
              {d.request?.budget?.usd != null ? formatUsd(d.request.budget.usd) : "—"}
              {d.request?.budget?.maxTurns != null ? ` · ${d.request.budget.maxTurns} turns` : ""}
            </Fact>
            <Fact label="Deadline">
              <Time value={d.request?.deadline} mode="absolute" />
            </Fact>
            {d.request?.context !== undefined && d.request?.context !== null && (
              <Fact label="Context">
                <JsonViewer value={d.request.context} openDepth={1} label="Context" />
              </Fact>
            )}
          </Envelope>
          <Envelope title="Result">
            {!d.result ? (
              <p className="text-slate-500">{d.status === "running" ? "Not answered yet." : d.status === "unavailable" ? "Not sent: its breaker was open." : "No result recorded."}</p>
            ) : (
              <>
                <Fact label="Rationale">{d.result.rationale || "—"}</Fact>
                <Fact label="Output">{d.result.output === undefined ? "—" : <JsonViewer value={d.result.output} openDepth={1} label="Output" />}</Fact>
              </>
            )}
          </Envelope>
        </div>
      </details>
      {(d.approvalId || d.childRunId) && (
        <div className="flex flex-wrap gap-x-4 border-t border-slate-100 px-3 py-1.5 text-xs">
          {d.approvalId && (
            <Link href={`${base}/approvals?runId=${runId}&item=${d.approvalId}`} className="font-medium text-amber-800 underline" data-testid="delegation-escalation">
              ⚑ Escalation in the inbox ({shortId(d.approvalId)})
            </Link>
          )}
          {d.childRunId && (
            <Link href={`${base}/runs/${d.childRunId}`} className="font-medium text-brand-700 hover:underline" data-testid="delegation-child-run">
              Nested run {shortId(d.childRunId)} →
            </Link>
          )}
        </div>
      )}
      {children.length > 0 && d.childRunId && (
        <div className="border-t border-slate-100 px-3 py-2">
          {groupByNode(children).map((g) => (
            <NodeGroup key={g.nodeId} nodeId={g.nodeId} items={g.items} runId={d.childRunId!} depth={depth + 1} />
          ))}
        </div>
      )}
    </li>
  );
}

function Envelope({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 space-y-1.5">
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[5.5rem_1fr] gap-2">
      <span className="text-slate-500">{label}</span>
      <div className="min-w-0 text-slate-800">{children}</div>
    </div>
  );
}
