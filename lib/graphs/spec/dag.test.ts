import { describe, expect, it } from "vitest";
import { canMigrate, GraphCycleError, GraphDag, type TDagNode } from "./dag";
import type { TGraphSpec, TNodeSpec } from "./schema";

// intake ─┬─ pricing ─ review(router) ─┬─ approval ─┐
// vendor ─┘                            └─ auto ─────┴─ decision
const procurement: TDagNode[] = [
  { id: "intake" },
  { id: "vendor" },
  { id: "pricing", needs: ["intake", "vendor"] },
  { id: "review", type: "router", needs: ["pricing"], routes: [{ to: "approval" }], default: "auto" },
  { id: "approval", needs: ["review"] },
  { id: "auto", needs: ["review"] },
  { id: "decision", needs: ["approval", "auto"] },
];
const dag = GraphDag.of({ nodes: procurement });

describe("GraphDag structure", () => {
  it("finds entries, upstream and downstream sets", () => {
    expect(dag.entries()).toEqual(["intake", "vendor"]);
    expect([...dag.upstreamOf("review")].sort()).toEqual(["intake", "pricing", "vendor"]);
    expect([...dag.downstreamOf("pricing")].sort()).toEqual(["approval", "auto", "decision", "review"]);
    expect(dag.upstreamOf("intake").size).toBe(0);
  });

  it("orders topologically with spec order for ties", () => {
    expect(dag.topologicalOrder()).toEqual(["intake", "vendor", "pricing", "review", "approval", "auto", "decision"]);
    expect(GraphDag.of({ nodes: [{ id: "b", needs: ["a"] }, { id: "c" }, { id: "a" }] }).topologicalOrder()).toEqual(["c", "a", "b"]);
  });

  it("puts every node after its needs (property over random DAGs)", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    for (let round = 0; round < 50; round++) {
      const size = 2 + Math.floor(random() * 12);
      const nodes: TDagNode[] = Array.from({ length: size }, (_, i) => ({
        id: `n${i}`,
        needs: Array.from({ length: i }, (_, j) => `n${j}`).filter(() => random() < 0.3),
      }));
      // Shuffle so spec order is not already topological.
      nodes.sort(() => random() - 0.5);
      const order = GraphDag.of({ nodes }).topologicalOrder();
      expect(order).toHaveLength(size);
      for (const node of nodes) for (const need of node.needs ?? []) expect(order.indexOf(need)).toBeLessThan(order.indexOf(node.id));
    }
  });

  it("names cycles following needs from the earliest node", () => {
    const cyclic = GraphDag.of({
      nodes: [{ id: "a", needs: ["c"] }, { id: "b", needs: ["a"] }, { id: "c", needs: ["b"] }, { id: "d", needs: ["d"] }, { id: "e" }],
    });
    expect(cyclic.cycles()).toEqual([["a", "c", "b", "a"], ["d", "d"]]);
    expect(() => cyclic.topologicalOrder()).toThrow(new GraphCycleError(["a", "c", "b", "a"]));
    expect(() => cyclic.topologicalOrder()).toThrow("the graph has a dependency cycle a → c → b → a — remove one of these needs");
    expect(dag.cycles()).toEqual([]);
  });

  it("ignores unknown needs instead of crashing", () => {
    const broken = GraphDag.of({ nodes: [{ id: "a", needs: ["ghost"] }] });
    expect(broken.needsOf("a")).toEqual([]);
    expect(broken.topologicalOrder()).toEqual(["a"]);
  });

  it("groups connected nodes", () => {
    expect(dag.connectedGroups()).toEqual([procurement.map((n) => n.id)]);
    const islands = GraphDag.of({ nodes: [{ id: "a" }, { id: "b", needs: ["a"] }, { id: "c" }, { id: "d", onError: { fallback: "e" } }, { id: "e" }] });
    expect(islands.connectedGroups()).toEqual([["a", "b"], ["c"], ["d", "e"]]);
  });
});

describe("readyNodes", () => {
  it("waits for every need", () => {
    expect(dag.readyNodes({})).toEqual(["intake", "vendor"]);
    expect(dag.readyNodes({ intake: "succeeded", vendor: "running" })).toEqual([]);
    expect(dag.readyNodes({ intake: "succeeded", vendor: "succeeded" })).toEqual(["pricing"]);
  });

  it("treats skipped needs as satisfied so joins run after a router", () => {
    const done = { intake: "succeeded", vendor: "succeeded", pricing: "succeeded", review: "succeeded" } as const;
    expect(dag.readyNodes({ ...done, approval: "skipped", auto: "succeeded" })).toEqual(["decision"]);
    expect(dag.readyNodes({ ...done, approval: "waiting", auto: "skipped" })).toEqual([]);
  });

  it("honours onError continue and fallbacks", () => {
    const nodes: TDagNode[] = [
      { id: "fetch", onError: { fallback: "cached" } },
      { id: "cached" },
      { id: "optional", onError: "continue" },
      { id: "strict" },
      { id: "use", needs: ["fetch", "optional"] },
      { id: "afterStrict", needs: ["strict"] },
    ];
    const g = GraphDag.of({ nodes });
    expect(g.entries()).toEqual(["fetch", "optional", "strict"]);
    expect(g.isStandby("cached")).toBe(true);
    expect(g.readyNodes({})).toEqual(["fetch", "optional", "strict"]);
    expect(g.readyNodes({ fetch: "succeeded", optional: "failed", strict: "failed" })).toEqual(["use"]);
    expect(g.readyNodes({ fetch: "failed", optional: "succeeded", strict: "succeeded" })).toEqual(["cached", "afterStrict"]);
    expect(g.readyNodes({ fetch: "failed", cached: "succeeded", optional: "succeeded" })).toEqual(["strict", "use"]);
    expect(g.readyNodes({ fetch: "failed", cached: "failed", optional: "succeeded", strict: "running" })).toEqual([]);
  });

  it("lets nodes that need an unused standby node proceed", () => {
    const g = GraphDag.of({ nodes: [{ id: "a", onError: { fallback: "b" } }, { id: "b" }, { id: "c", needs: ["a", "b"] }] });
    expect(g.readyNodes({ a: "succeeded" })).toEqual(["c"]);
    expect(g.readyNodes({ a: "failed" })).toEqual(["b"]);
  });
});

describe("skippedByRouter", () => {
  it("skips the branch not taken but keeps joins reachable through the taken one", () => {
    expect(dag.skippedByRouter("review", ["auto"])).toEqual(["approval"]);
    expect(dag.skippedByRouter("review", ["approval"])).toEqual(["auto"]);
    expect(dag.skippedByRouter("review", [])).toEqual(["approval", "auto", "decision"]);
  });

  it("skips everything only reachable through untaken branches, not other dependents", () => {
    const g = GraphDag.of({
      nodes: [
        { id: "r", type: "router", routes: [{ to: ["a", "b"] }, { to: "c" }] },
        { id: "a", needs: ["r"] },
        { id: "b", needs: ["r"] },
        { id: "c", needs: ["r"] },
        { id: "a2", needs: ["a"] },
        { id: "c2", needs: ["c"] },
        { id: "log", needs: ["r"] },
        { id: "join", needs: ["a2", "c2"] },
        { id: "mixed", needs: ["c2", "log"] },
      ],
    });
    // "mixed" also hangs off "log", which always runs, so it runs too.
    expect(g.skippedByRouter("r", ["a", "b"])).toEqual(["c", "c2"]);
    expect(g.skippedByRouter("r", ["c"])).toEqual(["a", "b", "a2"]);
  });

  it("skips a target not taken even when it also needs a taken branch", () => {
    const g = GraphDag.of({
      nodes: [
        { id: "r", type: "router", routes: [{ to: "a" }], default: "b" },
        { id: "a", needs: ["r"] },
        { id: "b", needs: ["r", "a"] },
        { id: "afterB", needs: ["b"] },
      ],
    });
    expect(g.skippedByRouter("r", ["a"])).toEqual(["b", "afterB"]);
  });

  it("refuses non-routers and foreign targets", () => {
    expect(() => dag.skippedByRouter("pricing", [])).toThrow('"pricing" is not a router node');
    expect(() => dag.skippedByRouter("review", ["decision"])).toThrow('router "review" cannot take "decision": not one of its targets');
  });
});

describe("canMigrate", () => {
  const agent = (id: string, needs?: string[], extra: Partial<TNodeSpec> = {}) =>
    ({ id, type: "agent", model: "sim:fast", prompt: "go", ...(needs ? { needs } : {}), ...extra }) as TNodeSpec;
  const v1: TGraphSpec = {
    name: "g",
    nodes: [agent("a"), agent("b", ["a"], { output: { type: "object" } } as Partial<TNodeSpec>), agent("c", ["b"])],
  };

  it("allows a change to nodes that have not run", () => {
    const v2: TGraphSpec = { ...v1, nodes: [v1.nodes[0]!, v1.nodes[1]!, agent("c", ["b"], { prompt: "new" } as Partial<TNodeSpec>), agent("d", ["c"])] };
    expect(canMigrate(v1, v2, ["a", "b"])).toEqual({ ok: true });
  });

  it("explains every incompatibility", () => {
    const v2: TGraphSpec = {
      ...v1,
      nodes: [
        { id: "a", type: "output", value: 1 },
        agent("x"),
        agent("b", ["a", "x"], { output: { type: "object", properties: { y: { type: "string" } } } } as Partial<TNodeSpec>),
      ],
    };
    expect(canMigrate(v1, v2, ["a", "b", "c", "zz"])).toEqual({
      ok: false,
      reasons: [
        'node "a" has finished as an agent node but is an output node in the new version',
        'node "b" has finished but in the new version needs "x", which has not run',
        'node "b" has finished but its output schema changed, so nodes after it would read the old shape',
        'node "c" has finished but no longer exists in the new version',
        'node "zz" is listed as finished but is not part of the run\'s current version',
      ],
    });
  });

  it("refuses when a finished router's targets changed", () => {
    const router = (to: string) => ({ id: "r", type: "router", routes: [{ when: "true", to }], default: "y" }) as TNodeSpec;
    const before: TGraphSpec = { name: "g", nodes: [router("x"), agent("x", ["r"]), agent("y", ["r"])] };
    const after: TGraphSpec = { name: "g", nodes: [router("y"), agent("x", ["r"]), agent("y", ["r"])] };
    expect(canMigrate(before, after, ["r"])).toEqual({
      ok: false,
      reasons: ['router "r" has already chosen a route but its targets changed in the new version'],
    });
  });
});
