/**
 * FinOps: what the runtime and other domains call. Everything else in lib/finops is internal
 * to the API routes. See README.md beside this file for the design.
 *
 * Runtime wiring (agent node):
 *   const guard = createSpendGuard({ ctx, plan, nodeId: node.id, attempt });
 *   try { await runAgent({ …, beforeModelCall: guard.beforeModelCall, afterModelCall: guard.afterModelCall }); }
 *   finally { await guard.release(); }
 * and when a BudgetExceededError escapes: `pause` → the run's approval of kind `budget` for that
 * window; on approval reserveRaisingShortfall(…) and re-run the node with that reservation;
 * `stop` → fail with reason `budget_exceeded`; `downgrade` → getCheaperModel(ctx, modelId).
 */
export { BudgetExceededError, LoopDetectedError, isBudgetExceeded, type BudgetExceededDetails, type OnExceed } from "./errors";
export { RateLimitedError } from "./consume-rate-limit";
export { raiseBudget, reserveRaisingShortfall } from "./raise-budget";
export { routeModel, getCheaperModel } from "./route-model";
export type { RoutingDecision } from "./choose-by-policy";
export { getBudgetUsage, type BudgetUsage } from "./get-budget-usage";
export { loadSpendContext } from "./load-spend-context";
export { getPrice, getPriceOrThrow, type ModelPriceQuote } from "./get-price";
export { recordCost, type RecordCostInput } from "./record-cost";
export { reserveBudget, type Reservation } from "./reserve-budget";
export { settleReservation, releaseReservation } from "./settle-reservation";
export { forecastRun, type RunForecast } from "./forecast-run";
export { forecastRunStart, type StartForecast, type StartForecastResult } from "./forecast-run-start";
