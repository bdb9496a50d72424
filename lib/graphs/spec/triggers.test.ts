import { describe, expect, it } from "vitest";
import { completedStatuses, triggerIds } from "./triggers";

describe("triggerIds", () => {
  it("numbers repeated types in order and keeps explicit ids", () => {
    expect(triggerIds([{ type: "event" }, { type: "api", id: "manual" }, { type: "event" }, { type: "event", id: "late" }, { type: "event" }])).toEqual([
      "event",
      "manual",
      "event_2",
      "late",
      "event_3",
    ]);
  });
  it("defaults graph_completed statuses to succeeded", () => {
    expect(completedStatuses(undefined)).toEqual(["succeeded"]);
    expect(completedStatuses("failed")).toEqual(["failed"]);
    expect(completedStatuses(["failed", "cancelled"])).toEqual(["failed", "cancelled"]);
  });
});
