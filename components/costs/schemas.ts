/**
 * Form schemas for budgets, prices, secrets and providers, in the browser. The API's own schemas
 * (`lib/finops/budget-schemas.ts`, `lib/finops/put-model-price.ts`, `lib/secrets/secrets.ts`,
 * `lib/providers/credentials.ts`) pull in the database client or `server-only`, so these mirror
 * their rules and messages; amounts stay decimal strings so every digit typed reaches the API.
 * The API validates again and its 422 issues land on the same fields.
 */
import { z } from "zod";
import { BUDGET_PERIODS, BUDGET_SCOPES, ON_EXCEED } from "@/lib/finops/budget-options";
import { fieldErrors } from "@/lib/schemas/account";

const DECIMAL = /^\d{1,12}(\.\d{1,12})?$/;

/** A non-negative USD amount typed into a form, kept as a decimal string. */
export const ZUsdText = z
  .string()
  .trim()
  .min(1, { error: "Enter an amount in US dollars" })
  .regex(DECIMAL, { error: 'Must be a decimal amount of US dollars such as "12.50"' });

export const ZPositiveUsdText = ZUsdText.refine((v) => Number(v) > 0, { error: "Must be more than zero" });

export { BUDGET_PERIODS, BUDGET_SCOPES, ON_EXCEED };

export const SCOPE_LABEL: Record<(typeof BUDGET_SCOPES)[number], string> = {
  workspace: "Whole workspace",
  graph: "Graph",
  agent: "Agent",
  tag: "Tag",
  customer: "Customer key",
  run: "Each run",
};
export const PERIOD_LABEL: Record<(typeof BUDGET_PERIODS)[number], string> = { run: "Per run", day: "Per day", month: "Per month" };
export const ON_EXCEED_LABEL: Record<(typeof ON_EXCEED)[number], string> = {
  pause: "Pause the run (approve to resume)",
  stop: "Stop the run",
  downgrade: "Downgrade to a cheaper model",
};

/** "50, 80, 100" → [50, 80, 100] with the API's rules. */
export const ZThresholdsText = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (!s) return [] as number[];
    const parts = s.split(/[\s,]+/).filter(Boolean);
    const nums = parts.map(Number);
    if (nums.some((n) => !Number.isInteger(n) || n < 1 || n > 100)) {
      ctx.addIssue({ code: "custom", message: "Use whole percentages between 1 and 100, e.g. 50, 80, 100" });
      return z.NEVER;
    }
    if (nums.length > 10) {
      ctx.addIssue({ code: "custom", message: "At most 10 thresholds" });
      return z.NEVER;
    }
    if (!nums.every((x, i) => i === 0 || x > nums[i - 1]!)) {
      ctx.addIssue({ code: "custom", message: "Must be increasing percentages, e.g. 50, 80, 100" });
      return z.NEVER;
    }
    return nums;
  });

/** The budget form (create and edit); mirrors `ZCreateBudgetRequestSchema`. */
export const ZBudgetForm = z
  .object({
    name: z.string().trim().min(1, { error: "Give the budget a name" }).max(120, { error: "At most 120 characters" }),
    scope: z.enum(BUDGET_SCOPES),
    scopeRef: z.string().trim().max(200, { error: "At most 200 characters" }),
    period: z.enum(BUDGET_PERIODS),
    limitUsd: ZPositiveUsdText,
    onExceed: z.enum(ON_EXCEED),
    thresholds: ZThresholdsText,
    enabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "workspace" && v.scopeRef) ctx.addIssue({ code: "custom", path: ["scopeRef"], message: "Leave empty for a workspace budget" });
    if (v.scope === "run" && v.period !== "run") ctx.addIssue({ code: "custom", path: ["period"], message: 'Must be "Per run" for a run budget' });
  });
export type TBudgetForm = z.infer<typeof ZBudgetForm>;

/** The price override form; mirrors `ZPutModelPriceRequestSchema` (USD per million tokens). */
export const ZPriceForm = z.object({
  inputUsdPerMTok: ZUsdText,
  outputUsdPerMTok: ZUsdText,
  cachedUsdPerMTok: z.union([z.literal(""), ZUsdText]),
});

/** A custom model id, `provider:model`. */
export const ZModelId = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]*:[^\s]+$/, { error: 'Must be "provider:model", e.g. "openai-compatible:llama3.1"' })
  .max(200);

/** Mirrors `ZSecretNameSchema` and `ZPutSecretRequestSchema`. */
export const ZSecretForm = z.object({
  name: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,63}$/, { error: "Use UPPER_SNAKE_CASE, e.g. VENDOR_API_KEY" }),
  value: z.string().min(1, { error: "Enter the secret's value" }).max(10_000, { error: "At most 10,000 characters" }),
});

/** Mirrors `ZPutProviderRequestSchema`: a key, a base URL, or both. */
export const ZProviderForm = z
  .object({
    apiKey: z.string().trim().max(500, { error: "At most 500 characters" }),
    baseUrl: z.union([z.literal(""), z.url({ error: "Must be an http(s) URL", protocol: /^https?$/ }).max(500)]),
  })
  .refine((v) => v.apiKey !== "" || v.baseUrl !== "", { error: "Give an API key, a base URL, or both", path: ["apiKey"] });

/** Webhook endpoint for budget alerts. */
export const ZWebhookForm = z.object({
  url: z.url({ error: "Must be an http(s) URL", protocol: /^https?$/ }).max(2000),
});

/** field → first message, for forms: {@link fieldErrors}, with a form-wide issue under `form`. */
export function formErrors(error: z.ZodError): Record<string, string> {
  const { "(body)": form, ...fields } = fieldErrors(error);
  return form === undefined ? fields : { ...fields, form };
}
