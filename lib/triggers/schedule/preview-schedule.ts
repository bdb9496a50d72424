import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { AppError, notFound } from "../../errors";
import { formatInZone, nextFireTimes, scheduleConfig, scheduleIssues, type TScheduleTrigger } from "./cron-schedule";
import type { SchedulePreview, TSchedulePreviewRequest } from "./preview-query";

/**
 * The next `count` fire times of a schedule after `from`, or a 422 naming `cron` / `timezone`
 * and the reason (the same checks as a save).
 */
export function previewSchedule(schedule: Pick<TScheduleTrigger, "cron" | "timezone">, count: number, from: Date = new Date(), fieldPrefix = ""): SchedulePreview {
  const issues = scheduleIssues(schedule, from);
  if (issues.length) {
    throw new AppError(
      "validation_failed",
      issues.map((i) => `${fieldPrefix}${i.field}: ${i.message}`).join("; "),
      issues.map((i) => ({ path: `${fieldPrefix}${i.field}`, message: i.message })),
    );
  }
  const config = scheduleConfig(schedule);
  return {
    cron: config.cron,
    timezone: config.timezone,
    times: nextFireTimes(config, count, from).map((t) => ({ at: formatInZone(t, config.timezone), utc: t.toISOString() })),
  };
}

/** `POST /schedules/preview`: a schedule before it is saved. */
export function previewScheduleRequest(req: TSchedulePreviewRequest): SchedulePreview {
  return previewSchedule({ cron: req.cron, timezone: req.timezone }, req.count);
}

/** The next fire times of a graph's saved schedule trigger (404 when the graph has no trigger by that name). */
export async function previewTriggerSchedule(ctx: WorkspaceContext, graphId: string, name: string, count: number): Promise<SchedulePreview & { paused: boolean }> {
  const row = await ctx.db.trigger.findFirst({ where: { graphId, name }, select: { type: true, config: true, enabled: true, pausedAt: true } });
  if (!row) throw notFound("Trigger");
  if (row.type !== "schedule") {
    throw new AppError("validation_failed", `name: "${name}" is a ${row.type} trigger; only schedule triggers have fire times`, [{ path: "name", message: `is a ${row.type} trigger, not a schedule` }]);
  }
  return { ...previewSchedule(row.config as TScheduleTrigger, count), paused: !row.enabled || row.pausedAt !== null };
}
