/**
 * Wire shapes of the FinOps API as the browser reads them. Amounts of money arrive as decimal
 * strings (never floats on the server); the browser turns them into numbers only to draw.
 */

import type { BudgetStatus as ServerBudgetStatus } from "@/lib/finops/list-budgets";
import type { ModelListing as ServerModelListing } from "@/lib/finops/list-models";
import type { ForecastAccuracyReport as ServerForecastAccuracyReport } from "@/lib/finops/query-forecast-accuracy";
import type { CostRow as ServerCostRow, CostSplits as ServerCostSplits } from "@/lib/finops/query-costs";

/** A server type as it arrives over JSON: dates become ISO strings. Type-only, nothing server-side is bundled. */
export type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type BudgetStatus = Wire<ServerBudgetStatus>;
export type BudgetWindowStatus = BudgetStatus["current"][number];
export type ModelListing = Wire<ServerModelListing>;
/** `GET /api/v1/costs/forecast-accuracy` */
export type ForecastAccuracyReport = Wire<ServerForecastAccuracyReport>;

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
export type CostRowWire = Wire<ServerCostRow>;

export interface CostReportWire {
  groupBy: GroupBy | Bucket;
  from: string;
  to: string;
  graphId: string | null;
  rows: CostRowWire[];
  /** Groups in the range; more than `rows.length` when the API's limit cut the list. */
  groups?: number;
  /** Groups before `rows[0]` (a page further down the list). */
  offset?: number;
  total: { calls: number; inputTokens: number; outputTokens: number; costUsd: string };
  basis: "rollup" | "month-rollup" | "ledger";
  /** With `splitBy`: each period's spend for the range's top keys of that dimension, and the rest. */
  splits?: CostSplitsWire;
}

/** `splits` of `GET /api/v1/costs?groupBy=day|month&splitBy=…` (lib/finops/query-costs.ts). */
export type CostSplitsWire = Wire<ServerCostSplits>;
