"use client";

import { useId } from "react";
import { PRESET_LABEL, presetOf, presetRange, RANGE_PRESETS, type DateRange, type RangePreset } from "./range";

/** One height for selects and date inputs (Chromium draws a date input 2 px taller than a select). */
const control =
  "block h-9 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30";

/** Preset ranges plus custom from / to days (inclusive). */
export function RangePicker({ value, onChange }: { value: DateRange; onChange: (next: DateRange) => void }) {
  const preset = presetOf(value);
  const id = useId();
  return (
    <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Date range">
      <div>
        <label htmlFor={`${id}-preset`} className="mb-1 block text-xs font-medium text-slate-600">
          Preset
        </label>
        <select id={`${id}-preset`} className={`${control} w-40`} value={preset ?? "custom"} onChange={(e) => e.target.value !== "custom" && onChange(presetRange(e.target.value as RangePreset))}>
          {RANGE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABEL[p]}
            </option>
          ))}
          <option value="custom" disabled={!!preset}>
            Custom
          </option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-from`} className="mb-1 block text-xs font-medium text-slate-600">
          From
        </label>
        <input id={`${id}-from`} type="date" className={`${control} w-40`} value={value.from} max={value.to} required onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className="mb-1 block text-xs font-medium text-slate-600">
          To
        </label>
        <input id={`${id}-to`} type="date" className={`${control} w-40`} value={value.to} min={value.from} required onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })} />
      </div>
    </div>
  );
}
