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
});
