import { parseDuration } from "./duration";
import { issueAt, type TSpecIssue } from "./issues";
import type { TFlowControl } from "./schema";

/**
 * A graph's `flow` settings that contradict themselves, refused on save rather than ignored at
 * run time: a zero period (a throttle or debounce that does nothing), a debounce `maxWait`
 * shorter than its `period` (the wait would end before the quiet period could), and a `maxAge`
 * no longer than the debounce period (every debounced run would be stale before it began: it
 * starts a full period after its last request).
 *
 * @example
 * checkFlowControl({ debounce: { period: "10s", maxWait: "5s" } }, raw); // [flow.debounce.maxWait: must be at least period (10s) …]
 */
export function checkFlowControl(flow: TFlowControl | undefined, raw: unknown): TSpecIssue[] {
  if (!flow) return [];
  const issues: TSpecIssue[] = [];
  const { throttle, debounce, maxAge } = flow;
  if (throttle && parseDuration(throttle.period) === 0) issues.push(issueAt(raw, ["flow", "throttle", "period"], "must be longer than 0 — the window the limit counts starts in"));
  if (debounce) {
    const period = parseDuration(debounce.period);
    if (period === 0) issues.push(issueAt(raw, ["flow", "debounce", "period"], "must be longer than 0 — the quiet period after the last request before the run starts"));
    if (debounce.maxWait !== undefined && parseDuration(debounce.maxWait) < period) {
      issues.push(issueAt(raw, ["flow", "debounce", "maxWait"], `must be at least period (${debounce.period}) — a burst is held for the period after its last request, and at most maxWait after its first`));
    }
    if (maxAge !== undefined && parseDuration(maxAge) <= period) {
      issues.push(issueAt(raw, ["flow", "maxAge"], `must be longer than debounce.period (${debounce.period}) — a debounced run starts a full period after its last request, so it would always be stale`));
    }
  }
  if (maxAge !== undefined && parseDuration(maxAge) === 0) issues.push(issueAt(raw, ["flow", "maxAge"], "must be longer than 0 — every run would be stale"));
  return issues;
}
