"use client";

import { useId } from "react";
import { inputClass } from "./inspector/fields";
import { orderedFields } from "@/lib/client/schema-fields";

type TSchema = {
  type?: string | string[];
  properties?: Record<string, TSchema>;
  required?: string[];
  enum?: unknown[];
  description?: string;
  title?: string;
  default?: unknown;
  format?: string;
};

const typeOf = (s: TSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type) ?? (s.properties ? "object" : undefined);

/** A starting value: schema defaults, `false` for required booleans, nested objects for required objects. */
export function initialValue(schema: TSchema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    if (prop.default !== undefined) out[key] = prop.default;
    else if (typeOf(prop) === "boolean" && schema?.required?.includes(key)) out[key] = false;
    else if (typeOf(prop) === "object" && schema?.required?.includes(key)) out[key] = initialValue(prop);
  }
  return out;
}

/**
 * A form generated from a JSON Schema object: strings (enums as selects), numbers, booleans
 * and nested objects; anything else as JSON. `errors` maps dotted paths (`input.email.body`) to messages.
 */
export function SchemaForm({ schema, value, onChange, errors, path = "input", depth = 0 }: {
  schema: TSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  errors: Record<string, string>;
  path?: string;
  depth?: number;
}) {
  const props = orderedFields(schema);
  if (props.length === 0) return <p className="text-sm text-slate-500">This graph declares no input fields. Use raw JSON to send anything.</p>;
  const set = (key: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <div className={`space-y-3 ${depth > 0 ? "rounded-md border border-slate-200 p-3" : ""}`}>
      {props.map(([key, prop, required]) => (
        <SchemaField key={key} name={key} schema={prop} required={required} value={value[key]} onChange={(v) => set(key, v)} errors={errors} path={`${path}.${key}`} depth={depth} />
      ))}
    </div>
  );
}

function SchemaField({ name, schema, required, value, onChange, errors, path, depth }: {
  name: string;
  schema: TSchema;
  required: boolean;
  value: unknown;
  onChange(v: unknown): void;
  errors: Record<string, string>;
  path: string;
  depth: number;
}) {
  const id = useId();
  const type = typeOf(schema);
  const error = errors[path];
  const label = (
    <label htmlFor={id} className="block text-sm font-medium text-slate-700">
      {schema.title ?? name}
      {required && <span className="text-red-600"> *</span>}
    </label>
  );
  // the schema's description is the field's help text, kept beside an error (which says what to fix)
  const help = (
    <>
      {schema.description && (
        <p id={`${id}-help`} className="text-xs text-slate-500">
          {schema.description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      )}
    </>
  );
  const describedBy = [schema.description ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-invalid": !!error, "aria-describedby": describedBy, className: inputClass };

  if (type === "object" && schema.properties && depth < 3) {
    return (
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">
          {schema.title ?? name}
          {required && <span className="text-red-600"> *</span>}
        </legend>
        <SchemaForm schema={schema} value={(value as Record<string, unknown>) ?? {}} onChange={onChange} errors={errors} path={path} depth={depth + 1} />
        {help}
      </fieldset>
    );
  }
  if (schema.enum) {
    return (
      <div className="space-y-1">
        {label}
        <select {...common} value={value === undefined ? "" : JSON.stringify(value)} onChange={(e) => onChange(e.target.value === "" ? undefined : JSON.parse(e.target.value))}>
          <option value="">{required ? "Choose…" : "(none)"}</option>
          {schema.enum.map((opt) => (
            <option key={JSON.stringify(opt)} value={JSON.stringify(opt)}>
              {String(opt)}
            </option>
          ))}
        </select>
        {help}
      </div>
    );
  }
  if (type === "boolean") {
    return (
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input id={id} type="checkbox" aria-describedby={describedBy} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {schema.title ?? name}
        </label>
        {help}
      </div>
    );
  }
  if (type === "number" || type === "integer") {
    return (
      <div className="space-y-1">
        {label}
        <input {...common} type="number" step={type === "integer" ? 1 : "any"} value={typeof value === "number" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.valueAsNumber)} />
        {help}
      </div>
    );
  }
  if (type === "string") {
    const long = name === "body" || name === "text" || name === "description" || schema.format === "textarea";
    return (
      <div className="space-y-1">
        {label}
        {long ? (
          <textarea {...common} rows={3} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
        ) : (
          <input {...common} type={schema.format === "email" ? "email" : "text"} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
        )}
        {help}
      </div>
    );
  }
  return (
    <div className="space-y-1">
      {label}
      <textarea
        {...common}
        rows={3}
        className={`${inputClass} font-mono text-xs`}
        defaultValue={value === undefined ? "" : JSON.stringify(value, null, 2)}
        placeholder="JSON"
        onChange={(e) => {
          try {
            onChange(e.target.value.trim() === "" ? undefined : JSON.parse(e.target.value));
          } catch {
            /* keep the last valid value until the JSON parses */
          }
        }}
      />
      {help}
    </div>
  );
}
