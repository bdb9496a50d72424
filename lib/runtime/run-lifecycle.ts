import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { forecastRunStart } from "../finops";
import { loadSecrets } from "../secrets/secrets";
import { resolveMcpServers } from "./mcp/mcp-servers";
import { systemContext } from "./system-context";
import { acquireRunSlot, announceSlotFreed } from "./acquire-run-slot";
import { failTimedOutRun } from "./run-timeout";
import { standInForFailed } from "./stand-in-for-failed";
import { readKillSwitch, readRunGate } from "../breakers/kill-switch";
import { passFlowGate } from "../runs/flow/pass-flow-gate";
import {
  beginRun,
  completeNode,
  failNode,
  finishRun,
  isRunCancelled,
  markNodeRunning,
  markNodeWaiting,
  pauseNode,
  pauseRun,
  readMovedVersion,
  readSucceededNodes,
  resumeFromWait,
  resumePausedRun,
  skipNodes,
  trace,
} from "./run-state";

/**
 * Everything the interpreter and the executors read and write about a run, in one
 * place: the database in production (`dbLifecycle`), a fake in the interpreter's unit
 * test. Every call happens inside a durable step, so each write happens once per
 * recorded step.
 */
export interface RunLifecycle {
  /** the run's workspace, acting as the system */
  context(workspaceId: string): Promise<WorkspaceContext>;
  beginRun: typeof beginRun;
  isRunCancelled: typeof isRunCancelled;
  trace: typeof trace;
  markNodeRunning: typeof markNodeRunning;
  markNodeWaiting: typeof markNodeWaiting;
  resumeFromWait: typeof resumeFromWait;
  completeNode: typeof completeNode;
  failNode: typeof failNode;
  skipNodes: typeof skipNodes;
  finishRun: typeof finishRun;
  pauseRun: typeof pauseRun;
  resumePausedRun: typeof resumePausedRun;
  pauseNode: typeof pauseNode;
  readMovedVersion: typeof readMovedVersion;
  readSucceededNodes: typeof readSucceededNodes;
  forecastRunStart: typeof forecastRunStart;
  loadSecrets: typeof loadSecrets;
  resolveMcpServers: typeof resolveMcpServers;
  acquireRunSlot: typeof acquireRunSlot;
  announceSlotFreed: typeof announceSlotFreed;
  failTimedOutRun: typeof failTimedOutRun;
  standInForFailed: typeof standInForFailed;
  /** a node's step: cancelled, and the graph's kill switch, in one read (absent: only `isRunCancelled`) */
  readRunGate?: typeof readRunGate;
  /** the graph's kill switch, while a run is paused on it */
  readKillSwitch?: typeof readKillSwitch;
  /** graph `flow`: debounce and throttle before the run may begin (absent: no gate) */
  passFlowGate?: typeof passFlowGate;
}

export const dbLifecycle: RunLifecycle = {
  context: systemContext,
  beginRun,
  isRunCancelled,
  trace,
  markNodeRunning,
  markNodeWaiting,
  resumeFromWait,
  completeNode,
  failNode,
  skipNodes,
  finishRun,
  pauseRun,
  resumePausedRun,
  pauseNode,
  readMovedVersion,
  readSucceededNodes,
  forecastRunStart,
  loadSecrets,
  resolveMcpServers,
  acquireRunSlot,
  announceSlotFreed,
  failTimedOutRun,
  standInForFailed,
  readRunGate,
  readKillSwitch,
  passFlowGate,
};
