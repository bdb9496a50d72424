import { describe, expect, it } from "vitest";
import { spanIdOf, traceIdOf } from "./span-ids";

describe("span ids", () => {
  it("are valid OTel ids, the same for the same record in any process", () => {
    expect(traceIdOf("run_1")).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdOf("run_1")).toBe(traceIdOf("run_1"));
    expect(spanIdOf({ node: { runId: "run_1", nodeId: "a" } })).toMatch(/^[0-9a-f]{16}$/);
    expect(spanIdOf({ node: { runId: "run_1", nodeId: "a" } })).toBe(spanIdOf({ node: { runId: "run_1", nodeId: "a" } }));
  });
  it("differ between records and between kinds of record with the same id", () => {
    const ids = [
      spanIdOf({ run: "x" }),
      spanIdOf({ delegation: "x" }),
      spanIdOf({ approval: "x" }),
      spanIdOf({ ledger: "x" }),
      spanIdOf({ node: { runId: "x", nodeId: "a" } }),
      spanIdOf({ node: { runId: "x", nodeId: "b" } }),
      spanIdOf({ tool: { runId: "x", nodeId: "a", attempt: 1, call: "0" } }),
      spanIdOf({ tool: { runId: "x", nodeId: "a", attempt: 2, call: "0" } }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
