/** Messages inside forms and cards: an error for the whole form, and a value shown only once. */

/** The form-level error (field errors sit under their fields). */
export function FormError({ children }: { children: React.ReactNode }) {
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {children}
    </p>
  );
}

const TONES = {
  amber: { box: "border-amber-200 bg-amber-50", text: "text-amber-900", input: "border-amber-300" },
  emerald: { box: "border-emerald-200 bg-emerald-50", text: "text-emerald-900", input: "border-emerald-300" },
};

/** A secret or link the server returns once: selectable, with what to do about it. */
export function ShownOnce({ tone, message, label, testId, value, children }: { tone: keyof typeof TONES; message: string; label: string; testId?: string; value: string; children?: React.ReactNode }) {
  const t = TONES[tone];
  return (
    <div className={`mt-4 rounded-md border p-3 ${t.box}`}>
      <p className={`text-sm font-medium ${t.text}`}>{message}</p>
      <div className="mt-2 flex gap-2">
        <input readOnly aria-label={label} data-testid={testId} value={value} className={`flex-1 rounded-md border bg-white px-2 py-1 font-mono text-xs ${t.input}`} onFocus={(e) => e.currentTarget.select()} />
        {children}
      </div>
    </div>
  );
}
