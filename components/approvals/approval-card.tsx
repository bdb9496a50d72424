"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { formatUsd } from "@/lib/format";
import { JsonViewer } from "@/components/runs/json-viewer";
import { StatusBadge } from "@/components/runs/status-badge";
import { isSimulatedRun, SimulatedBadge } from "@/components/runs/simulated";
import type { RunDetail } from "@/components/runs/types";
import { EscalationDetails } from "./escalation-details";
import { ItemHistory } from "./item-history";
import { ChainLevel, TimeLeft } from "./item-sla";
import { ReassignForm } from "./reassign-form";
import type { Approval, Decision, EscalationContext, Member } from "./types";
import { Time } from "@/components/ui/time";

const KIND_LABEL: Record<Approval["kind"], string> = { approval: "Approval", budget: "Budget pause", escalation: "Escalation", forecast: "Forecast over threshold" };
const KIND_TONE = { approval: "blue", budget: "amber", escalation: "red", forecast: "amber" } as const satisfies Record<Approval["kind"], string>;

/** One pending inbox item: what it is about, who may decide, and the decision form. */
export function ApprovalCard({
  approval,
  now,
  selected,
  onSelect,
  onDecide,
  deciding,
  assignees,
  hidden,
  members = [],
  nameOf = () => "a member",
}: {
  approval: Approval;
  now: number;
  selected: boolean;
  onSelect: (checked: boolean) => void;
  onDecide: (d: Decision) => void;
  deciding: boolean;
  assignees: string;
  /** hidden (not unmounted) while its decision is in flight, so a refused decision comes back as typed */
  hidden?: boolean;
  /** the workspace's members (reassignment) */
  members?: Member[];
  nameOf?: (userId: string) => string;
}) {
  const { workspace, can } = useWorkspace();
  const mayDecide = approval.canDecide && can("approvals:decide");
  const [panel, setPanel] = useState<"history" | "reassign" | null>(null);
  const base = `/w/${workspace.slug}`;
  const escalation = approval.kind === "escalation" && !!approval.context && typeof approval.context === "object" ? (approval.context as EscalationContext) : null;
  return (
    <article hidden={hidden} className={`rounded-lg border bg-white shadow-sm ${selected ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200"}`} data-testid={`approval-${approval.id}`} aria-label={approval.title}>
      <header className="flex items-start gap-3 border-b border-slate-100 px-4 py-3">
        {mayDecide && (
          <input
            type="checkbox"
            className="mt-1 h-4 w-4 rounded border-slate-300 accent-brand-600"
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={`Select ${approval.title}`}
          />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-sm font-semibold text-slate-900">{approval.title}</h2>
            <Badge tone={KIND_TONE[approval.kind]}>{KIND_LABEL[approval.kind]}</Badge>
            {approval.runId && <SimulatedLabel runId={approval.runId} />}
          </div>
          <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
            {approval.runId && (
              <span>
                Run{" "}
                <Link href={`${base}/runs/${approval.runId}`} className="font-mono text-brand-700 hover:underline">
                  …{approval.runId.slice(-8)}
                </Link>
                {approval.nodeId && (
                  <>
                    {" "}
                    · node <span className="font-mono text-slate-700">{approval.nodeId}</span>
                  </>
                )}
              </span>
            )}
            <span>
              opened <Time value={approval.createdAt} now={now} />
            </span>
            <span>for {assignees}</span>
            {approval.minApprovals > 1 && (
              <span data-testid="approval-votes">
                {approval.approvals} of {approval.minApprovals} approvals
              </span>
            )}
          </p>
          {approval.escalationChain?.length ? (
            <p className="mt-0.5 text-xs text-slate-600">
              <ChainLevel approval={approval} now={now} nameOf={nameOf} />
            </p>
          ) : null}
          {approval.assignmentNote && <p className="mt-1 text-xs text-amber-800" data-testid="assignment-note">{approval.assignmentNote}</p>}
        </div>
        <div className="shrink-0 text-right text-xs">
          <TimeLeft dueAt={approval.dueAt} now={now} />
          {approval.runId && <RunCost runId={approval.runId} />}
        </div>
      </header>
      <div className="grid gap-4 px-4 py-3 md:grid-cols-[minmax(0,1fr)_320px]">
        <div className="min-w-0">
          {approval.kind === "forecast" && <ForecastSummary context={approval.context as ForecastContext} />}
          {escalation ? (
            <EscalationDetails context={escalation} />
          ) : (
            <>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Context</h3>
              {approval.context == null ? <p className="text-xs text-slate-500">The node declared no context.</p> : <JsonViewer value={approval.context} label="Context" />}
            </>
          )}
        </div>
        {mayDecide ? (
          <DecisionForm
            title={approval.title}
            onDecide={onDecide}
            deciding={deciding}
            startGate={approval.kind === "forecast"}
            proposed={escalation ? { output: escalation.subAgentOutput, schema: escalation.outputSchema, agent: escalation.agent } : undefined}
          />
        ) : (
          <p className="self-start rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
            {can("approvals:decide") ? `Assigned to ${assignees}; you cannot decide it.` : "Your role can read the inbox but not decide. An approver, admin or owner decides these."}
          </p>
        )}
      </div>
      <footer className="border-t border-slate-100 px-4 py-2">
        <div className="flex gap-3 text-xs">
          <button type="button" className="font-medium text-brand-700 hover:underline" aria-expanded={panel === "history"} onClick={() => setPanel(panel === "history" ? null : "history")}>
            {panel === "history" ? "Hide history" : "History"}
          </button>
          {approval.canReassign && (
            <button type="button" className="font-medium text-brand-700 hover:underline" aria-expanded={panel === "reassign"} onClick={() => setPanel(panel === "reassign" ? null : "reassign")}>
              {panel === "reassign" ? "Cancel reassigning" : "Reassign…"}
            </button>
          )}
        </div>
        {panel === "history" && (
          <div className="mt-2">
            <ItemHistory approvalId={approval.id} now={now} nameOf={nameOf} />
          </div>
        )}
        {panel === "reassign" && (
          <div className="mt-2">
            <ReassignForm approvalId={approval.id} members={members} onDone={() => setPanel("history")} />
          </div>
        )}
      </footer>
    </article>
  );
}

/** "Simulated" when the item's run was answered by sim:* models (its context came from them). */
function SimulatedLabel({ runId }: { runId: string }) {
  const run = useWorkspaceQuery<RunDetail>(["runs", "detail", runId], `/api/v1/runs/${runId}`);
  return isSimulatedRun(run.data?.nodes) ? <SimulatedBadge what="Simulated models" /> : null;
}

/** The cost the run has spent so far and its status (shared cache with the run view). */
function RunCost({ runId }: { runId: string }) {
  const run = useWorkspaceQuery<RunDetail>(["runs", "detail", runId], `/api/v1/runs/${runId}`);
  if (!run.data) return null;
  return (
    <div className="mt-1 flex items-center justify-end gap-2 text-slate-500">
      <span>
        cost so far <span className="font-medium tabular-nums text-slate-800">{formatUsd(run.data.costUsd)}</span>
      </span>
      <StatusBadge status={run.data.status} />
    </div>
  );
}

/** Context of a `forecast` item (lib/runtime/interpret-run.ts, forecast gate). */
interface ForecastContext {
  forecast: {
    p50Usd: string;
    p90Usd: string;
    basis: "history" | "estimate";
    runs: number;
    simulated: boolean;
    /** `outputBasis` is absent on forecasts made before it was recorded (p50 then assumed a quarter of each output limit). */
    perNode: { nodeId: string; modelId: string; p50Usd: string; p90Usd: string; outputBasis?: "history" | "model-history" | "prior" }[];
  } | null;
  forecastError: string | null;
  thresholdUsd: string;
  graph: { id: string; name: string; version: number };
}

/** What the run is expected to cost against the graph's threshold, before anything ran. */
function ForecastSummary({ context }: { context: ForecastContext | null }) {
  if (!context) return null;
  const f = context.forecast;
  return (
    <div className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="forecast-gate">
      {f ? (
        <>
          <p>
            Forecast <strong className="tabular-nums">{formatUsd(Number(f.p90Usd))}</strong> (p90; median {formatUsd(Number(f.p50Usd))}) exceeds the threshold{" "}
            <strong className="tabular-nums">{formatUsd(Number(context.thresholdUsd))}</strong> set on {context.graph.name} v{context.graph.version}. Nothing has run yet.
          </p>
          <p className="mt-1 text-xs text-amber-800">
            {f.basis === "history" ? `From the last ${f.runs} runs of this version, scaled by input size.` : estimateNote(f.perNode)}
            {f.simulated && " Simulated models: simulated dollars."}
          </p>
          {f.perNode.length > 0 && (
            <ul className="mt-1 space-y-0.5 text-xs">
              {[...f.perNode]
                .sort((a, b) => Number(b.p90Usd) - Number(a.p90Usd))
                .slice(0, 5)
                .map((n) => (
                  <li key={n.nodeId}>
                    <span className="font-mono">{n.nodeId}</span> on <span className="font-mono">{n.modelId}</span>: {formatUsd(Number(n.p50Usd))} – {formatUsd(Number(n.p90Usd))}
                  </li>
                ))}
            </ul>
          )}
        </>
      ) : (
        <p>
          No forecast could be made ({context.forecastError}); the graph asks for approval above {formatUsd(Number(context.thresholdUsd))}. Nothing has run yet.
        </p>
      )}
      <p className="mt-1 text-xs font-medium">Approve to start the run; reject to end it without running any node.</p>
    </div>
  );
}

/** How an estimate (no history of the version) was made, from what each node's median rests on. */
function estimateNote(perNode: NonNullable<ForecastContext["forecast"]>["perNode"]): string {
  const models = (b: string) => [...new Set(perNode.filter((n) => n.outputBasis === b).map((n) => n.modelId))];
  const seen = models("model-history");
  const prior = models("prior");
  const median = [seen.length ? `the typical output of this workspace's calls of ${seen.join(", ")}` : "", prior.length ? `a default for ${prior.join(", ")} (not called here yet)` : ""].filter(Boolean).join("; ");
  return `An estimate — this version has too few runs for history: counted prompts; median from ${median || "a share of each output limit"}; p90 with every call using its whole output limit.`;
}

/**
 * Comment, optional edited output (JSON, checked before sending — against the output schema
 * when the item carries one), approve / reject. A start gate has no output to edit. An
 * escalation starts the editor from the sub-agent's proposed output: approved, the edit stands
 * in for it.
 */
function DecisionForm({
  title,
  onDecide,
  deciding,
  startGate = false,
  proposed,
}: {
  title: string;
  onDecide: (d: Decision) => void;
  deciding: boolean;
  startGate?: boolean;
  proposed?: { output: unknown; schema?: Record<string, unknown>; agent?: string };
}) {
  const [comment, setComment] = useState("");
  const [editing, setEditing] = useState(false);
  const [output, setOutput] = useState(() => (proposed && proposed.output !== undefined ? JSON.stringify(proposed.output, null, 2) : "{\n  \n}"));
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const submit = async (decision: Decision["decision"]) => {
    let parsed: unknown = undefined;
    if (editing) {
      try {
        parsed = JSON.parse(output);
      } catch (e) {
        setError(`Not valid JSON: ${(e as Error).message}`);
        return;
      }
      if (decision === "approve" && proposed?.schema) {
        const problem = await checkAgainstSchema(proposed.schema, parsed);
        if (problem) {
          setError(`Does not match the output schema: ${problem}`);
          return;
        }
      }
    }
    setError(null);
    onDecide({ decision, comment: comment.trim() || undefined, ...(editing ? { output: parsed } : {}) });
  };
  return (
    <form className="space-y-2" onSubmit={(e) => e.preventDefault()} aria-label={`Decide ${title}`}>
      <label className="block">
        <span className="mb-1 block text-xs font-medium text-slate-600">Comment (optional)</span>
        <textarea
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={4000}
          className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
          placeholder="Why — kept in the history and passed to the run"
        />
      </label>
      {!startGate && (
        <label className="flex items-center gap-2 text-xs text-slate-700">
          <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={editing} onChange={(e) => setEditing(e.target.checked)} />
          {proposed ? `Edit the output: approved, it replaces ${proposed.agent ? `${proposed.agent}'s` : "the proposed one"}` : "Edit the output the run continues with"}
        </label>
      )}
      {editing && (
        <label className="block">
          <span className="mb-1 block text-xs font-medium text-slate-600">Output (JSON)</span>
          <textarea
            rows={proposed ? 8 : 5}
            value={output}
            onChange={(e) => {
              setOutput(e.target.value);
              setError(null);
            }}
            aria-invalid={!!error}
            aria-describedby={error ? errorId : undefined}
            spellCheck={false}
            className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500"
          />
          {error && (
            <span id={errorId} className="mt-1 block text-xs text-red-600">
              {error}
            </span>
          )}
        </label>
      )}
      <div className="flex gap-2">
        <Button type="button" size="sm" className="flex-1 !bg-emerald-700 hover:!bg-emerald-800" disabled={deciding} onClick={() => void submit("approve")}>
          {startGate ? "Approve and start" : "Approve"}
        </Button>
        <Button type="button" size="sm" variant="danger" className="flex-1" disabled={deciding} onClick={() => void submit("reject")}>
          {startGate ? "Reject — don't run" : "Reject"}
        </Button>
      </div>
    </form>
  );
}

/** The first way `value` breaks `schema` ("/price: must be number"), or null when it matches. */
async function checkAgainstSchema(schema: Record<string, unknown>, value: unknown): Promise<string | null> {
  const { default: Ajv } = await import("ajv");
  try {
    const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);
    if (validate(value)) return null;
    const e = validate.errors?.[0];
    return e ? `${e.instancePath || "(the output)"} ${e.message ?? "is invalid"}` : "is invalid";
  } catch {
    // a schema the browser cannot compile is checked by the run instead
    return null;
  }
}
