"use client";

import { memo, useState } from "react";
import type { TProblem } from "./types";

/**
 * The problem list under the canvas: the exact messages the API returns. Clicking one selects
 * its node (or opens the graph settings).
 */
export const ProblemsPanel = memo(function ProblemsPanel({ problems, source, checking, onPick }: {
  problems: readonly TProblem[];
  /** "client": checked while editing; "server": the API refused the last save. */
  source: "client" | "server";
  checking: boolean;
  onPick(problem: TProblem): void;
}) {
  const [open, setOpen] = useState(true);
  const count = problems.length;
  return (
    <section aria-label="Problems" data-testid="problems" className="shrink-0 border-t border-slate-200 bg-white">
      <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-xs font-medium text-slate-700 hover:bg-slate-50">
        <span aria-hidden>{open ? "▾" : "▸"}</span>
        {count === 0 ? (
          <span className="text-emerald-700">{checking ? "Checking…" : "No problems: the graph is valid"}</span>
        ) : (
          <span className="text-red-700" data-testid="problem-count">
            {count} problem{count === 1 ? "" : "s"}
            {source === "server" ? " — the server refused to save" : ""}
          </span>
        )}
      </button>
      {open && count > 0 && (
        <ul className="max-h-32 overflow-y-auto border-t border-slate-100 text-xs">
          {problems.map((p, i) => (
            <li key={`${p.path}-${i}`}>
              <button type="button" data-testid="problem" onClick={() => onPick(p)} className="flex w-full gap-2 px-3 py-1 text-left text-slate-800 hover:bg-red-50 focus-visible:bg-red-50">
                <span aria-hidden className="text-red-600">●</span>
                <span className="min-w-0 flex-1">
                  {p.message}
                  {p.line !== undefined && <span className="text-slate-500"> (line {p.line})</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
