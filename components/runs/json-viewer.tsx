"use client";

import { createContext, useContext, useState } from "react";
import { CopyIdButton } from "@/components/ui/copy-id";

type Json = unknown;

/** Names for string values that are ids (`"user:usr_…"` → "Ada Lovelace <ada@…>"), as the API resolved them. */
const NamesContext = createContext<Record<string, string> | undefined>(undefined);

/**
 * A read-only, collapsible JSON tree. Objects and arrays open to `openDepth`
 * levels; every toggle is a button (keyboard and screen-reader friendly). A string
 * `names` knows (an approver's `user:usr_…`) shows as the name it stands for, the raw
 * value on hover and behind a copy button; Copy still copies the JSON as stored.
 */
export function JsonViewer({ value, openDepth = 2, label, names }: { value: Json; openDepth?: number; label?: string; names?: Record<string, string> }) {
  const [copied, setCopied] = useState(false);
  if (value === undefined) return <p className="text-xs text-slate-500">Nothing recorded.</p>;
  return (
    <NamesContext.Provider value={names}>
      <div className="relative rounded-md border border-slate-200 bg-slate-50" role="group" aria-label={label}>
        <button
          type="button"
          className="absolute right-1.5 top-1.5 rounded px-1.5 py-0.5 text-[11px] font-medium text-slate-500 hover:bg-slate-200 hover:text-slate-800"
          onClick={() => {
            void navigator.clipboard?.writeText(JSON.stringify(value, null, 2)).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <div className="max-h-80 overflow-auto p-2 pr-12 font-mono text-xs leading-5 text-slate-800">
          <JsonNode value={value} depth={0} openDepth={openDepth} />
        </div>
      </div>
    </NamesContext.Provider>
  );
}

function JsonNode({ value, depth, openDepth, name }: { value: Json; depth: number; openDepth: number; name?: string }) {
  const [open, setOpen] = useState(depth < openDepth);
  const key = name !== undefined ? <span className="text-violet-700">{JSON.stringify(name)}: </span> : null;
  if (value === null || typeof value !== "object") {
    return (
      <div className="whitespace-pre-wrap break-words">
        {key}
        <Primitive value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, Json][] = isArray ? (value as Json[]).map((v, i) => [String(i), v]) : Object.entries(value as Record<string, Json>);
  const [openB, closeB] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div>
        {key}
        <span className="text-slate-500">{openB + closeB}</span>
      </div>
    );
  }
  return (
    <div>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="-ml-1 rounded px-1 text-left hover:bg-slate-200">
        <span aria-hidden className="inline-block w-3 text-slate-400">
          {open ? "▾" : "▸"}
        </span>
        {key}
        <span className="text-slate-500">{open ? openB : `${openB} ${entries.length} ${isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"} ${closeB}`}</span>
      </button>
      {open && (
        <>
          <div className="ml-4 border-l border-slate-200 pl-2">
            {entries.map(([k, v]) => (
              <JsonNode key={k} name={isArray ? undefined : k} value={v} depth={depth + 1} openDepth={openDepth} />
            ))}
          </div>
          <span className="text-slate-500">{closeB}</span>
        </>
      )}
    </div>
  );
}

function Primitive({ value }: { value: Json }) {
  const name = useContext(NamesContext)?.[typeof value === "string" ? value : ""];
  if (typeof value === "string" && name) {
    return (
      <span className="inline-flex items-center gap-0.5 align-top">
        <span className="rounded bg-white px-1 font-sans text-slate-900 ring-1 ring-slate-200" title={value} data-raw-value={value}>
          {name}
        </span>
        <CopyIdButton id={value} />
      </span>
    );
  }
  if (typeof value === "string") {
    // a multi-line string reads as its lines (an e-mail body, a draft), not as one line of \n escapes
    if (value.includes("\n")) {
      return (
        <span className="inline-block whitespace-pre-wrap break-words align-top text-emerald-800" data-multiline="true">
          “{value}”
        </span>
      );
    }
    return <span className="text-emerald-800">{JSON.stringify(value)}</span>;
  }
  if (typeof value === "number") return <span className="text-blue-700">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-amber-700">{String(value)}</span>;
  return <span className="text-slate-500">null</span>;
}
