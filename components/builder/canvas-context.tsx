"use client";

import { createContext, useContext } from "react";
import type { TDiffMark } from "./types";

/**
 * What node cards show besides their own data: problem counts and diff marks. Kept out of
 * node `data` so that data stays the plain spec and changes only when the spec does.
 */
export interface TCanvasMarks {
  problems: ReadonlyMap<string, number>;
  diff: ReadonlyMap<string, TDiffMark> | null;
}

export const CanvasMarksContext = createContext<TCanvasMarks>({ problems: new Map(), diff: null });

export const useCanvasMarks = () => useContext(CanvasMarksContext);
