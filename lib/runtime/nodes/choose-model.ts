import type { TNodeSpec } from "../../graphs/spec/schema";

type ModelRef = Extract<TNodeSpec, { type: "agent" }>["model"];

/** A model named in the spec; routing policies go through the FinOps router (`routeModel`). */
export function chooseModel(modelId: Extract<ModelRef, string>): { modelId: string; reason: string; alternatives: string[] } {
  return { modelId, reason: "named in the spec", alternatives: [] };
}

