import { renderTemplate } from "../../graphs/spec/template";
import type { TFlowControl } from "../../graphs/spec/schema";

/** What a flow key template may name about the run being started. */
export type FlowRunRef = {
  id: string;
  graph: string;
  version: number;
  customerKey: string | null;
};

/**
 * A flow key (`throttle.key`, `debounce.key`) as the run is requested: `""` without a template
 * (one bucket for the graph), else the rendered template over `input` and `run`; a key that
 * cannot be rendered counts as `""` (as `concurrency.key` does).
 *
 * @example
 * renderFlowKey("{{input.customer}}", { customer: "acme" }); // "acme"
 */
export function renderFlowKey(template: string | undefined, input: Record<string, unknown>, run?: FlowRunRef): string {
  if (!template) return "";
  try {
    const value = renderTemplate(template, { input, nodes: {}, ...(run ? { run } : {}) });
    return value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return "";
  }
}

/**
 * The run's throttle and debounce keys (null: the graph has no throttle / no debounce).
 *
 * @example
 * flowKeysFor({ throttle: { limit: 2, period: "1s", key: "{{input.c}}" } }, { c: "b" }); // { throttleKey: "b", debounceKey: null }
 */
export function flowKeysFor(flow: TFlowControl, input: Record<string, unknown>, run?: FlowRunRef): { throttleKey: string | null; debounceKey: string | null } {
  return {
    throttleKey: flow.throttle ? renderFlowKey(flow.throttle.key, input, run) : null,
    debounceKey: flow.debounce ? renderFlowKey(flow.debounce.key, input, run) : null,
  };
}
