import "server-only";
import type { WorkspaceContext } from "../auth/context";

/** A model's shared per-minute limit is used up; retry after `retryAfterMs` or route elsewhere. */
export class RateLimitedError extends Error {
  readonly code = "rate_limited" as const;
  readonly retryable = true;
  constructor(
    readonly modelId: string,
    readonly retryAfterMs: number,
    readonly limits: { requestsPerMinute: number | null; tokensPerMinute: number | null },
  ) {
    super(`Model ${modelId} is at its shared per-minute limit (${limits.requestsPerMinute ?? "∞"} requests, ${limits.tokensPerMinute ?? "∞"} tokens); retry in ${Math.ceil(retryAfterMs / 1000)}s or use a fallback model.`);
    this.name = "RateLimitedError";
  }

  /** The error body's extra field (`429 { error, code, details }`, see lib/errors.ts); `Retry-After` comes from `retryAfterMs`. */
  toErrorFields(): { details: Record<string, unknown> } {
    return { details: { modelId: this.modelId, retryAfterMs: this.retryAfterMs, limits: this.limits } };
  }
}

/**
 * Takes one request and `tokens` tokens from a model's per-minute allowance, shared by every
 * run and gateway call of the workspace (one row per workspace, model and minute in
 * PostgreSQL; the increment and the check are one statement, so concurrent callers cannot
 * both take the last slot). Throws {@link RateLimitedError} when the minute is used up. A
 * model without limits is not counted.
 *
 * @example
 * await consumeRateLimit(ctx, "openai:gpt-4o", 3_000, { requestsPerMinute: 500, tokensPerMinute: 200_000 });
 */
export async function consumeRateLimit(
  ctx: WorkspaceContext,
  modelId: string,
  tokens: number,
  limits: { requestsPerMinute?: number | null; tokensPerMinute?: number | null },
): Promise<void> {
  const rpm = limits.requestsPerMinute ?? null;
  const tpm = limits.tokensPerMinute ?? null;
  if (rpm === null && tpm === null) return;
  const ws = ctx.workspace.id;
  const rows = await ctx.db.$queryRaw<{ requests: number }[]>`
    insert into "RateLimitWindow" as w ("workspaceId", "key", "windowStart", "requests", "tokens")
    values (${ws}, ${modelId}, date_trunc('minute', now()), 1, ${tokens})
    on conflict ("workspaceId", "key", "windowStart") do update
       set "requests" = w."requests" + 1, "tokens" = w."tokens" + excluded."tokens"
     where (${rpm}::int is null or w."requests" + 1 <= ${rpm}::int)
       and (${tpm}::int is null or w."tokens" + excluded."tokens" <= ${tpm}::int)
    returning w."requests"`;
  if (rows.length) return;
  const retryAfterMs = 60_000 - (Date.now() % 60_000);
  throw new RateLimitedError(modelId, retryAfterMs, { requestsPerMinute: rpm, tokensPerMinute: tpm });
}

/**
 * Which of these models have used up the current minute (read-only; routing skips them).
 *
 * @example
 * await listRateLimitedModels(ctx, [{ modelId: "openai:gpt-4o", requestsPerMinute: 2, tokensPerMinute: null }]); // Set {}
 */
export async function listRateLimitedModels(ctx: WorkspaceContext, models: { modelId: string; requestsPerMinute: number | null; tokensPerMinute: number | null }[]): Promise<Set<string>> {
  const limited = models.filter((m) => m.requestsPerMinute !== null || m.tokensPerMinute !== null);
  if (!limited.length) return new Set();
  const rows = await ctx.db.$queryRaw<{ key: string; requests: number; tokens: number }[]>`
    select "key", "requests", "tokens" from "RateLimitWindow"
     where "workspaceId" = ${ctx.workspace.id} and "windowStart" = date_trunc('minute', now()) and "key" = any(${limited.map((m) => m.modelId)})`;
  const out = new Set<string>();
  for (const r of rows) {
    const m = limited.find((x) => x.modelId === r.key)!;
    if ((m.requestsPerMinute !== null && r.requests >= m.requestsPerMinute) || (m.tokensPerMinute !== null && r.tokens >= m.tokensPerMinute)) out.add(r.key);
  }
  return out;
}
