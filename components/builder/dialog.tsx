"use client";

import { useEffect, useRef } from "react";

/**
 * A modal on the native `<dialog>`: focus stays inside, Escape closes, the page behind is
 * inert. Rendered only while open.
 */
export function Dialog({ title, description, onClose, children, footer, size = "md", testid }: {
  title: string;
  description?: React.ReactNode;
  onClose(): void;
  children: React.ReactNode;
  footer?: React.ReactNode;
  size?: "md" | "lg" | "xl";
  testid?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  const width = size === "xl" ? "w-[min(1100px,95vw)]" : size === "lg" ? "w-[min(760px,95vw)]" : "w-[min(480px,95vw)]";
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      data-testid={testid}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`${width} m-auto max-h-[90vh] overflow-hidden rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40`}
    >
      <div className="flex max-h-[90vh] flex-col">
        <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-3">
          <div>
            <h2 id="dialog-title" className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
          </div>
          <button type="button" onClick={onClose} aria-label="Close" className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
            ✕
          </button>
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        {footer && <footer className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">{footer}</footer>}
      </div>
    </dialog>
  );
}
