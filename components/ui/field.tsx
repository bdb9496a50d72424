import { forwardRef, useId } from "react";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500";

type FieldProps = { label: string; error?: string; hint?: string };

/** Label, control and the field-level error (or hint) under it; the control gets the ids. */
function FieldShell({ id, label, error, hint, children }: FieldProps & { id: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

function useFieldId(id: string | undefined): string {
  const auto = useId();
  return id ?? auto;
}

/** A labelled input with its field-level error. */
export const TextField = forwardRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement> & FieldProps>(function TextField(
  { label, error, hint, id, ...props },
  ref,
) {
  const fieldId = useFieldId(id);
  return (
    <FieldShell id={fieldId} label={label} error={error} hint={hint}>
      <input ref={ref} id={fieldId} aria-invalid={!!error} aria-describedby={error ? `${fieldId}-error` : undefined} className={inputClass} {...props} />
    </FieldShell>
  );
});

/** A labelled select with its field-level error. */
export const SelectField = forwardRef<HTMLSelectElement, React.SelectHTMLAttributes<HTMLSelectElement> & FieldProps>(function SelectField(
  { label, error, hint, id, children, ...props },
  ref,
) {
  const fieldId = useFieldId(id);
  return (
    <FieldShell id={fieldId} label={label} error={error} hint={hint}>
      <select ref={ref} id={fieldId} aria-invalid={!!error} aria-describedby={error ? `${fieldId}-error` : undefined} className={inputClass} {...props}>
        {children}
      </select>
    </FieldShell>
  );
});
