import { describe, expect, it } from "vitest";
import { formatCostsCsv } from "./format-costs-csv";

const row = (key: string, label: string | null = null) => ({ key, label, calls: 1, inputTokens: 10, outputTokens: 5, costUsd: "0.000012" });

describe("formatCostsCsv", () => {
  it("writes a header and one line per row", () => {
    expect(formatCostsCsv({ groupBy: "graph", rows: [row("gr_1", "Support triage")] })).toBe(
      "graph,label,calls,input_tokens,output_tokens,cost_usd\r\ngr_1,Support triage,1,10,5,0.000012\r\n",
    );
  });

  it("quotes separators and quotes, and defuses formulas", () => {
    const csv = formatCostsCsv({ groupBy: "customer", rows: [row('ACME, "EU"'), row("=HYPERLINK(1)"), row("-5")] });
    expect(csv.split("\r\n").slice(1, 4)).toEqual(['"ACME, ""EU""",,1,10,5,0.000012', "'=HYPERLINK(1),,1,10,5,0.000012", "'-5,,1,10,5,0.000012"]);
  });

  it("writes a split time series as one column per key, then other and the period's total", () => {
    const csv = formatCostsCsv({
      groupBy: "day",
      rows: [
        { ...row("2026-11-01"), costUsd: "0.75" },
        { ...row("2026-11-02"), costUsd: "0.1" },
      ],
      splits: {
        by: "customer",
        keys: [
          { key: "sim:fast", label: null, costUsd: "0.5" },
          { key: "", label: null, costUsd: "0.2" },
          { key: "=cmd", label: null, costUsd: "0.1" },
        ],
        otherKeys: 2,
        rows: [
          { period: "2026-11-01", values: { "sim:fast": "0.5", "": "0.2", "=cmd": "0" }, otherUsd: "0.05" },
          { period: "2026-11-02", values: { "sim:fast": "0", "": "0", "=cmd": "0.1" }, otherUsd: "0" },
        ],
        basis: "rollup",
      },
    });
    expect(csv).toBe("day,sim:fast,not attributed,'=cmd,other_usd,total_usd\r\n2026-11-01,0.5,0.2,0,0.05,0.75\r\n2026-11-02,0,0,0.1,0,0.1\r\n");
  });
});
