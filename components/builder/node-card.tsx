"use client";

import { Handle, Position } from "@xyflow/react";
import { useCanvasMarks } from "./canvas-context";
import { NODE_REGISTRY, NodeIcon } from "./registry";
import type { TDraftNode } from "./types";

const DIFF_STYLE = {
  added: { ring: "ring-2 ring-emerald-500", label: "Added", badge: "bg-emerald-700 text-white" },
  removed: { ring: "ring-2 ring-red-500 opacity-70", label: "Removed", badge: "bg-red-600 text-white" },
  changed: { ring: "ring-2 ring-amber-500", label: "Changed", badge: "bg-amber-700 text-white" },
} as const;

/** The card every node type draws: icon, id, type, a one-line summary, problem and diff marks. */
export function NodeCard({ spec, selected }: { spec: TDraftNode; selected: boolean }) {
  const info = NODE_REGISTRY[spec.type];
  const { problems, diff } = useCanvasMarks();
  const count = problems.get(spec.id) ?? 0;
  const mark = diff?.get(spec.id);
  const border = count > 0 ? "border-red-500" : selected ? "border-brand-500" : "border-slate-300";
  return (
    <div
      data-testid={`node-${spec.id}`}
      data-problems={count}
      data-diff={mark}
      className={`w-[220px] rounded-lg border-2 bg-white px-3 py-2 shadow-sm ${border} ${selected ? "shadow-md" : ""} ${mark ? DIFF_STYLE[mark].ring : ""}`}
    >
      <Handle type="target" position={Position.Left} className="!h-2.5 !w-2.5 !border-2 !border-white !bg-slate-500" />
      <div className="flex items-center gap-2">
        <NodeIcon type={spec.type} />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold leading-tight text-slate-900">{spec.id}</p>
          <p className="text-[11px] uppercase tracking-wide text-slate-500">{info.label}</p>
        </div>
        {count > 0 && (
          <span className="rounded-full bg-red-600 px-1.5 text-[11px] font-semibold text-white" title={`${count} problem(s)`}>
            {count}
          </span>
        )}
        {mark && <span className={`rounded px-1 text-[10px] font-semibold ${DIFF_STYLE[mark].badge}`}>{DIFF_STYLE[mark].label}</span>}
      </div>
      <p className="mt-1 truncate text-xs text-slate-600">{info.summary(spec)}</p>
      <Handle type="source" position={Position.Right} className="!h-2.5 !w-2.5 !border-2 !border-white !bg-slate-500" />
    </div>
  );
}
