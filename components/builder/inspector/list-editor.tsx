"use client";

import type { TProblem } from "../types";
import { problemDetail, problemsAt } from "./fields";

const iconButton =
  "grid h-6 w-6 place-items-center rounded text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-30 disabled:hover:bg-transparent";

/** Problems about the list itself (`routes: needs at least one route`), not about one entry. */
const listLevel = (problems: readonly TProblem[], field: string) => problems.filter((p) => p.field === field);

/**
 * An ordered list of structured entries (router routes, supervisor agents): one card per entry
 * with move up/down and remove, an add button, and the validator's messages — those about the
 * list under its label, those about an entry inside that entry's card (via `problemsOf`).
 */
export function ListEditor<T>({ label, field, items, problems, noun, newItem, onChange, disabled, testid, children }: {
  label: string;
  /** The spec field holding the list, e.g. `routes`; problems are matched by `routes[i]…`. */
  field: string;
  items: readonly T[];
  problems: readonly TProblem[];
  /** What one entry is called: "route" → "Route 2", "Add a route". */
  noun: string;
  newItem(): T;
  onChange(items: T[]): void;
  disabled?: boolean;
  testid?: string;
  /** Draws entry `index`; `problemsOf("when")` are the problems at `field[index].when`. */
  children(item: T, index: number, update: (next: T) => void, problemsOf: (key: string) => TProblem[]): React.ReactNode;
}) {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const move = (from: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
  };
  const own = listLevel(problems, field);
  return (
    <fieldset className="min-w-0 space-y-2" data-testid={testid} data-invalid={own.length > 0 || undefined} disabled={disabled}>
      <legend className="mb-1 text-xs font-medium text-slate-700">{label}</legend>
      {own.map((p, i) => (
        <p key={i} className="text-xs text-red-600" role="note">
          {problemDetail(p)}
        </p>
      ))}
      <ol className="space-y-2">
        {items.map((item, i) => {
          const at = `${field}[${i}]`;
          const invalid = problemsAt(problems, at).length > 0;
          return (
            <li key={i} data-testid={testid ? `${testid}-${i}` : undefined} className={`rounded-md border p-2 ${invalid ? "border-red-300 bg-red-50/30" : "border-slate-200 bg-slate-50/50"}`}>
              <div className="mb-1.5 flex items-center gap-1">
                <span className="flex-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
                  {Noun} {i + 1}
                </span>
                <button type="button" className={iconButton} aria-label={`Move ${noun} ${i + 1} up`} title="Move up" disabled={disabled || i === 0} onClick={() => move(i, i - 1)}>
                  ↑
                </button>
                <button type="button" className={iconButton} aria-label={`Move ${noun} ${i + 1} down`} title="Move down" disabled={disabled || i === items.length - 1} onClick={() => move(i, i + 1)}>
                  ↓
                </button>
                <button type="button" className={iconButton} aria-label={`Remove ${noun} ${i + 1}`} title="Remove" disabled={disabled} onClick={() => onChange(items.filter((_, j) => j !== i))}>
                  ✕
                </button>
              </div>
              <div className="space-y-2">
                {children(
                  item,
                  i,
                  (next) => onChange(items.map((old, j) => (j === i ? next : old))),
                  (key) => problemsAt(problems, `${at}.${key}`),
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {!disabled && (
        <button type="button" onClick={() => onChange([...items, newItem()])} className="w-full rounded-md border border-dashed border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:border-brand-500 hover:bg-brand-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
          + Add {/^[aeiou]/i.test(noun) ? "an" : "a"} {noun}
        </button>
      )}
    </fieldset>
  );
}
