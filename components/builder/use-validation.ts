"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { validateGraphSpec, type TValidateOptions } from "@/lib/graphs/spec";
import { specForValidation } from "./spec-draft";
import type { TBuilderNode, TDraftNode, TGraphMeta, TProblem } from "./types";

const DEBOUNCE_MS = 250;

/** The node specs in order, as the same array for as long as no spec changed (drags move positions only). */
export function useNodeSpecs(nodes: readonly TBuilderNode[]): TDraftNode[] {
  const last = useRef<TDraftNode[]>([]);
  return useMemo(() => {
    const specs = nodes.map((n) => n.data.spec);
    const prev = last.current;
    if (prev.length === specs.length && specs.every((s, i) => s === prev[i])) return prev;
    last.current = specs;
    return specs;
  }, [nodes]);
}

export interface TValidationState {
  problems: TProblem[];
  /** Problems per node id. */
  byNode: ReadonlyMap<string, number>;
  /** Whether the latest edit has been checked yet. */
  checking: boolean;
}

/**
 * Runs `validateGraphSpec` — the function the API saves with — on the draft, debounced, so the
 * problem list shows the exact messages a save would get.
 */
export function useValidation(meta: TGraphMeta, specs: readonly TDraftNode[], options?: TValidateOptions): TValidationState {
  const [result, setResult] = useState<{ input: unknown; problems: TProblem[] } | null>(null);
  const input = useMemo(() => specForValidation(meta, specs), [meta, specs]);
  useEffect(() => {
    const timer = setTimeout(() => {
      const checked = validateGraphSpec(input, options);
      setResult({ input, problems: checked.ok ? [] : checked.issues });
    }, result === null ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- result only decides the first delay
  }, [input, options]);
  const problems = result?.problems ?? [];
  const byNode = useMemo(() => countByNode(problems), [problems]);
  return { problems, byNode, checking: result?.input !== input };
}

export function countByNode(problems: readonly TProblem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of problems) if (p.nodeId) counts.set(p.nodeId, (counts.get(p.nodeId) ?? 0) + 1);
  return counts;
}
