import { describe, expect, it } from "vitest";
import { costOf, delegationStatus, groupByNode, summarise, type TDelegationNode } from "./delegation-types";

const d = (over: Partial<TDelegationNode>): TDelegationNode => ({
  id: `dlg_${over.nodeId}_${over.seq}`,
  nodeId: "lead",
  seq: 1,
  turn: 1,
  agent: "pricing",
  kind: "inline",
  status: "done",
  request: { task: "Price it" },
  result: null,
  confidence: null,
  costUsd: "0.000120000000",
  childRunId: null,
  approvalId: null,
  fallbackFor: null,
  startedAt: null,
  endedAt: null,
  ...over,
});

describe("the delegation tree's helpers", () => {
  it("groups by node in first-seen order, each in seq order, whatever order the rows came in", () => {
    const groups = groupByNode([d({ nodeId: "lines", seq: 2, kind: "map" }), d({ seq: 2 }), d({ nodeId: "lines", seq: 0, kind: "map" }), d({ seq: 1 })]);
    expect(groups.map((g) => [g.nodeId, g.items.map((i) => i.seq)])).toEqual([["lines", [0, 2]], ["lead", [1, 2]]]);
  });

  it("sums decimal costs given as strings or numbers, and counts statuses", () => {
    expect(costOf(d({ costUsd: null }))).toBe(0);
    const sum = summarise([d({ costUsd: "0.25" }), d({ costUsd: 0.5, status: "escalate" }), d({ costUsd: "0.25", status: "escalate" })]);
    expect(sum).toEqual({ count: 3, costUsd: 1, byStatus: { done: 1, escalate: 2 } });
  });

  it("shows every status as words (an icon never alone), unknown ones as themselves", () => {
    expect(delegationStatus("unavailable").label).toMatch(/breaker open/);
    expect(delegationStatus("rejected").label).toBe("Out of scope");
    expect(delegationStatus("paused")).toMatchObject({ label: "paused" });
  });
});
