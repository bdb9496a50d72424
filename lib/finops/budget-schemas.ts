/**
 * Request schemas of the Budget API. Rules that span fields (a workspace budget names nothing,
 * thresholds increase) are checked here so that a 422 names the field at fault.
 */
import { z } from "zod";
import { BUDGET_PERIODS, BUDGET_SCOPES, ON_EXCEED } from "./budget-options";
import { ZPositiveUsdAmount } from "./schemas";

export { BUDGET_PERIODS, BUDGET_SCOPES, ON_EXCEED };

const ZThresholds = z
  .array(z.number().int().min(1).max(100))
  .max(10, { error: "at most 10 thresholds" })
  .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), { error: "must be increasing percentages, e.g. [50, 80, 100]" });

const base = {
  name: z.string().trim().min(1, { error: "must not be empty" }).max(120),
  /** A graph id, an agent (`node` or `graph/node`), a tag or a customer key; omitted = each one separately. */
  scopeRef: z.string().trim().min(1).max(200).nullable().optional(),
  limitUsd: ZPositiveUsdAmount,
  onExceed: z.enum(ON_EXCEED).optional(),
  thresholds: ZThresholds.optional(),
  enabled: z.boolean().optional(),
};

/** Body of `POST /api/v1/budgets`. */
export const ZCreateBudgetRequestSchema = z
  .strictObject({ ...base, scope: z.enum(BUDGET_SCOPES), period: z.enum(BUDGET_PERIODS) })
  .superRefine((v, ctx) => {
    if (v.scope === "workspace" && v.scopeRef) ctx.addIssue({ code: "custom", path: ["scopeRef"], message: "must be omitted for a workspace budget" });
    if (v.scope === "run" && v.period !== "run") ctx.addIssue({ code: "custom", path: ["period"], message: 'must be "run" for a run budget' });
  });
export type TCreateBudgetRequest = z.infer<typeof ZCreateBudgetRequestSchema>;

/** Body of `PATCH /api/v1/budgets/:id`; scope and period are fixed once created (their windows depend on them). */
export const ZUpdateBudgetRequestSchema = z
  .strictObject({ name: base.name.optional(), limitUsd: ZPositiveUsdAmount.optional(), onExceed: base.onExceed, thresholds: base.thresholds, enabled: base.enabled })
  .refine((v) => Object.keys(v).length > 0, { error: "give at least one of name, limitUsd, onExceed, thresholds, enabled", path: ["name"] });
export type TUpdateBudgetRequest = z.infer<typeof ZUpdateBudgetRequestSchema>;

/** Body of `POST /api/v1/budgets/:id/raise`. */
export const ZRaiseBudgetRequestSchema = z.strictObject({
  byUsd: ZPositiveUsdAmount,
  /** Raise only this window (a run id, a day, a month — as the budget error names it). */
  windowKey: z.string().min(1).max(300).optional(),
});
