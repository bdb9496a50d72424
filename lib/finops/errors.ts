/**
 * Typed errors that stop spending. They cross durable step boundaries (the runtime serialises
 * them into the run's error and decides to pause, stop or downgrade), so every field is plain
 * JSON: money as decimal strings, never floats.
 */

/** What a budget does when a call would exceed it. */
export type OnExceed = "pause" | "stop" | "downgrade";

export interface BudgetExceededDetails {
  budgetId: string;
  budgetName: string;
  scope: string;
  scopeRef: string | null;
  period: string;
  /** The window that is full: a day (`2026-11-24`), a month (`2026-11`) or a run id, maybe with the scope value. */
  windowKey: string;
  /** Limit of the window (budget limit plus any raise granted to this window), USD. */
  limitUsd: string;
  spentUsd: string;
  reservedUsd: string;
  /** Worst-case cost of the refused call. */
  requestedUsd: string;
  /** The smallest raise that would let this call through. */
  shortfallUsd: string;
  onExceed: OnExceed;
  /** `delegation`: the cap a supervisor gave a delegation (not one of the workspace's budgets) */
  source?: string;
}

/**
 * A call was refused because reserving its worst-case cost would exceed a budget. Nothing was
 * spent. `onExceed` says what the budget wants done; {@link raiseBudget} with `shortfallUsd`
 * (or more) and `windowKey` lets the same call through on retry.
 *
 * @example
 * try { await guard.beforeModelCall(event); }
 * catch (err) { if (err instanceof BudgetExceededError && err.onExceed === "pause") { … } }
 */
export class BudgetExceededError extends Error implements BudgetExceededDetails {
  readonly code = "budget_exceeded" as const;
  readonly reason = "budget_exceeded" as const;
  /** Not retryable as is: retrying spends nothing until the budget changes. */
  readonly retryable = false;
  readonly budgetId!: string;
  readonly budgetName!: string;
  readonly scope!: string;
  readonly scopeRef!: string | null;
  readonly period!: string;
  readonly windowKey!: string;
  readonly limitUsd!: string;
  readonly spentUsd!: string;
  readonly reservedUsd!: string;
  readonly requestedUsd!: string;
  readonly shortfallUsd!: string;
  readonly onExceed!: OnExceed;
  readonly source?: string;

  constructor(details: BudgetExceededDetails) {
    super(
      `Budget "${details.budgetName}" (${details.scope}${details.scopeRef ? ` ${details.scopeRef}` : ""}, per ${details.period}) would be exceeded: ` +
        `$${details.spentUsd} spent and $${details.reservedUsd} reserved of $${details.limitUsd}; this call may cost up to $${details.requestedUsd}. ` +
        (details.source === "delegation"
          ? `This is the share of the supervisor's budget its delegation was given: let the supervisor give it at least $${details.shortfallUsd} more (the delegation's budgetUsd, or the supervisor's budgetUsd).`
          : `Raise the budget by at least $${details.shortfallUsd} to continue.`),
    );
    this.name = "BudgetExceededError";
    Object.assign(this, details);
  }

  /** The error body's extra field (`402 { error, code, budget }`, see lib/errors.ts). */
  toErrorFields(): { budget: Record<string, unknown> } {
    return { budget: { ...this.toJSON() } };
  }

  /** The JSON form stored on runs and returned by the API. */
  toJSON(): BudgetExceededDetails & { code: "budget_exceeded"; message: string } {
    const { budgetId, budgetName, scope, scopeRef, period, windowKey, limitUsd, spentUsd, reservedUsd, requestedUsd, shortfallUsd, onExceed, source } = this;
    return { code: this.code, message: this.message, budgetId, budgetName, scope, scopeRef, period, windowKey, limitUsd, spentUsd, reservedUsd, requestedUsd, shortfallUsd, onExceed, ...(source === "delegation" ? { source } : {}) };
  }
}

/**
 * An agent is spending faster than a runaway-loop limit allows (cost velocity), so it is
 * stopped before the budget is gone. Not retryable.
 *
 * @example
 * if (err instanceof LoopDetectedError) failRun({ reason: err.reason }); // "loop_detected"
 */
export class LoopDetectedError extends Error {
  readonly code = "loop_detected" as const;
  readonly reason = "loop_detected" as const;
  readonly retryable = false;
  constructor(
    message: string,
    readonly details: { runId: string | null; windowSeconds: number; spentUsd: string; limitUsd: string },
  ) {
    super(message);
    this.name = "LoopDetectedError";
  }

  /** The error body's extra field (`429 { error, code, details }`, see lib/errors.ts). */
  toErrorFields(): { details: Record<string, unknown> } {
    return { details: { ...this.details } };
  }
}

/**
 * Shape check for a budget error that crossed a durable step boundary as plain JSON.
 *
 * @example
 * if (isBudgetExceeded(step.error)) openBudgetApproval(step.error);
 */
export function isBudgetExceeded(value: unknown): value is BudgetExceededDetails & { code: "budget_exceeded" } {
  return !!value && typeof value === "object" && (value as { code?: unknown }).code === "budget_exceeded" && typeof (value as { budgetId?: unknown }).budgetId === "string";
}
