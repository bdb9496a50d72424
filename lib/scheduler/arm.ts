import "server-only";
import type { WorkspaceContext } from "../auth/context";

/**
 * (Re)arms the scheduled triggers among `triggerIds` (schedule, watch, report): computes each
 * one's next tick, bumps its generation (so an older armed tick exits), and asks the engine for
 * the tick. Paused or non-scheduled triggers are disarmed. Call after creating, changing,
 * pausing or resuming a trigger.
 */
export async function armTriggers(_ctx: WorkspaceContext, _triggerIds: string[]): Promise<void> {
  // the scheduler arms nothing until its tick function lands
}
