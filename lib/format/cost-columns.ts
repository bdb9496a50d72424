/**
 * The measures of a cost report row, named once: the heading a person reads on the costs screen
 * and the CSV column a spreadsheet or script reads (stable, lower case, units in the name).
 */
export const COST_COLUMNS = [
  { key: "calls", heading: "Calls", csv: "calls" },
  { key: "inputTokens", heading: "Input tokens", csv: "input_tokens" },
  { key: "outputTokens", heading: "Output tokens", csv: "output_tokens" },
  { key: "costUsd", heading: "Cost", csv: "cost_usd" },
] as const;

/** The CSV columns of a time series split by a dimension, after one column per named key. */
export const SPLIT_CSV_COLUMNS = { other: "other_usd", total: "total_usd", unattributed: "not attributed" } as const;
