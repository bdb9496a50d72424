import type { InngestFunction } from "inngest";
import { inngest } from "../../lib/events/client";
import { reconcileTriggers } from "../../lib/scheduler/reconcile-triggers";

/**
 * Every minute: re-arm scheduled triggers whose tick chain was lost or never armed, and keep the
 * loss as their health (`lastError`), so a schedule never stops silently.
 */
export const schedulerReconcile: InngestFunction.Any = inngest.createFunction(
  { id: "scheduler-reconcile", name: "Re-arm scheduled triggers that lost their tick", retries: 1, triggers: [{ cron: "* * * * *" }], concurrency: [{ limit: 1 }] },
  async ({ step }) => step.run("reconcile", () => reconcileTriggers()),
);
