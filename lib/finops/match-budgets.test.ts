import { describe, expect, it } from "vitest";
import { matchBudgets, periodKey, type BudgetForMatching } from "./match-budgets";

const at = new Date("2026-11-24T10:00:00Z");
const b = (id: string, scope: string, period: string, extra: Partial<BudgetForMatching> = {}): BudgetForMatching => ({
  id, scope, period, scopeRef: null, source: "settings", graphVersionId: null, enabled: true, ...extra,
});
const call = { runId: "run_1", graphId: "gr_1", graphVersionId: "grv_1", agent: "writer", tags: ["eu", "eu", "prod"], customerKey: "req-7", ancestors: [] };

describe("matchBudgets", () => {
  it("maps periods to UTC windows", () => {
    expect(periodKey("day", at, null)).toBe("2026-11-24");
    expect(periodKey("month", at, null)).toBe("2026-11");
    expect(periodKey("run", at, "run_9")).toBe("run_9");
    expect(periodKey("run", at, null)).toBeNull();
  });

  it("applies named scopes only to matching calls", () => {
    const budgets = [
      b("a", "workspace", "month"),
      b("b", "graph", "day", { scopeRef: "gr_1" }),
      b("c", "graph", "day", { scopeRef: "gr_other" }),
      b("d", "agent", "month", { scopeRef: "gr_1/writer" }),
      b("e", "tag", "month", { scopeRef: "prod" }),
      b("f", "customer", "month", { scopeRef: "req-8" }),
      b("g", "run", "run"),
    ];
    expect(matchBudgets(budgets, call, at).map((r) => `${r.budget.id}:${r.windowKey}`)).toEqual([
      "a:2026-11", "b:2026-11-24", "d:2026-11", "e:2026-11", "g:run_1",
    ]);
  });

  it("partitions budgets without scopeRef by value", () => {
    const refs = matchBudgets([b("t", "tag", "day"), b("c", "customer", "month"), b("n", "agent", "run")], call, at);
    expect(refs.map((r) => `${r.budget.id}:${r.windowKey}`)).toEqual([
      "c:2026-11|req-7", "n:run_1|gr_1/writer", "t:2026-11-24|eu", "t:2026-11-24|prod",
    ]);
  });

  it("applies spec budgets only to their graph version, and skips disabled budgets", () => {
    const refs = matchBudgets(
      [b("s1", "run", "run", { source: "spec", graphVersionId: "grv_1" }), b("s2", "run", "run", { source: "spec", graphVersionId: "grv_0" }), b("x", "workspace", "day", { enabled: false })],
      call, at,
    );
    expect(refs.map((r) => r.budget.id)).toEqual(["s1"]);
  });

  it("holds a sub-run's spend in every ancestor's per-run windows, not twice in calendar windows", () => {
    const budgets = [
      b("ws", "workspace", "month"),
      b("run", "run", "run"),
      b("node", "agent", "run", { source: "spec", graphVersionId: "grv_parent", scopeRef: "delegate" }),
    ];
    const refs = matchBudgets(budgets, {
      ...call,
      ancestors: [{ runId: "run_parent", graphId: "gr_p", graphVersionId: "grv_parent", tags: [], customerKey: null, delegatingNodeId: "delegate" }],
    }, at);
    expect(refs.map((r) => `${r.budget.id}:${r.windowKey}`)).toEqual(["node:run_parent", "run:run_1", "run:run_parent", "ws:2026-11"]);
  });

  it("a run budget naming one run (a delegation's cap) holds that run and its sub-runs, and nothing else", () => {
    const cap = b("cap", "run", "run", { source: "delegation", scopeRef: "run_child" });
    const inChild = { ...call, runId: "run_child" };
    const inGrandchild = { ...call, runId: "run_grandchild", ancestors: [{ runId: "run_child", graphId: "gr_c", graphVersionId: "grv_c", tags: [], customerKey: null, delegatingNodeId: "lead" }] };
    expect(matchBudgets([cap], inChild, at).map((r) => `${r.budget.id}:${r.windowKey}`)).toEqual(["cap:run_child"]);
    expect(matchBudgets([cap], inGrandchild, at).map((r) => `${r.budget.id}:${r.windowKey}`)).toEqual(["cap:run_child"]);
    expect(matchBudgets([cap], call, at)).toEqual([]);
  });

  it("does not apply per-run budgets to spend outside runs (gateway calls)", () => {
    expect(matchBudgets([b("g", "run", "run"), b("w", "workspace", "day")], { agent: "crew", ancestors: [] }, at).map((r) => r.budget.id)).toEqual(["w"]);
  });
});
