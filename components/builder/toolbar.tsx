"use client";

import Link from "next/link";
import { memo } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { HelpPopover } from "./help-popover";

const iconButton =
  "inline-flex h-8 items-center gap-1 whitespace-nowrap rounded-md px-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40";

/** The builder's command bar. Controls a role may not use are not rendered. Memoised: it has no part in a drag. */
export const BuilderToolbar = memo(function BuilderToolbar(props: {
  name: string;
  version: number | null;
  dirty: boolean;
  readOnly: boolean;
  canRun: boolean;
  /** Shown when the graph is saved and the role may change it; `archiveBlocked` says why it is disabled. */
  canArchive?: boolean;
  archiveBlocked?: string;
  archiving?: boolean;
  onArchive?(): void;
  saved: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saveBlocked?: string;
  saving: boolean;
  helpOpen: boolean;
  onHelp(open: boolean): void;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFit(): void;
  onSave(): void;
  onHistory(): void;
  onRun(): void;
  onExport(format: "json" | "yaml"): void;
  onImport(): void;
}) {
  const { workspace } = useWorkspace();
  const p = props;
  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-b border-slate-200 bg-white px-3">
      <Link href={`/w/${workspace.slug}/graphs`} className="rounded px-1.5 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900" aria-label="Back to graphs">
        ←
      </Link>
      <div className="mr-2 flex min-w-0 items-center gap-2">
        <h1 className="max-w-[180px] truncate text-sm font-semibold text-slate-900" title={p.name}>
          {p.name || "Untitled graph"}
        </h1>
        {p.version !== null ? <Badge tone="blue">v{p.version}</Badge> : <Badge>new</Badge>}
        {p.dirty && !p.readOnly && (
          <span className="whitespace-nowrap text-xs text-amber-700" data-testid="unsaved" title="Unsaved changes">
            ● Unsaved
          </span>
        )}
      </div>
      <div className="ml-auto flex items-center gap-0.5">
        {!p.readOnly && (
          <>
            <button type="button" className={iconButton} onClick={p.onUndo} disabled={!p.canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">
              ↶
            </button>
            <button type="button" className={iconButton} onClick={p.onRedo} disabled={!p.canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
              ↷
            </button>
            <button type="button" className={iconButton} onClick={p.onLayout} title="Auto-layout (L)">
              Layout
            </button>
          </>
        )}
        <button type="button" className={iconButton} onClick={p.onFit} title="Zoom to fit (F)">
          Fit
        </button>
        {!p.readOnly && (
          <button type="button" className={iconButton} onClick={p.onImport} title="Replace this graph with a JSON or YAML file (undo brings it back)">
            Import
          </button>
        )}
        <details className="relative">
          <summary className={`${iconButton} cursor-pointer list-none`}>Export ▾</summary>
          <div className="absolute right-0 z-30 mt-1 w-36 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
            <button type="button" className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100" onClick={(e) => { p.onExport("json"); e.currentTarget.closest("details")?.removeAttribute("open"); }}>
              JSON
            </button>
            <button type="button" className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100" onClick={(e) => { p.onExport("yaml"); e.currentTarget.closest("details")?.removeAttribute("open"); }}>
              YAML
            </button>
          </div>
        </details>
        {p.saved && (
          <button type="button" className={iconButton} onClick={p.onHistory}>
            History
          </button>
        )}
        <div className="relative">
          <button type="button" className={iconButton} onClick={() => p.onHelp(!p.helpOpen)} aria-expanded={p.helpOpen} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
            ?
          </button>
          {p.helpOpen && <HelpPopover onClose={() => p.onHelp(false)} />}
        </div>
        {p.canArchive && p.onArchive && (
          <button
            type="button"
            className={iconButton}
            onClick={p.onArchive}
            disabled={!!p.archiveBlocked || p.archiving}
            title={p.archiveBlocked ?? "Archive: hide it from the graph list and stop new runs; its runs and costs are kept"}
          >
            {p.archiving ? "Archiving…" : "Archive"}
          </button>
        )}
        {p.canRun && (
          <Button variant="secondary" size="sm" className="ml-1 whitespace-nowrap" onClick={p.onRun} disabled={!p.saved} title={p.saved ? "Start a run of the saved version" : "Save the graph first: runs use a saved version"}>
            ▶ Run
          </Button>
        )}
        {!p.readOnly && (
          <div className="ml-1 flex items-center gap-2">
            {p.saveBlocked && (
              <span className="whitespace-nowrap text-xs text-red-700" data-testid="save-blocked">
                {p.saveBlocked}
              </span>
            )}
            <Button size="sm" onClick={p.onSave} disabled={!!p.saveBlocked || p.saving} title={p.saveBlocked ?? "Save a new version (Ctrl+S)"}>
              {p.saving ? "Saving…" : "Save"}
            </Button>
          </div>
        )}
      </div>
    </header>
  );
});
