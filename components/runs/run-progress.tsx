import { STATUS_STYLE } from "./status";
import type { NodeRun, NodeStatus, SpecNode } from "./types";

const ORDER: NodeStatus[] = ["succeeded", "skipped", "failed", "cancelled", "running", "waiting", "paused", "queued"];
const DONE: NodeStatus[] = ["succeeded", "skipped", "failed", "cancelled"];

/** "7 of 12 nodes finished" with a stacked bar and a count per status. */
export function RunProgress({ spec, nodeRuns }: { spec: SpecNode[]; nodeRuns: NodeRun[] }) {
  const status = new Map(nodeRuns.map((n) => [n.nodeId, n.status]));
  const ids = spec.length ? spec.map((n) => n.id) : nodeRuns.map((n) => n.nodeId);
  const counts = new Map<NodeStatus, number>();
  for (const id of ids) {
    const s = (status.get(id) ?? "queued") as NodeStatus;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const total = ids.length || 1;
  const done = DONE.reduce((a, s) => a + (counts.get(s) ?? 0), 0);
  return (
    <div data-testid="run-progress">
      <div className="mb-1.5 flex items-baseline justify-between text-xs">
        <span className="font-medium text-slate-800">
          {done} of {ids.length} nodes finished
        </span>
        <span className="tabular-nums text-slate-500">{Math.round((done / total) * 100)}%</span>
      </div>
      <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={ids.length} aria-valuenow={done} aria-label="Nodes finished">
        {ORDER.filter((s) => s !== "queued").map((s) => {
          const c = counts.get(s) ?? 0;
          return c ? <span key={s} style={{ width: `${(c / total) * 100}%`, background: STATUS_STYLE[s].bar }} /> : null;
        })}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
        {ORDER.filter((s) => counts.get(s)).map((s) => (
          <li key={s} className="flex items-center gap-1">
            <span aria-hidden className="h-2 w-2 rounded-sm" style={{ background: STATUS_STYLE[s].bar }} />
            {counts.get(s)} {STATUS_STYLE[s].label.toLowerCase()}
          </li>
        ))}
      </ul>
    </div>
  );
}
