"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "./dialog";
import type { TImportResult } from "./import-file";

/** Why a file could not be imported; the current graph has not been touched. */
export function ImportErrorDialog({ result, onClose, onOpenAnyway }: { result: Extract<TImportResult, { ok: false }>; onClose(): void; onOpenAnyway?: () => void }) {
  return (
    <Dialog
      title="This file could not be imported"
      description="Nothing was changed: the graph you had open is untouched."
      onClose={onClose}
      testid="import-error"
      footer={
        <>
          {onOpenAnyway && (
            <Button variant="secondary" onClick={onOpenAnyway} title="Open it in the builder and fix the problems there (undo brings your graph back)">
              Open anyway and fix
            </Button>
          )}
          <Button onClick={onClose}>OK</Button>
        </>
      }
    >
      <p className="text-sm font-medium text-slate-900" role="alert">
        {result.reason}
      </p>
      {result.problems.length > 0 && (
        <ul className="mt-3 max-h-64 space-y-1 overflow-y-auto rounded-md border border-red-200 bg-red-50 p-3 font-mono text-xs text-red-800">
          {result.problems.map((p, i) => (
            <li key={i}>
              {p.line !== undefined && !p.message.startsWith("line ") ? `line ${p.line}: ` : ""}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm text-slate-600">Fix the file and import it again{onOpenAnyway ? ", or open it anyway and fix it here" : ""}.</p>
    </Dialog>
  );
}
