import "server-only";
import type { z } from "zod";
import type { WorkspaceContext } from "../auth/context";
import { pageTriggerFires } from "../triggers/fire-page";
import type { ZListFiresQuery } from "../triggers/list-triggers-query";
import { getReportScheduleRowOrThrow } from "./list-report-schedules";

/** A report schedule's deliveries, newest first: meant vs actual time, outcome, reason, and the period, rows and channels in `payload`. */
export async function listReportFires(ctx: WorkspaceContext, id: string, q: z.infer<typeof ZListFiresQuery>) {
  const row = await getReportScheduleRowOrThrow(ctx, id);
  return pageTriggerFires(ctx, row.id, q);
}
