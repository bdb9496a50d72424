"use client";

import type { z } from "zod";
import type { ZRouterNode } from "@/lib/graphs/spec";
import type { TDraftNode, TProblem } from "../types";
import { Field, problemsAt, TextInput } from "./fields";
import { ListEditor } from "./list-editor";

type TRoute = z.infer<typeof ZRouterNode>["routes"][number];
type TTargets = TRoute["to"];

/** `"a"` and `["a"]` are the same targets; the spec keeps a single target as a string. */
const toList = (targets: unknown): string[] => (typeof targets === "string" ? [targets] : Array.isArray(targets) ? targets.map(String) : []);
const fromList = (list: readonly string[]): TTargets => (list.length === 1 ? list[0]! : [...list]);

/**
 * Which nodes a route (or the default) sends the run to: one checkbox per node that needs this
 * router — the only valid targets — plus any target already named that does not (so it can be
 * seen and removed; the validator explains why it is wrong).
 */
function TargetsInput({ label, value, candidates, onChange, problems, disabled, testid, hint }: {
  label: string;
  value: unknown;
  candidates: readonly string[];
  onChange(list: string[]): void;
  problems: readonly TProblem[];
  disabled?: boolean;
  testid?: string;
  hint?: React.ReactNode;
}) {
  const list = toList(value);
  const options = [...candidates, ...list.filter((t) => !candidates.includes(t))];
  return (
    <Field label={label} problems={problems} testid={testid} hint={hint}>
      {(id, invalid) => (
        <div id={id} role="group" aria-label={label} aria-invalid={invalid} className="flex flex-wrap gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-white px-2 py-1.5">
          {options.length === 0 && <span className="text-xs text-slate-500">No node needs this router yet: connect it to the nodes it chooses between.</span>}
          {options.map((target) => (
            <label key={target} className={`flex items-center gap-1.5 font-mono text-xs ${candidates.includes(target) ? "text-slate-800" : "text-red-700"}`}>
              <input type="checkbox" disabled={disabled} checked={list.includes(target)} onChange={(e) => onChange(e.target.checked ? [...list, target] : list.filter((t) => t !== target))} />
              {target}
            </label>
          ))}
        </div>
      )}
    </Field>
  );
}

/**
 * The router's routes as a list of rows — a CEL condition and its targets each, in the order they
 * are tried — and the default targets. Field messages are the validator's (`routes[1].when: …`).
 */
export function RouterRoutes({ spec, specs, problems, onEdit, disabled }: {
  spec: TDraftNode;
  specs: readonly TDraftNode[];
  problems: readonly TProblem[];
  onEdit(field: "routes" | "default", value: unknown): void;
  disabled?: boolean;
}) {
  const candidates = specs.filter((s) => s.needs?.includes(spec.id)).map((s) => s.id);
  const upstream = spec.needs?.[0];
  const routes = (Array.isArray(spec.routes) ? spec.routes : []) as TRoute[];
  return (
    <>
      <ListEditor<TRoute>
        label="Routes, tried in order"
        field="routes"
        noun="route"
        testid="field-routes"
        items={routes}
        problems={problems}
        disabled={disabled}
        newItem={() => ({ when: "true", to: fromList(candidates.slice(0, 1)) })}
        onChange={(next) => onEdit("routes", next)}
      >
        {(route, i, update, at) => (
          <>
            <TextInput
              label="When (CEL)"
              mono
              testid={`route-${i}-when`}
              value={route.when}
              onChange={(when) => update({ ...route, when: when ?? "" })}
              problems={at("when")}
              placeholder={upstream ? `nodes.${upstream}.output.total > 1000` : "input.priority == \"high\""}
              disabled={disabled}
            />
            <TargetsInput label="Go to" testid={`route-${i}-to`} value={route.to} candidates={candidates} onChange={(list) => update({ ...route, to: fromList(list) })} problems={at("to")} disabled={disabled} />
          </>
        )}
      </ListEditor>
      <TargetsInput
        label="Otherwise go to"
        testid="field-default"
        value={spec.default}
        candidates={candidates}
        onChange={(list) => onEdit("default", list.length ? fromList(list) : undefined)}
        problems={problemsAt(problems, "default")}
        disabled={disabled}
        hint="When no route matches. None: the branches are all skipped."
      />
      <p className="text-[11px] text-slate-500">
        Conditions are CEL over <code className="font-mono">input</code> and <code className="font-mono">nodes.&lt;id&gt;.output</code>. Targets are the nodes that need this router; the ones not taken are skipped.
      </p>
    </>
  );
}
