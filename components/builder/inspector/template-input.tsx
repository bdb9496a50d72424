"use client";

import { useId, useMemo, useRef, useState } from "react";
import type { TProblem } from "../types";
import { FieldShell, inputClass } from "./fields";

/** The `{{` being typed before the caret, if any: where its path starts and what is typed so far. */
function openTag(text: string, caret: number): { start: number; partial: string } | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf("{{");
  if (open === -1 || before.indexOf("}}", open) !== -1) return null;
  const partial = before.slice(open + 2);
  if (/[\s}]/.test(partial.trimStart())) return null;
  return { start: open + 2 + (partial.length - partial.trimStart().length), partial: partial.trimStart() };
}

/**
 * A template editor (`{{input.*}}`, `{{nodes.<id>.output.*}}`, `{{secrets.*}}`): typing `{{`
 * opens completions of what this node may read; the chips below insert them at the caret.
 */
export function TemplateInput({ label, value, onChange, problems, suggestions, rows = 4, disabled, testid, hint }: {
  label: string;
  value: string | undefined;
  onChange(value: string | undefined): void;
  problems?: readonly TProblem[];
  /** Paths this node may read, without braces: `input.requestId`, `nodes.intake.output`. */
  suggestions: readonly string[];
  rows?: number;
  disabled?: boolean;
  testid?: string;
  hint?: React.ReactNode;
}) {
  const id = useId();
  const listId = `${id}-completions`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [tag, setTag] = useState<{ start: number; partial: string } | null>(null);
  const [active, setActive] = useState(0);
  const text = value ?? "";
  const matches = useMemo(() => {
    if (!tag) return [];
    const q = tag.partial.toLowerCase();
    return suggestions.filter((s) => s.toLowerCase().startsWith(q) && s !== tag.partial).concat(suggestions.filter((s) => !s.toLowerCase().startsWith(q) && s.toLowerCase().includes(q))).slice(0, 8);
  }, [tag, suggestions]);

  const refresh = (el: HTMLTextAreaElement) => {
    setTag(openTag(el.value, el.selectionStart));
    setActive(0);
  };

  const insert = (path: string, at?: { start: number; end: number }) => {
    const el = ref.current;
    const caret = el?.selectionStart ?? text.length;
    const range = at ?? { start: caret, end: el?.selectionEnd ?? caret };
    const piece = at ? `${path}}}` : `{{${path}}}`;
    const next = text.slice(0, range.start) + piece + text.slice(range.end);
    onChange(next);
    setTag(null);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const pos = range.start + piece.length;
      el.setSelectionRange(pos, pos);
    });
  };

  const open = tag !== null && matches.length > 0;
  return (
    <FieldShell id={id} label={label} problems={problems} testid={testid} hint={hint}>
      <div className="relative">
        <textarea
          ref={ref}
          id={id}
          rows={rows}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
          value={text}
          disabled={disabled}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={!!problems?.length}
          onChange={(e) => {
            onChange(e.target.value === "" ? undefined : e.target.value);
            refresh(e.target);
          }}
          onClick={(e) => refresh(e.currentTarget)}
          onBlur={() => setTimeout(() => setTag(null), 150)}
          onKeyDown={(e) => {
            if (!open) return;
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => (a + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
            } else if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              const caret = e.currentTarget.selectionStart;
              insert(matches[active]!, { start: tag!.start, end: caret });
            } else if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              setTag(null);
            }
          }}
        />
        {open && (
          <ul id={listId} role="listbox" aria-label="Template completions" className="absolute left-0 right-0 top-full z-20 mt-1 max-h-48 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-xs shadow-lg">
            {matches.map((m, i) => (
              <li
                key={m}
                role="option"
                aria-selected={i === active}
                className={`cursor-pointer px-2 py-1 font-mono ${i === active ? "bg-brand-50 text-brand-700" : "text-slate-700"}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  insert(m, { start: tag!.start, end: ref.current?.selectionStart ?? text.length });
                }}
              >
                {`{{${m}}}`}
              </li>
            ))}
          </ul>
        )}
      </div>
      {!disabled && suggestions.length > 0 && (
        <div className="flex flex-wrap gap-1 pt-0.5" aria-label="Insert a reference">
          {suggestions.slice(0, 4).map((s) => (
            <button key={s} type="button" onClick={() => insert(s)} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[10px] text-slate-700 hover:bg-brand-50 hover:text-brand-700">
              {`{{${s}}}`}
            </button>
          ))}
        </div>
      )}
    </FieldShell>
  );
}

/** What a node's templates may read: input fields, upstream outputs (with their declared fields), secrets, the run id. */
export function templateSuggestions(input: unknown, upstream: ReadonlyArray<{ id: string; output?: unknown }>): string[] {
  const out: string[] = [];
  for (const node of upstream) {
    out.push(`nodes.${node.id}.output`);
    const child = node.output as { properties?: Record<string, unknown> } | undefined;
    for (const key of Object.keys(child?.properties ?? {})) out.push(`nodes.${node.id}.output.${key}`);
  }
  out.push("input");
  const props = (schema: unknown): string[] => {
    const p = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
    return p && typeof p === "object" ? Object.keys(p) : [];
  };
  for (const key of props(input)) {
    out.push(`input.${key}`);
    const child = (input as { properties: Record<string, unknown> }).properties[key];
    for (const sub of props(child)) out.push(`input.${key}.${sub}`);
  }
  out.push("run.id", "secrets.");
  return out;
}
