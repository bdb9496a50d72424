import { describe, expect, it } from "vitest";
import { NOT_YET_RUNNABLE, validateGraphSpec } from "@/lib/graphs/spec";
import { GRAPH_TEMPLATES } from "@/lib/graphs/templates";
import { addNode, connect, copySelection, paste, removeElements, renameNode, updateNode } from "./edits";
import { diffLines, diffNodes } from "./json-diff";
import { parseGraphText } from "./import-file";
import { NODE_REGISTRY, PALETTE } from "./registry";
import { draftFromSpec, edgesOf, specFromDraft, upstreamOf, wouldCycle } from "./spec-draft";
import type { TDraft } from "./types";

const specs = (d: TDraft) => d.nodes.map((n) => n.data.spec);

describe("registry", () => {
  it("has every node type, and each default node passes its own schema", () => {
    expect(PALETTE.map((p) => p.type)).toEqual(["agent", "tool", "router", "approval", "supervisor", "map", "subgraph", "wait", "output"]);
    // types the runtime cannot run yet are offered marked as a preview
    expect(PALETTE.filter((p) => p.preview).map((p) => p.type)).toEqual([...NOT_YET_RUNNABLE]);
    for (const info of PALETTE) {
      const node = info.defaults(`${info.type}1`);
      // need a graph name / a target / a URL the user picks: the problem list asks for them
      if (info.type === "subgraph" || info.type === "router" || info.type === "tool") continue;
      expect(info.schema.safeParse(node).success, info.type).toBe(true);
    }
  });
});

describe("drafts", () => {
  it("round-trips every template through the builder unchanged", () => {
    for (const t of GRAPH_TEMPLATES) expect(specFromDraft(draftFromSpec(t.spec))).toEqual(t.spec);
  });

  it("builds a valid three-node graph from palette defaults", () => {
    let d: TDraft = { meta: { name: "three", input: { type: "object", properties: { text: { type: "string" } } } }, nodes: [] };
    d = addNode(d, "agent", { x: 0, y: 0 });
    d = addNode(d, "approval", { x: 260, y: 0 });
    d = addNode(d, "output", { x: 520, y: 0 });
    d = connect(connect(d, "agent", "approval"), "approval", "output");
    expect(edgesOf(specs(d)).map((e) => e.id)).toEqual(["agent->approval", "approval->output"]);
    expect(validateGraphSpec(specFromDraft(d)).ok).toBe(true);
    expect(d.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["output"]);
  });

  it("removing a node drops it from every needs; removing an edge drops one need", () => {
    let d = draftFromSpec({ name: "g", nodes: [{ id: "a", type: "output", value: 1 }, { id: "b", type: "output", value: 1, needs: ["a"] }, { id: "c", type: "output", value: 1, needs: ["a", "b"] }] });
    d = removeElements(d, [], [{ source: "a", target: "c" }]);
    expect(specs(d)[2]!.needs).toEqual(["b"]);
    d = removeElements(d, ["b"], []);
    expect(specs(d).map((s) => [s.id, s.needs])).toEqual([["a", undefined], ["c", undefined]]);
  });

  it("renames a node in needs and router targets", () => {
    const d = renameNode(
      draftFromSpec({ name: "g", nodes: [{ id: "r", type: "router", routes: [{ when: "true", to: ["x"] }], default: "x" }, { id: "x", type: "output", value: 1, needs: ["r"] }] }),
      "x",
      "done",
    );
    expect(specs(d)[0]).toMatchObject({ routes: [{ when: "true", to: ["done"] }], default: "done" });
    expect(specs(d)[1]).toMatchObject({ id: "done", needs: ["r"] });
    expect(d.nodes[1]!.id).toBe("done");
  });

  it("pastes copies with fresh ids and needs remapped inside the copy", () => {
    let d = draftFromSpec({ name: "g", nodes: [{ id: "a", type: "output", value: 1 }, { id: "b", type: "output", value: 1, needs: ["a"] }] });
    d = { ...d, nodes: d.nodes.map((n) => ({ ...n, selected: true })) };
    d = paste(d, copySelection(d)!);
    expect(specs(d).map((s) => [s.id, s.needs])).toEqual([["a", undefined], ["b", ["a"]], ["a_2", undefined], ["b_2", ["a_2"]]]);
  });

  it("keeps specs that did not change identical, and refuses cycles", () => {
    const d = draftFromSpec({ name: "g", nodes: [{ id: "a", type: "output", value: 1 }, { id: "b", type: "output", value: 1, needs: ["a"] }] });
    const e = updateNode(d, "b", (s) => ({ ...s, value: 2 }));
    expect(e.nodes[0]).toBe(d.nodes[0]);
    expect(updateNode(d, "b", (s) => s)).toBe(d);
    expect(wouldCycle(specs(d), "b", "a")).toBe(true);
    expect(wouldCycle(specs(d), "a", "b")).toBe(false);
    expect(upstreamOf(specs(d), "b")).toEqual(["a"]);
  });
});

describe("diffs", () => {
  it("marks added, removed and changed nodes, ignoring positions", () => {
    const marks = diffNodes(
      [{ id: "a", type: "output", value: 1 }, { id: "b", type: "output", value: 1, position: { x: 0, y: 0 } }, { id: "c", type: "output", value: 1 }],
      [{ id: "b", type: "output", value: 1, position: { x: 9, y: 9 } }, { id: "c", type: "output", value: 2 }, { id: "d", type: "output", value: 1 }],
    );
    expect(Object.fromEntries(marks)).toEqual({ a: "removed", c: "changed", d: "added" });
  });

  it("diffs lines with removals before additions", () => {
    expect(diffLines(["a", "b", "c"], ["a", "x", "c"]).map((l) => `${l.kind}:${l.text}`)).toEqual(["same:a", "del:b", "add:x", "same:c"]);
  });
});

describe("import", () => {
  it("refuses broken YAML with a line number and offers to open a spec that only fails validation", () => {
    const broken = parseGraphText("name: x\nnodes:\n  - id: a\n    type: [agent\n", "broken.yaml");
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.reason).toBe("broken.yaml is not valid JSON or YAML.");
      expect(broken.problems[0]!.line).toBeGreaterThan(0);
      expect(broken.openable).toBeUndefined();
    }
    const fixable = parseGraphText(JSON.stringify({ name: "f", nodes: [{ id: "a", type: "agent", model: "sim:fast", prompt: "{{nodes.zz.output}}" }] }), "f.json");
    expect(fixable.ok).toBe(false);
    if (!fixable.ok) expect(fixable.openable).toBeDefined();
    expect(parseGraphText(JSON.stringify(GRAPH_TEMPLATES[0]!.spec)).ok).toBe(true);
  });

  it("gives every node type a label and an icon", () => {
    for (const info of Object.values(NODE_REGISTRY)) expect(info.label && info.icon).toBeTruthy();
  });
});
