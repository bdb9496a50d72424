"use client";

import { useId } from "react";
import { MODEL_TIERS, type TModelPolicy } from "@/lib/graphs/spec";
import type { TProblem } from "../types";
import { FieldShell, inputClass, NumberInput, SelectInput } from "./fields";
import { formatPerMillion } from "@/lib/format";

/** A model with its price, from `GET /api/v1/models` when the workspace has prices. */
export interface TModelOption {
  id: string;
  inputUsdPerMTok?: number;
  outputUsdPerMTok?: number;
  tier?: string;
  /** False when the workspace has no credentials for the provider. */
  available?: boolean;
}

/** Models that work without any provider set up (the simulated ones). */
export const SIM_MODELS: TModelOption[] = [{ id: "sim:fast" }, { id: "sim:balanced" }, { id: "sim:strong" }];

const price = (m: TModelOption | undefined) =>
  m?.inputUsdPerMTok !== undefined && m.outputUsdPerMTok !== undefined
    ? `${formatPerMillion(m.inputUsdPerMTok)} in / ${formatPerMillion(m.outputUsdPerMTok)} out per 1M tokens${m.tier ? ` · ${m.tier}` : ""}${m.available === false ? " · provider not set up" : ""}`
    : undefined;

/** A concrete `provider:model` id (with completion and price) or a routing policy by tier. */
export function ModelPicker({ value, onChange, problems, models, disabled }: {
  value: unknown;
  onChange(value: unknown): void;
  problems: readonly TProblem[];
  models: readonly TModelOption[];
  disabled?: boolean;
}) {
  const id = useId();
  const isPolicy = value !== null && typeof value === "object";
  const policy = (isPolicy ? value : {}) as Partial<TModelPolicy>;
  const chosen = typeof value === "string" ? models.find((m) => m.id === value) : undefined;
  return (
    <div className="space-y-2" data-testid="model-picker">
      <div role="radiogroup" aria-label="Model choice" className="flex gap-3 text-xs">
        <label className="flex items-center gap-1">
          <input type="radio" checked={!isPolicy} disabled={disabled} onChange={() => onChange(models[0]?.id ?? "sim:fast")} /> A model
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" checked={isPolicy} disabled={disabled} onChange={() => onChange({ tier: "balanced" })} /> Routing by tier
        </label>
      </div>
      {!isPolicy ? (
        <FieldShell id={id} label="Model" problems={problems} hint={price(chosen) ?? (models.some((m) => m.inputUsdPerMTok !== undefined) ? "No price known for this model." : "provider:model, e.g. openai:gpt-4o-mini or sim:fast")}>
          <input id={id} list={`${id}-models`} className={`${inputClass} font-mono text-xs`} value={typeof value === "string" ? value : ""} disabled={disabled} aria-invalid={problems.length > 0} onChange={(e) => onChange(e.target.value)} />
          <datalist id={`${id}-models`}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {price(m) ?? m.id}
              </option>
            ))}
          </datalist>
        </FieldShell>
      ) : (
        <div className="grid grid-cols-2 gap-2">
          <SelectInput label="Tier" value={policy.tier} options={MODEL_TIERS} onChange={(tier) => onChange({ ...policy, tier })} problems={problems} disabled={disabled} />
          <NumberInput label="Max $ / 1M tokens" value={policy.maxUsdPerMTok} min={0} step={0.01} onChange={(maxUsdPerMTok) => onChange({ ...policy, maxUsdPerMTok })} disabled={disabled} />
        </div>
      )}
    </div>
  );
}
