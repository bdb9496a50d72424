"use client";

import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import { useCallback, useRef, useState } from "react";
import type { TBuilderNode, TDraft } from "./types";

const HISTORY_LIMIT = 100;

/**
 * The builder's editable state with undo/redo. Edits go through `commit` (one undo step
 * each); React Flow's own changes (drag, select, measure) go through `onNodesChange` and
 * are not steps, except that a drag records the position it started from (`checkpoint`).
 */
export function useDraft(initial: TDraft) {
  const [draft, setDraft] = useState(initial);
  const current = useRef(initial);
  const past = useRef<TDraft[]>([]);
  const future = useRef<TDraft[]>([]);
  const [dirty, setDirty] = useState(false);
  const [, setTick] = useState(0);

  const set = useCallback((next: TDraft) => {
    current.current = next;
    setDraft(next);
  }, []);

  const checkpoint = useCallback(() => {
    past.current.push(current.current);
    if (past.current.length > HISTORY_LIMIT) past.current.shift();
    future.current = [];
    setDirty(true);
    setTick((t) => t + 1);
  }, []);

  /** Applies an edit as one undoable step; returning the same draft records nothing. */
  const lastEdit = useRef<{ key: string; at: number } | null>(null);
  const commit = useCallback(
    (edit: (draft: TDraft) => TDraft, opts: { coalesce?: string } = {}) => {
      const next = edit(current.current);
      if (next === current.current) return;
      // typing in one field is one step, not one per keystroke
      const now = Date.now();
      const same = opts.coalesce !== undefined && lastEdit.current?.key === opts.coalesce && now - lastEdit.current.at < 1500;
      lastEdit.current = opts.coalesce === undefined ? null : { key: opts.coalesce, at: now };
      if (same) setDirty(true);
      else checkpoint();
      set(next);
    },
    [checkpoint, set],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<TBuilderNode>[]) => {
      // removals arrive through onDelete as one step; everything else is view state
      const kept = changes.filter((c) => c.type !== "remove");
      if (kept.length === 0) return;
      const nodes = applyNodeChanges(kept, current.current.nodes);
      set({ ...current.current, nodes });
    },
    [set],
  );

  const undo = useCallback(() => {
    const prev = past.current.pop();
    if (!prev) return;
    future.current.push(current.current);
    set(prev);
    setDirty(true);
    setTick((t) => t + 1);
  }, [set]);

  const redo = useCallback(() => {
    const next = future.current.pop();
    if (!next) return;
    past.current.push(current.current);
    set(next);
    setDirty(true);
    setTick((t) => t + 1);
  }, [set]);

  /** Replaces the draft (opening a version, importing); undoable unless `fresh`. */
  const replace = useCallback(
    (next: TDraft, opts: { fresh?: boolean } = {}) => {
      if (opts.fresh) {
        past.current = [];
        future.current = [];
        setDirty(false);
        setTick((t) => t + 1);
      } else {
        checkpoint();
      }
      set(next);
    },
    [checkpoint, set],
  );

  const markSaved = useCallback(() => setDirty(false), []);

  return {
    draft,
    /** The latest draft, for event handlers that must not re-render on every change. */
    read: useCallback(() => current.current, []),
    dirty,
    canUndo: past.current.length > 0,
    canRedo: future.current.length > 0,
    commit,
    checkpoint,
    onNodesChange,
    undo,
    redo,
    replace,
    markSaved,
  };
}

export type TDraftStore = ReturnType<typeof useDraft>;
