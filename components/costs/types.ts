/**
 * Wire shapes of the FinOps API as the browser reads them. Amounts of money arrive as decimal
 * strings (never floats on the server); the browser turns them into numbers only to draw.
 */

export interface BudgetWindowStatus {
  windowKey: string;
  limitUsd: string;
  spentUsd: string;
  reservedUsd: string;
  remainingUsd: string;
  usedPct: number;
  /** Spend at the period's end at the pace so far (day and month budgets only). */
  projectedUsd: string | null;
  alertedPct: number;
}

export interface BudgetStatus {
  id: string;
  name: string;
  scope: string;
  scopeRef: string | null;
  period: string;
  limitUsd: string;
  onExceed: string;
  thresholds: number[];
  enabled: boolean;
  source: string;
  graphVersionId: string | null;
  createdAt: string;
  updatedAt: string;
  current: BudgetWindowStatus[];
}

export interface ModelPrices {
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cachedUsdPerMTok: string | null;
}

export interface ModelListing {
  modelId: string;
  provider: string;
  tier: string | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  inputUsdPerMTok: string | null;
  outputUsdPerMTok: string | null;
  cachedUsdPerMTok: string | null;
  source: "catalogue" | "override" | "custom" | "simulated" | string | null;
  catalogue: ModelPrices | null;
  override: (ModelPrices & { effectiveFrom: string; custom: boolean }) | null;
  available: boolean;
  simulated: boolean;
}

export const GROUP_BYS = ["agent", "model", "graph", "version", "tag", "customer"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export type Bucket = "day" | "month";

export const GROUP_LABEL: Record<GroupBy, string> = {
  agent: "Agent",
  model: "Model",
  graph: "Graph",
  version: "Graph version",
  tag: "Tag",
  customer: "Customer key",
};

/** One row of a grouped cost report, normalised (see `normaliseCostReport`). */
export interface CostRow {
  /** The group's key as the API filters by it (agent name, model id, graph id, "graphId@3", tag, customer key, day). */
  key: string;
  /** A human label (graph name, "Graph v3"); the key when the API sends none. */
  label: string;
  costUsd: number;
  /** The exact decimal string the API sent. */
  costText: string;
  calls: number | null;
  runs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Graph id for version rows and graph rows (drill-down). */
  graphId: string | null;
  version: number | null;
  simulated: boolean;
  /** First and last spend within the range, when the API sends them. */
  firstAt: string | null;
  lastAt: string | null;
}

export interface CostReport {
  rows: CostRow[];
  totalUsd: number;
  totalText: string;
  /** Time series: one point per day or month, with each group's spend in its own key. */
  series: { period: string; total: number; byKey: Record<string, number> }[];
  /** Forecast vs actual, when the API provides it. */
  forecast: { period: string; forecastUsd: number; actualUsd: number }[] | null;
}
