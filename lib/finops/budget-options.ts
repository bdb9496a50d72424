/**
 * The choices a budget is made of. Pure (no server imports), so the API's schemas
 * (`budget-schemas.ts`) and the browser's forms (`components/costs/schemas.ts`) share one list.
 */
export const BUDGET_SCOPES = ["workspace", "graph", "agent", "tag", "customer", "run"] as const;
export const BUDGET_PERIODS = ["run", "day", "month"] as const;
export const ON_EXCEED = ["pause", "stop", "downgrade"] as const;
