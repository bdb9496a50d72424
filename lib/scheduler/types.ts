/**
 * The scheduler's seam: every long-lived trigger that acts on time (a `schedule`, a `watch`'s
 * polls, a scheduled cost `report`) is one Trigger row, armed as a durable tick in the engine
 * (ordinary Inngest functions and events, so it works on Inngest Cloud too). The tick machinery
 * (`lib/scheduler/`) asks the kind's handler when the next tick is and what a tick does.
 */
import type { WorkspaceContext } from "../auth/context";

/** A Trigger row, as the scheduler reads it. */
export interface ScheduledTrigger {
  id: string;
  workspaceId: string;
  graphId: string | null;
  type: "schedule" | "watch" | "report";
  name: string;
  config: unknown;
  condition: string | null;
  enabled: boolean;
  pausedAt: Date | null;
  state: unknown;
  generation: number;
  nextFireAt: Date | null;
}

/** One tick as the scheduler delivers it: when it was meant, and now (they differ after downtime). */
export interface Tick {
  intendedAt: Date;
  now: Date;
}

export interface TickHandler {
  /** The first tick strictly after `after`, or null when it never ticks again. */
  next(trigger: ScheduledTrigger, after: Date): Date | null;
  /**
   * Does one tick's work and records its fire(s). Must be safe to repeat for the same
   * `intendedAt` (a retried step). May ask for an earlier tick than `next` gives (`retryAt`: a
   * delivery to try again), which the scheduler arms instead.
   */
  tick(ctx: WorkspaceContext, trigger: ScheduledTrigger, tick: Tick): Promise<void | { retryAt?: Date | null }>;
  /**
   * Optional: the kind's ticks due at one instant done together, in the first of them to wake.
   * `claim` runs as a tick wakes (before its time): it takes on the others' work, and answers
   * true when this tick's own work was taken on by another (it then only arms its next tick).
   * `fire` runs at the tick's time and does what this tick took on; a stale tick (re-armed or
   * paused since) runs it too, so what it took on before is never dropped.
   */
  together?: {
    claim(leaderId: string, at: Date, now: Date): Promise<boolean>;
    fire(leaderId: string, at: Date, now: Date): Promise<unknown>;
  };
}

/** The Trigger columns the scheduler reads (a {@link ScheduledTrigger}). */
export const SCHEDULED_SELECT = {
  id: true,
  workspaceId: true,
  graphId: true,
  type: true,
  name: true,
  config: true,
  condition: true,
  enabled: true,
  pausedAt: true,
  state: true,
  generation: true,
  nextFireAt: true,
} as const;
