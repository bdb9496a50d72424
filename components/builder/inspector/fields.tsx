"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { TProblem } from "../types";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-slate-50 disabled:text-slate-600 aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50/40";

/** Problems whose field is `field` or inside it (`tool.url` is inside `tool`). */
export function problemsAt(problems: readonly TProblem[], field: string): TProblem[] {
  return problems.filter((p) => p.field !== undefined && (p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`)));
}

/** The detail of a problem without its path prefix (the field label already says where). */
export const problemDetail = (p: TProblem) => (p.path && p.message.startsWith(`${p.path}: `) ? p.message.slice(p.path.length + 2) : p.message);

export function FieldShell({ id, label, hint, problems = [], error, children, testid }: { id: string; label: string; hint?: React.ReactNode; problems?: readonly TProblem[]; error?: string; children: React.ReactNode; testid?: string }) {
  return (
    <div className="space-y-1" data-testid={testid} data-invalid={problems.length > 0 || !!error || undefined}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error && <p className="text-xs text-red-600">{error}</p>}
      {problems.map((p, i) => (
        <p key={i} id={i === 0 ? `${id}-problem` : undefined} className="text-xs text-red-600" role="note">
          {problemDetail(p)}
        </p>
      ))}
      {!error && problems.length === 0 && hint && <p className="text-[11px] text-slate-500">{hint}</p>}
    </div>
  );
}

/** What every field row takes: its label, the problems the validator found there, a hint. */
export interface TFieldProps {
  label: string;
  problems?: readonly TProblem[];
  hint?: React.ReactNode;
  disabled?: boolean;
  testid?: string;
}

/**
 * One labelled field row: gives the control its id and whether it is invalid, and draws the
 * label, the problems and the hint around it (every input below is built on it).
 */
export function Field({ label, problems, hint, testid, error, children }: Omit<TFieldProps, "disabled"> & { error?: string; children(id: string, invalid: boolean): React.ReactNode }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} problems={problems} error={error} testid={testid}>
      {children(id, !!error || !!problems?.length)}
    </FieldShell>
  );
}

export function TextInput({ value, onChange, placeholder, mono, disabled, options, ...field }: TFieldProps & {
  value: string | undefined;
  onChange(value: string | undefined): void;
  placeholder?: string;
  mono?: boolean;
  /** suggestions offered as the user types (free text stays allowed) */
  options?: readonly string[];
}) {
  return (
    <Field {...field}>
      {(id, invalid) => (
        <>
          <input
            id={id}
            className={`${inputClass} ${mono ? "font-mono text-xs" : ""}`}
            value={value ?? ""}
            placeholder={placeholder}
            disabled={disabled}
            aria-invalid={invalid}
            list={options?.length ? `${id}-options` : undefined}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          />
          {options?.length ? (
            <datalist id={`${id}-options`}>
              {options.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
          ) : null}
        </>
      )}
    </Field>
  );
}

export function NumberInput({ value, onChange, min, max, step, disabled, ...field }: TFieldProps & {
  value: unknown;
  onChange(value: number | undefined): void;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <Field {...field}>
      {(id, invalid) => (
        <input
          id={id}
          type="number"
          className={inputClass}
          value={typeof value === "number" ? value : ""}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
        />
      )}
    </Field>
  );
}

export function SelectInput<T extends string>({ value, options, onChange, empty, disabled, ...field }: TFieldProps & {
  value: T | undefined;
  options: ReadonlyArray<T | { value: T; label: string }>;
  onChange(value: T | undefined): void;
  /** Label of the "not set" choice; without it a value is required. */
  empty?: string;
}) {
  return (
    <Field {...field}>
      {(id, invalid) => (
        <select id={id} className={inputClass} value={value ?? ""} disabled={disabled} aria-invalid={invalid} onChange={(e) => onChange(e.target.value === "" ? undefined : (e.target.value as T))}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => {
            const opt = typeof o === "string" ? { value: o, label: o } : o;
            return (
              <option key={opt.value} value={opt.value}>
                {opt.label}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

/**
 * A JSON value edited as text. Text that does not parse stays in the box with its error and
 * does not reach the spec, so a half-typed edit never breaks the graph.
 */
export function JsonInput({ value, onChange, rows = 5, disabled, requireObject, ...field }: TFieldProps & {
  value: unknown;
  onChange(value: unknown): void;
  rows?: number;
  requireObject?: boolean;
}) {
  const format = (v: unknown) => (v === undefined ? "" : JSON.stringify(v, null, 2));
  const [text, setText] = useState(() => format(value));
  const [error, setError] = useState<string>();
  const sent = useRef(value);
  useEffect(() => {
    // an outside change (undo, import, another field) replaces the text
    if (value !== sent.current) {
      sent.current = value;
      setText(format(value));
      setError(undefined);
    }
  }, [value]);
  return (
    <Field {...field} error={error}>
      {(id, invalid) => (
        <textarea
          id={id}
          rows={rows}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
          value={text}
          disabled={disabled}
          aria-invalid={invalid}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            if (next.trim() === "") {
              setError(undefined);
              sent.current = undefined;
              onChange(undefined);
              return;
            }
            try {
              const parsed: unknown = JSON.parse(next);
              if (requireObject && (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))) {
                setError("Must be a JSON object, e.g. { \"type\": \"object\" }.");
                return;
              }
              setError(undefined);
              sent.current = parsed;
              onChange(parsed);
            } catch (err) {
              setError(`Not valid JSON yet (${(err as Error).message}); the graph keeps the last valid value.`);
            }
          }}
        />
      )}
    </Field>
  );
}

/** A comma-separated list of strings. */
export function ListInput({ value, onChange, placeholder, disabled, ...field }: TFieldProps & {
  value: unknown;
  onChange(value: string[] | undefined): void;
  placeholder?: string;
}) {
  const list = Array.isArray(value) ? value.map(String) : [];
  const [text, setText] = useState(list.join(", "));
  const joined = list.join(", ");
  const last = useRef(joined);
  useEffect(() => {
    if (joined !== last.current) {
      last.current = joined;
      setText(joined);
    }
  }, [joined]);
  return (
    <Field {...field}>
      {(id, invalid) => (
        <input
          id={id}
          className={inputClass}
          value={text}
          placeholder={placeholder}
          disabled={disabled}
          aria-invalid={invalid}
          onChange={(e) => {
            setText(e.target.value);
            const items = e.target.value.split(",").map((s) => s.trim()).filter(Boolean);
            last.current = items.join(", ");
            onChange(items.length ? items : undefined);
          }}
        />
      )}
    </Field>
  );
}

export function Section({ title, children, defaultOpen = true }: { title: string; children: React.ReactNode; defaultOpen?: boolean }) {
  return (
    <details open={defaultOpen} className="group border-t border-slate-100 py-3 first:border-t-0">
      <summary className="cursor-pointer select-none text-xs font-semibold uppercase tracking-wide text-slate-500 hover:text-slate-800">{title}</summary>
      <div className="mt-3 space-y-3">{children}</div>
    </details>
  );
}
