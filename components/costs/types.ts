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

/** One row of `GET /api/v1/costs` (lib/finops/query-costs.ts). */
export interface CostRowWire {
  /** agent, `provider:model`, graph id, `graphId@version`, tag, customer key, `YYYY-MM-DD` or `YYYY-MM` (`""` = not attributed) */
  key: string;
  label: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: string;
}

export interface CostReportWire {
  groupBy: GroupBy | Bucket;
  from: string;
  to: string;
  graphId: string | null;
  rows: CostRowWire[];
  /** Groups in the range; more than `rows.length` when the API's limit cut the list. */
  groups?: number;
  total: { calls: number; inputTokens: number; outputTokens: number; costUsd: string };
  basis: "rollup" | "ledger";
}
