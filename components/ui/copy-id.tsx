"use client";

import { useToast } from "./toast";

/**
 * A name shown to people, with the raw id it stands for one click away: the id is on hover
 * and a small button copies it (for the API, support, logs).
 *
 * @example
 * <Named id={run.graphId}>{graph.name}</Named>
 */
export function Named({ id, children, className }: { id: string; children?: React.ReactNode; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 ${className ?? ""}`}>
      <span title={id}>{children ?? id}</span>
      <CopyIdButton id={id} />
    </span>
  );
}

/** A button that copies an id to the clipboard and says so. */
export function CopyIdButton({ id }: { id: string }) {
  const toast = useToast();
  return (
    <button
      type="button"
      className="inline-flex h-5 w-5 shrink-0 items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
      aria-label={`Copy id ${id}`}
      title={`Copy id ${id}`}
      data-copy-id={id}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        navigator.clipboard?.writeText(id).then(
          () => toast("success", "Id copied."),
          () => toast("error", `Copy failed: the id is ${id}.`),
        );
      }}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
        <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
        <path d="M10.5 5.5v-2A1.5 1.5 0 0 0 9 2H3.5A1.5 1.5 0 0 0 2 3.5V9a1.5 1.5 0 0 0 1.5 1.5h2" />
      </svg>
    </button>
  );
}
