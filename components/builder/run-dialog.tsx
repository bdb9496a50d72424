"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api, ApiError } from "@/lib/client/api";
import { useWorkspaceMutation } from "@/components/shell/use-workspace-query";
import { validateJsonSchema } from "@/lib/json-schema";
import { Dialog } from "./dialog";
import { inputClass } from "./inspector/fields";
import type { TGraphDetail } from "./queries";
import { initialValue, SchemaForm } from "./schema-form";
import { formatUsd } from "@/lib/format";

/** Field errors keyed by dotted path from JSON Schema issues (`must have required property "x"` lands on `.x`). */
function fieldErrors(issues: ReadonlyArray<{ path: string; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const missing = /required property '?([^'"]+)'? "([^"]+)"$/.exec(issue.message)?.[2];
    const path = missing ? `${issue.path}.${missing}` : issue.path;
    out[path] ??= missing ? "Required." : issue.message.replace(/^must /, "Must ");
  }
  return out;
}

/** The first object in the input schema's JSON Schema `examples`, if there is one. */
function exampleInput(schema: { examples?: unknown } | undefined): Record<string, unknown> | undefined {
  const first = Array.isArray(schema?.examples) ? schema.examples[0] : undefined;
  return first && typeof first === "object" && !Array.isArray(first) ? (first as Record<string, unknown>) : undefined;
}

/**
 * Starts a run of the saved version: input from a generated form or raw JSON (prefilled with the
 * input schema's first `examples` entry, which "Reset to example" brings back), the forecast
 * when the server has one.
 */
export function RunDialog({ graph, dirty, onClose }: { graph: TGraphDetail; dirty: boolean; onClose(): void }) {
  const schema = graph.spec.input as (Parameters<typeof SchemaForm>[0]["schema"] & { examples?: unknown }) | undefined;
  const example = useMemo(() => exampleInput(schema), [schema]);
  const [mode, setMode] = useState<"form" | "json">(schema?.properties ? "form" : "json");
  const [value, setValue] = useState<Record<string, unknown>>(() => structuredClone(example) ?? initialValue(schema));
  const [raw, setRaw] = useState(() => JSON.stringify(example ?? initialValue(schema), null, 2));
  const [rawError, setRawError] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string>();
  const router = useRouter();
  const toast = useToast();
  const { workspace } = useWorkspace();
  const start = useWorkspaceMutation<{ input: unknown; version: number }, { runId: string; version: number }>((body) => ({ path: `/api/v1/graphs/${graph.id}/runs`, body }), [["runs"], ["graphs"]]);

  const input = useMemo(() => {
    if (mode === "form") return value;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }, [mode, value, raw]);
  const forecast = useForecast(graph.id, graph.version, input);

  const switchMode = (next: "form" | "json") => {
    if (next === mode) return;
    if (next === "json") setRaw(JSON.stringify(value, null, 2));
    else {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) setValue(parsed as Record<string, unknown>);
      } catch {
        return setRawError("Fix the JSON before switching to the form.");
      }
    }
    setMode(next);
  };

  const resetToExample = () => {
    if (!example) return;
    setValue(structuredClone(example));
    setRaw(JSON.stringify(example, null, 2));
    setRawError(undefined);
    setErrors({});
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setServerError(undefined);
    if (input === undefined) return setRawError("This is not valid JSON.");
    const issues = schema ? validateJsonSchema(schema, input, "input") : [];
    if (issues.length) {
      setErrors(fieldErrors(issues));
      if (mode === "json") setRawError(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
      return;
    }
    setErrors({});
    start.mutate(
      { input, version: graph.version },
      {
        onSuccess: (res) => {
          toast("success", `Run started on version ${res.version ?? graph.version}.`);
          router.push(`/w/${workspace.slug}/runs/${res.runId}`);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.issues.length) setErrors(fieldErrors(err.issues));
          setServerError(`${err.message}${err instanceof ApiError && err.status >= 500 ? " Try again in a moment." : ""}`);
        },
      },
    );
  };

  return (
    <Dialog title={`Run ${graph.name}`} description={`Starts a run of saved version ${graph.version}.`} onClose={onClose} size="lg" testid="run-dialog">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {dirty && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">You have unsaved changes. The run uses version {graph.version}; save first to run them.</p>}
        <div className="flex items-center justify-between gap-2">
          <div role="tablist" aria-label="Input as" className="inline-flex rounded-md border border-slate-300 p-0.5">
            <button type="button" role="tab" aria-selected={mode === "form"} onClick={() => switchMode("form")} className={`rounded px-2.5 py-1 text-xs font-medium ${mode === "form" ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
              Form
            </button>
            <button type="button" role="tab" aria-selected={mode === "json"} onClick={() => switchMode("json")} className={`rounded px-2.5 py-1 text-xs font-medium ${mode === "json" ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
              Raw JSON
            </button>
          </div>
          {example && (
            <div className="flex items-center gap-2 text-xs text-slate-600">
              <span>Starts from the graph&apos;s example input.</span>
              <Button type="button" variant="secondary" size="sm" onClick={resetToExample}>
                Reset to example
              </Button>
            </div>
          )}
        </div>
        {mode === "form" ? (
          <SchemaForm
            schema={schema ?? {}}
            value={value}
            onChange={(next) => {
              setValue(next);
              setErrors({});
            }}
            errors={errors}
          />
        ) : (
          <div className="space-y-1">
            <label htmlFor="run-raw-input" className="block text-sm font-medium text-slate-700">
              Input (JSON)
            </label>
            <textarea
              id="run-raw-input"
              rows={10}
              spellCheck={false}
              className={`${inputClass} font-mono text-xs`}
              value={raw}
              aria-invalid={!!rawError}
              onChange={(e) => {
                setRaw(e.target.value);
                setRawError(undefined);
              }}
            />
            {rawError && <p className="text-xs text-red-600">{rawError}</p>}
          </div>
        )}
        {forecast && (
          <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="forecast">
            <span className="font-medium text-slate-800">Cost forecast: </span>
            {forecast}
          </div>
        )}
        {serverError && (
          <p role="alert" className="text-sm text-red-700">
            {serverError}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={start.isPending}>
            {start.isPending ? "Starting…" : "Start run"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The cost forecast from `POST /api/v1/graphs/:id/forecast` (`{ p50Usd, p90Usd, basis, runs,
 * simulated }`), as one line. Hidden when the server has no forecast (404, no permission) or fails.
 */
function useForecast(graphId: string, version: number, input: unknown): string | null {
  const { workspace } = useWorkspace();
  const [debounced, setDebounced] = useState(input);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(input), 500);
    return () => clearTimeout(t);
  }, [input]);
  const query = useQuery({
    queryKey: [workspace.slug, "graphs", graphId, "forecast", version, JSON.stringify(debounced ?? null)],
    enabled: debounced !== undefined,
    retry: false,
    staleTime: 60_000,
    queryFn: async () => {
      try {
        return await api<Record<string, unknown>>(`/api/v1/graphs/${graphId}/forecast`, { method: "POST", body: { input: debounced, version }, workspace: workspace.slug });
      } catch {
        return null;
      }
    },
  });
  const f = query.data;
  if (!f || typeof f !== "object") return null;
  const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const p50 = num(f.p50Usd);
  const p90 = num(f.p90Usd);
  if (p50 === undefined) return null;
  const runs = num(f.runs) ?? 0;
  const basis = f.basis === "history" ? `from ${runs} past run${runs === 1 ? "" : "s"} of this version` : "estimated from prompt sizes and model prices";
  return `typically ${formatUsd(p50)}${p90 !== undefined ? `, up to ${formatUsd(p90)} (p90)` : ""} per run, ${basis}${f.simulated ? " — in simulated dollars (sim models)" : ""}.`;
}
