import { describe, expect, it } from "vitest";
import { readEscalationChain, waitStops } from "./escalation-chain";

const admin = [{ role: "admin" }];

describe("waitStops", () => {
  it("checks the row first, then applies each chain step at the sum of the afters before it", () => {
    const chain = [{ after: "10m", to: admin }, { after: "1h", to: [{ role: "owner" }] }];
    expect(waitStops(86_400_000, 20_000, chain)).toEqual([{ atMs: 20_000, level: 0 }, { atMs: 600_000, level: 1 }, { atMs: 4_200_000, level: 2 }]);
  });

  it("needs no separate check when a chain step comes first", () => {
    expect(waitStops(60_000, 20_000, [{ after: "2s", to: admin }])).toEqual([{ atMs: 2_000, level: 1 }]);
  });

  it("drops steps due when the wait ends, and keeps the plain wait's single check without a chain", () => {
    expect(waitStops(60_000, 20_000, [{ after: "30s", to: admin }, { after: "30s", to: admin }])).toEqual([{ atMs: 20_000, level: 0 }, { atMs: 30_000, level: 1 }]);
    expect(waitStops(60_000, 20_000, [])).toEqual([{ atMs: 20_000, level: 0 }]);
    expect(waitStops(10_000, 20_000, [])).toEqual([]);
  });

  it("counts what the engine really waits (whole seconds)", () => {
    expect(waitStops(60_000, 20_000, [{ after: "1500ms", to: admin }, { after: "1500ms", to: admin }], (ms) => Math.ceil(ms / 1000) * 1000)).toEqual([
      { atMs: 2_000, level: 1 },
      { atMs: 4_000, level: 2 },
    ]);
  });
});

describe("readEscalationChain", () => {
  it("keeps well-formed steps and drops the rest", () => {
    expect(readEscalationChain([{ after: "4h", to: admin }, { after: "soon", to: admin }, { after: "1h", to: [] }, null])).toEqual([{ after: "4h", to: admin }]);
    expect(readEscalationChain({ after: "4h" })).toEqual([]);
  });
});
