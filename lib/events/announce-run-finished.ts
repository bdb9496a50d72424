import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { inngest } from "./client";
import { EVENTS, type RunFinishedData } from "./names";

/**
 * Tells the engine a run ended (`switchyard/run.finished`), once per run (the event id is the
 * run's), so the graphs that follow it start. A failure to tell is logged, never the run's.
 */
export async function announceRunFinished(ctx: WorkspaceContext, runId: string, status: RunFinishedData["status"]) {
  try {
    await inngest.send({ name: EVENTS.runFinished, id: `run-finished-${runId}`, data: { runId, workspaceId: ctx.workspace.id, status } satisfies RunFinishedData });
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", msg: "run.finished not sent: graphs that follow this run will not start", runId, error: (err as Error).message }));
  }
}
