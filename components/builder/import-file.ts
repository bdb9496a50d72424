import { parseDocument } from "yaml";
import { importGraphYaml, type TGraphSpec } from "@/lib/graphs/spec";
import { isOpenableSpec } from "./spec-draft";
import type { TProblem } from "./types";
import { formatBytes } from "@/lib/format";

/** Files larger than this are refused before reading (a spec is at most 500 nodes). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export type TImportResult =
  | { ok: true; spec: TGraphSpec }
  /** `openable`: the file is a graph the builder can open to fix, though it does not validate. */
  | { ok: false; reason: string; problems: TProblem[]; openable?: Record<string, unknown> };

/**
 * Reads a JSON or YAML graph file (JSON is YAML, so one parser gives line numbers for both)
 * and validates it with the API's rules.
 */
export async function readGraphFile(file: File): Promise<TImportResult> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, reason: `${file.name} is ${formatBytes(file.size)}; a graph file is at most 2 MB.`, problems: [] };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, reason: `${file.name} could not be read.`, problems: [] };
  }
  return parseGraphText(text, file.name);
}

export function parseGraphText(text: string, name = "The file"): TImportResult {
  if (text.trim() === "") return { ok: false, reason: `${name} is empty.`, problems: [] };
  const result = importGraphYaml(text);
  if (result.ok) return result;
  const problems: TProblem[] = result.issues;
  const syntax = problems.length > 0 && problems.every((p) => p.path.startsWith("line ") && !p.nodeId && !p.field);
  if (syntax) return { ok: false, reason: `${name} is not valid JSON or YAML.`, problems };
  let json: unknown;
  try {
    json = parseDocument(text).toJS({ maxAliasCount: 100 });
  } catch {
    json = undefined;
  }
  if (!isOpenableSpec(json)) return { ok: false, reason: `${name} is not a graph spec: it needs a name and a list of nodes with ids and types.`, problems };
  return { ok: false, reason: `${name} is a graph spec with ${problems.length} problem${problems.length === 1 ? "" : "s"}.`, problems, openable: json };
}

/** Saves text as a file in the browser. */
export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
