"use client";

import { useEffect, useRef } from "react";

const mod = typeof navigator !== "undefined" && /Mac/.test(navigator.platform) ? "⌘" : "Ctrl";

/** The popover itself takes focus (so Escape and screen readers find it); it needs no ring. */
const NO_OUTLINE = { outline: "none" };

export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ["Drag from the palette", "Add a node (or focus it and press Enter)"],
  ["Drag handle → handle", "Connect: the right-hand node needs the left-hand one"],
  ["Click, Shift/Ctrl+click", "Select, add to selection"],
  ["Shift + drag on the canvas", "Select with a box"],
  ["Delete / Backspace", "Delete the selection"],
  [`${mod}+C / ${mod}+V`, "Copy / paste nodes"],
  [`${mod}+Z / ${mod}+Shift+Z`, "Undo / redo"],
  [`${mod}+A`, "Select every node"],
  [`${mod}+S`, "Save a new version"],
  ["L", "Auto-layout"],
  ["F", "Zoom to fit"],
  ["Esc", "Clear the selection"],
  ["?", "This help"],
];

/** The keyboard shortcut list, anchored under the help button. */
export function HelpPopover({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    const onClick = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("mousedown", onClick);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("mousedown", onClick);
    };
  }, [onClose]);
  return (
    <div ref={ref} tabIndex={-1} role="dialog" aria-label="Keyboard shortcuts" data-testid="help" style={NO_OUTLINE} className="absolute right-0 top-full z-30 mt-1 w-96 rounded-lg border border-slate-200 bg-white p-3 shadow-xl">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">Keyboard shortcuts</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-800">{keys}</kbd>
            </dt>
            <dd className="text-slate-600">{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
