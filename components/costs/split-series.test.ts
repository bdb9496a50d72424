import { describe, expect, it } from "vitest";
import { splitKeyLabel, splitTimeSeries } from "./split-series";

const SERIES_COLORS = ["#1", "#2", "#3", "#4", "#5", "#6", "#grey"];

describe("splitKeyLabel", () => {
  it("names graphs and versions, and the empty key as not attributed", () => {
    expect(splitKeyLabel("graph", { key: "gr_1", label: "Support triage" })).toBe("Support triage");
    expect(splitKeyLabel("version", { key: "gr_1@2", label: "Support triage" })).toBe("Support triage v2");
    expect(splitKeyLabel("version", { key: "@0", label: null })).toBe("not attributed");
    expect(splitKeyLabel("model", { key: "", label: null })).toBe("not attributed");
    expect(splitKeyLabel("model", { key: "openai:gpt-4.1", label: null })).toBe("openai:gpt-4.1");
  });
});

describe("splitTimeSeries", () => {
  it("fills every period, one series per key, and other only when something was spent there", () => {
    const splits = {
      by: "model" as const,
      keys: [
        { key: "openai:gpt-4.1", label: null, costUsd: "1.5" },
        { key: "", label: null, costUsd: "0.25" },
      ],
      otherKeys: 1,
      rows: [{ period: "2026-11-02", values: { "openai:gpt-4.1": "1.5", "": "0.25" }, otherUsd: "0.125" }],
      basis: "rollup" as const,
    };
    const { data, series } = splitTimeSeries(splits, ["2026-11-01", "2026-11-02"], SERIES_COLORS);
    expect(data).toEqual([
      { period: "2026-11-01", s0: 0, s1: 0, other: 0 },
      { period: "2026-11-02", s0: 1.5, s1: 0.25, other: 0.125 },
    ]);
    expect(series.map((s) => [s.key, s.label, s.splitKey])).toEqual([
      ["s0", "openai:gpt-4.1", "openai:gpt-4.1"],
      ["s1", "not attributed", ""],
      ["other", "Other models", null],
    ]);
    expect(splitTimeSeries({ ...splits, rows: [{ ...splits.rows[0]!, otherUsd: "0" }] }, ["2026-11-02"], SERIES_COLORS).series.map((s) => s.key)).toEqual(["s0", "s1"]);
  });
});
