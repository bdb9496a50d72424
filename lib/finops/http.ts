import "server-only";
import { errorResponse, json } from "../api/handler";
import { BudgetExceededError, LoopDetectedError } from "./errors";

/**
 * The HTTP answer to a refused spend: `402 Payment Required` with the budget that refused it
 * (what is spent, what the call needed, how much to raise), `429` for a runaway stop, and the
 * product's usual error shape for anything else.
 *
 * @example
 * try { … } catch (err) { return spendErrorResponse(err); }
 */
export function spendErrorResponse(err: unknown): Response {
  if (err instanceof BudgetExceededError) return json({ error: err.message, code: err.code, budget: err.toJSON() }, 402);
  if (err instanceof LoopDetectedError) return json({ error: err.message, code: err.code, details: err.details }, 429);
  return errorResponse(err);
}
