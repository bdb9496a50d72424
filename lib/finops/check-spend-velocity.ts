import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { LoopDetectedError } from "./errors";
import { formatUsd, usd, type Decimal } from "./money";
import { maxRunUsdPerMinute } from "../env";

/** Default runaway limit: a delegation tree spending more than this per minute is stopped. */
export const DEFAULT_MAX_USD_PER_MINUTE = "10";

/** The configured runaway limit (`SWITCHYARD_MAX_RUN_USD_PER_MINUTE`, USD per minute per run tree). */
export function maxUsdPerMinute(): Decimal {
  return usd(maxRunUsdPerMinute() ?? DEFAULT_MAX_USD_PER_MINUTE);
}

/**
 * Stops runaway loops by cost velocity: when the run tree (`rootRunId`) has spent more than
 * `limitUsd` in the last `windowSeconds`, counting the call about to be made, it throws a
 * {@link LoopDetectedError} (reason `loop_detected`) before the budget is gone. A loop of cheap
 * calls that never crosses a budget still hits this.
 *
 * @example
 * await checkSpendVelocity(ctx, { rootRunId: plan.runId, nextUsd: usd("0.02") });
 */
export async function checkSpendVelocity(
  ctx: WorkspaceContext,
  args: { rootRunId: string; nextUsd: Decimal; limitUsd?: Decimal; windowSeconds?: number; at?: Date },
): Promise<void> {
  const limit = args.limitUsd ?? maxUsdPerMinute();
  const windowSeconds = args.windowSeconds ?? 60;
  const since = new Date((args.at ?? new Date()).getTime() - windowSeconds * 1000);
  const agg = await ctx.db.costEntry.aggregate({ where: { rootRunId: args.rootRunId, occurredAt: { gte: since } }, _sum: { costUsd: true } });
  const recent = usd(agg._sum.costUsd ?? 0);
  if (recent.plus(args.nextUsd).gt(limit)) {
    throw new LoopDetectedError(
      `Run ${args.rootRunId} spent $${formatUsd(recent)} in the last ${windowSeconds}s and the next call may cost $${formatUsd(args.nextUsd)}, ` +
        `above the runaway limit of $${formatUsd(limit)} per ${windowSeconds}s: the agent was stopped as a probable loop. ` +
        `Raise SWITCHYARD_MAX_RUN_USD_PER_MINUTE if this pace is intended.`,
      { runId: args.rootRunId, windowSeconds, spentUsd: formatUsd(recent), limitUsd: formatUsd(limit) },
    );
  }
}
