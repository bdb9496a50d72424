"use client";

import { memo } from "react";
import type { TNodeType } from "@/lib/graphs/spec";
import { NodeIcon, PALETTE } from "./registry";

export const DRAG_MIME = "application/x-switchyard-node";

/** Every node type; drag one onto the canvas, or press Enter to add it in the middle. */
export const Palette = memo(function Palette({ onAdd }: { onAdd(type: TNodeType): void }) {
  return (
    <nav aria-label="Node palette" className="flex w-36 shrink-0 2xl:w-48 flex-col gap-1 overflow-y-auto border-r border-slate-200 bg-white p-2">
      <p className="px-1 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Add a node</p>
      {PALETTE.map((info) => (
        <button
          key={info.type}
          type="button"
          draggable
          data-testid={`palette-${info.type}`}
          title={info.preview ? `${info.hint} (preview: runs of a graph with this node are refused until the runtime supports it)` : info.hint}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_MIME, info.type);
            e.dataTransfer.effectAllowed = "move";
          }}
          onClick={() => onAdd(info.type)}
          className="flex cursor-grab items-center gap-2 rounded-md border border-slate-200 px-2 py-1.5 text-left text-sm text-slate-800 hover:border-brand-500 hover:bg-brand-50 active:cursor-grabbing"
        >
          <NodeIcon type={info.type} />
          <span className="min-w-0">
            <span className="block font-medium leading-tight">{info.label}</span>
            {info.preview && (
              <span data-testid={`palette-${info.type}-preview`} className="block text-[10px] font-medium uppercase leading-tight tracking-wide text-amber-700">
                preview
              </span>
            )}
            <span className="hidden truncate text-[11px] leading-tight text-slate-500 2xl:block">{info.hint}</span>
          </span>
        </button>
      ))}
      <p className="mt-2 px-1 text-[11px] leading-snug text-slate-500">Drag from a node&apos;s right handle to another node&apos;s left handle: the second then needs the first.</p>
    </nav>
  );
});
