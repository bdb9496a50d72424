import { describe, expect, it } from "vitest";
import { afterFailure, afterPoll, firedKey, isRisingEdge, readWatchState, rememberKey, WATCH_KEYS_KEPT } from "./watch-state";

const empty = readWatchState(null);

describe("watch edges", () => {
  it("fires on false → true only: false, false, true, true, false, true fires twice", () => {
    let state = empty;
    const fired: boolean[] = [];
    [false, false, true, true, false, true].forEach((holds, i) => {
      fired.push(isRisingEdge(state, { holds }));
      state = afterPoll(state, { holds, tickAt: `t${i}` });
    });
    expect(fired).toEqual([false, false, true, false, false, true]);
  });

  it("a condition already true at the first poll is an edge; a failed poll in between keeps the previous value", () => {
    expect(isRisingEdge(empty, { holds: true })).toBe(true);
    let state = afterPoll(empty, { holds: true, tickAt: "t0" });
    state = afterFailure(state, "t1");
    expect(state.failures).toBe(1);
    expect(isRisingEdge(state, { holds: true })).toBe(false);
    expect(afterPoll(state, { holds: true, tickAt: "t2" }).failures).toBe(0);
  });

  it("with a key, a new key while the condition stays true is a new edge, the same key is not", () => {
    const state = afterPoll(empty, { holds: true, key: "v1", tickAt: "t0" });
    expect(isRisingEdge(state, { holds: true, key: "v1" })).toBe(false);
    expect(isRisingEdge(state, { holds: true, key: "v2" })).toBe(true);
    expect(isRisingEdge(state, { holds: false, key: "v2" })).toBe(false);
  });

  it("remembers the newest keys that started runs, and reads a damaged state as empty", () => {
    let state = empty;
    for (let i = 0; i < WATCH_KEYS_KEPT + 5; i++) state = rememberKey(state, `k${i}`, `run_${i}`);
    expect(state.keys).toHaveLength(WATCH_KEYS_KEPT);
    expect(firedKey(state, "k0")).toBeUndefined();
    expect(firedKey(state, `k${WATCH_KEYS_KEPT + 4}`)).toEqual({ key: `k${WATCH_KEYS_KEPT + 4}`, runId: `run_${WATCH_KEYS_KEPT + 4}` });
    expect(readWatchState({ last: "yes", keys: [1, { key: 2 }], failures: Number.NaN })).toEqual(empty);
  });
});
