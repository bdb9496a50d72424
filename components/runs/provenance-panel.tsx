"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { api } from "@/lib/client/api";

/** One record of GET /api/v1/runs/:id/provenance. */
export interface ProvenanceRecordView {
  seq: number;
  kind: "node" | "delegation" | "decision";
  nodeId: string | null;
  delegationId: string | null;
  approvalId: string | null;
  producer: Record<string, unknown>;
  outputHash: string;
  prevHash: string | null;
  hash: string;
  createdAt: string;
  inputs: { name: string; hash: string; source: { nodeId: string; seq: number } | null }[];
  childRunId: string | null;
  delegation: { id: string; agent: string; kind: string; status: string; seq: number; confidence: number | null } | null;
  approval: { id: string; title: string; status: string; decision: string | null } | null;
  superseded: boolean;
}

interface ProvenanceChain {
  runId: string;
  head: string | null;
  headSeq: number;
  parent: { runId: string; nodeId: string | null } | null;
  records: ProvenanceRecordView[];
}

interface Verification {
  ok: boolean;
  records: number;
  head: string | null;
  firstBroken?: { seq: number | null; kind: string | null; nodeId: string | null; delegationId: string | null; approvalId: string | null; reason: string };
}

/** `sha256:1a2b3c4d…9f0e` */
export function shortHash(hash: string | null): string {
  if (!hash) return "—";
  const hex = hash.replace(/^sha256:/, "");
  return `${hex.slice(0, 8)}…${hex.slice(-4)}`;
}

/** A hash, shortened, with a button that copies it whole. */
function Hash({ label, value }: { label: string; value: string | null }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-1">
      <code className="rounded bg-slate-100 px-1 font-mono text-[11px] text-slate-700" title={value ?? undefined}>
        {shortHash(value)}
      </code>
      {value && (
        <button
          type="button"
          className="rounded px-1 text-[11px] text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          aria-label={`Copy ${label}`}
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1200);
            });
          }}
        >
          {copied ? "copied" : "copy"}
        </button>
      )}
    </span>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 items-baseline justify-between gap-2">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 truncate text-right text-slate-800">{children}</dd>
    </div>
  );
}

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);

/** Who produced the output: agent, graph version, model and why that model, prompt template, person, sub-run. */
function Producer({ record, base }: { record: ProvenanceRecordView; base: string }) {
  const p = record.producer;
  const routing = p.routing as { reason?: string } | undefined;
  const template = str(p.promptTemplateHash);
  return (
    <dl className="space-y-1 text-xs">
      {str(p.agent) && <Row label="Agent">{str(p.agent)}</Row>}
      {record.delegation && (
        <Row label="Sub-agent">
          {record.delegation.agent} <span className="text-slate-500">({record.delegation.kind}, {record.delegation.status})</span>
        </Row>
      )}
      <Row label="Graph">
        <span className="font-mono">{str(p.graphId) ?? "—"}</span> v{str(p.graphVersion) ?? "?"}
      </Row>
      {str(p.model) && (
        <Row label="Model">
          <span className="font-mono">{str(p.model)}</span>
        </Row>
      )}
      {routing?.reason && <Row label="Routing">{routing.reason}</Row>}
      {template && (
        <Row label="Prompt template">
          <Hash label="prompt template hash" value={`sha256:${template}`} />
        </Row>
      )}
      {str(p.decidedBy) && <Row label="Decided by">{str(p.decidedBy)}</Row>}
      {record.approval && (
        <Row label="Inbox item">
          <Link className="text-brand-700 hover:underline" href={`${base}/approvals`}>
            {record.approval.decision ?? record.approval.status}
          </Link>
        </Row>
      )}
      {p.reused === true && <Row label="Reused">from the run this one reruns</Row>}
      {record.childRunId && (
        <Row label="Sub-run">
          <Link className="font-mono text-brand-700 hover:underline" href={`${base}/runs/${record.childRunId}`}>
            {record.childRunId}
          </Link>
        </Row>
      )}
    </dl>
  );
}

/** What the record read: the run's input, and each upstream output as a link to the node that produced it. */
function Inputs({ record, onSelectNode }: { record: ProvenanceRecordView; onSelectNode?: (nodeId: string) => void }) {
  if (!record.inputs.length) return <p className="text-xs text-slate-500">No inputs recorded.</p>;
  return (
    <ul className="space-y-1 text-xs" data-testid="provenance-inputs">
      {record.inputs.map((i) => (
        <li key={i.name} className="flex items-center justify-between gap-2">
          {i.source && onSelectNode ? (
            <button type="button" className="truncate text-brand-700 hover:underline" onClick={() => onSelectNode(i.source!.nodeId)} title={`Show ${i.source.nodeId}, which produced this input (record #${i.source.seq})`}>
              ← {i.name} <span className="text-slate-500">#{i.source.seq}</span>
            </button>
          ) : (
            <span className="truncate text-slate-700">{i.name === "input" ? "run input" : i.name}</span>
          )}
          <Hash label={`hash of ${i.name}`} value={i.hash} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Where a node's output came from, as its run's provenance chain records it: the producer, the
 * hashes (output, record, previous record), the inputs as links to the nodes that produced them,
 * the delegations it made (each with its sub-run), and a button that verifies the whole chain.
 */
export function ProvenancePanel({ runId, nodeId, onSelectNode }: { runId: string; nodeId: string; onSelectNode?: (nodeId: string) => void }) {
  const { workspace } = useWorkspace();
  const base = `/w/${workspace.slug}`;
  const chain = useWorkspaceQuery<ProvenanceChain>(["runs", "provenance", runId], `/api/v1/runs/${runId}/provenance`);
  const [verification, setVerification] = useState<Verification | { error: string } | null>(null);
  const [verifying, setVerifying] = useState(false);
  const records = chain.data?.records ?? [];
  const own = records.filter((r) => r.nodeId === nodeId && r.kind !== "delegation");
  const record = own[own.length - 1];
  const delegations = records.filter((r) => r.nodeId === nodeId && r.kind === "delegation");

  async function verify() {
    setVerifying(true);
    try {
      setVerification(await api<Verification>(`/api/v1/runs/${runId}/provenance/verify`, { workspace: workspace.slug }));
    } catch (err) {
      setVerification({ error: (err as Error).message });
    } finally {
      setVerifying(false);
    }
  }

  return (
    <div data-testid="provenance-panel" className="space-y-3">
      {chain.isPending ? (
        <p className="text-xs text-slate-500">Loading provenance…</p>
      ) : chain.isError ? (
        <p className="text-xs text-red-700">Could not load the provenance: {chain.error.message}</p>
      ) : !record ? (
        <p className="text-xs text-slate-500">No provenance record for this node yet: one is written when its output is.</p>
      ) : (
        <>
          <div className="flex items-center gap-2 text-xs">
            <Badge tone={record.kind === "decision" ? "amber" : "blue"}>{record.kind}</Badge>
            <span className="text-slate-600">
              record #{record.seq} of {chain.data!.headSeq}
            </span>
            {own.length > 1 && <span className="text-slate-500">({own.length - 1} earlier superseded)</span>}
          </div>
          <Producer record={record} base={base} />
          <dl className="space-y-1 text-xs">
            <Row label="Output hash">
              <Hash label="output hash" value={record.outputHash} />
            </Row>
            <Row label="Record hash">
              <Hash label="record hash" value={record.hash} />
            </Row>
            <Row label="Previous">
              <Hash label="previous record hash" value={record.prevHash} />
            </Row>
          </dl>
          <div>
            <h4 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Inputs</h4>
            <Inputs record={record} onSelectNode={onSelectNode} />
          </div>
        </>
      )}
      {delegations.length > 0 && (
        <div>
          <h4 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Delegations ({delegations.length})</h4>
          <ul className="space-y-1 text-xs" data-testid="provenance-delegations">
            {delegations.map((d) => (
              <li key={d.seq} className="rounded border border-slate-100 px-2 py-1">
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate">
                    #{d.seq} {d.delegation?.agent ?? str(d.producer.agent) ?? d.delegationId}{" "}
                    <span className="text-slate-500">{d.delegation?.status}</span>
                    {str(d.producer.model) && (
                      <span className="text-slate-500" data-testid="provenance-delegation-model">
                        {" "}
                        · {str(d.producer.model)}
                      </span>
                    )}
                  </span>
                  <Hash label="delegation output hash" value={d.outputHash} />
                </div>
                {d.childRunId && (
                  <Link className="font-mono text-brand-700 hover:underline" href={`${base}/runs/${d.childRunId}`}>
                    sub-run {d.childRunId} →
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {chain.data?.parent && (
        <p className="text-xs text-slate-600">
          This run is a sub-run of{" "}
          <Link className="font-mono text-brand-700 hover:underline" href={`${base}/runs/${chain.data.parent.runId}`}>
            {chain.data.parent.runId}
          </Link>
          {chain.data.parent.nodeId ? ` (node ${chain.data.parent.nodeId})` : ""}.
        </p>
      )}
      <div className="space-y-2 border-t border-slate-100 pt-2">
        <div className="flex items-center justify-between gap-2">
          <Button variant="secondary" size="sm" disabled={verifying} onClick={() => void verify()}>
            {verifying ? "Verifying…" : "Verify chain"}
          </Button>
          <span className="text-[11px] text-slate-500">
            head <Hash label="chain head" value={chain.data?.head ?? null} />
          </span>
        </div>
        {verification && <VerificationResult v={verification} onSelectNode={onSelectNode} />}
      </div>
    </div>
  );
}

function VerificationResult({ v, onSelectNode }: { v: Verification | { error: string }; onSelectNode?: (nodeId: string) => void }) {
  if ("error" in v) return <p className="rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">Could not verify: {v.error}</p>;
  if (v.ok) {
    return (
      <p role="status" data-testid="provenance-verified" className="rounded border border-emerald-200 bg-emerald-50 px-2 py-1 text-xs text-emerald-800">
        ✓ Chain intact: {v.records} record{v.records === 1 ? "" : "s"}, every hash and stored output matches.
      </p>
    );
  }
  const b = v.firstBroken!;
  return (
    <div role="alert" data-testid="provenance-broken" className="rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">
      <p className="font-medium">
        ✗ Broken{b.seq != null ? ` at record #${b.seq}` : ""}
        {b.nodeId ? (
          <>
            {" "}
            (node{" "}
            {onSelectNode ? (
              <button type="button" className="underline" onClick={() => onSelectNode(b.nodeId!)}>
                {b.nodeId}
              </button>
            ) : (
              b.nodeId
            )}
            )
          </>
        ) : null}
      </p>
      <p>{b.reason}</p>
    </div>
  );
}
