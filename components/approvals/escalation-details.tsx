"use client";

import { JsonViewer } from "@/components/runs/json-viewer";
import type { EscalationContext } from "./types";

/**
 * What a supervisor could not settle, laid out for the person deciding it: the question, the
 * sub-agent's rationale, the task it was given, the request's context, what the other
 * delegations produced so far, and the output that stands unless edited.
 */
export function EscalationDetails({ context }: { context: EscalationContext }) {
  const partial = Object.entries(context.partialOutputs ?? {});
  return (
    <div className="space-y-3" data-testid="escalation-details">
      {context.question && (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <span className="font-medium">Needs a person: </span>
          {context.question}
        </p>
      )}
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
        {context.agent && (
          <>
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Sub-agent</dt>
            <dd className="font-mono text-slate-800">{context.agent}</dd>
          </>
        )}
        {context.rationale && (
          <>
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Rationale</dt>
            <dd className="whitespace-pre-wrap text-slate-800" data-testid="escalation-rationale">
              {context.rationale}
            </dd>
          </>
        )}
        {context.task && (
          <>
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Task</dt>
            <dd className="whitespace-pre-wrap text-slate-800">{context.task}</dd>
          </>
        )}
      </dl>
      {context.requestContext !== undefined && context.requestContext !== null && (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Context given to the sub-agent</h3>
          <Readable value={context.requestContext} label="Request context" />
        </section>
      )}
      {partial.length > 0 && (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Partial outputs</h3>
          <ul className="space-y-2">
            {partial.map(([agent, output]) => (
              <li key={agent}>
                <p className="mb-0.5 font-mono text-xs text-slate-600">{agent}</p>
                <Readable value={output} label={`Output of ${agent}`} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {context.subAgentOutput !== undefined && (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Proposed output{context.agent ? ` of ${context.agent}` : ""}</h3>
          <Readable value={context.subAgentOutput} label="Proposed output" />
        </section>
      )}
    </div>
  );
}

/** Short text and flat records read as text; anything deeper opens in the JSON tree. */
function Readable({ value, label }: { value: unknown; label: string }) {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return <p className="whitespace-pre-wrap rounded-md bg-slate-50 px-2.5 py-1.5 text-sm text-slate-800">{value === null ? "—" : String(value)}</p>;
  }
  const entries = !Array.isArray(value) && typeof value === "object" ? Object.entries(value as Record<string, unknown>) : null;
  if (entries && entries.length <= 8 && entries.every(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v))) {
    return (
      <dl className="grid grid-cols-[minmax(6rem,max-content)_minmax(0,1fr)] gap-x-3 gap-y-0.5 rounded-md bg-slate-50 px-2.5 py-1.5 text-sm" aria-label={label}>
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-xs leading-5 text-slate-500">{k}</dt>
            <dd className="text-slate-800">{v === null ? "—" : String(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <JsonViewer value={value} label={label} />;
}
