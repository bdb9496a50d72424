/**
 * Keeps a child process running: when it exits without being asked to (a crash, an
 * out-of-memory kill, a clean exit nobody requested), the reason is logged and it is started
 * again after a backoff — 0.5 s, doubling to 30 s, back to 0.5 s once a run has lasted a
 * stable minute.
 *
 * By default a child stays in the launcher's process group, so whatever signals the group —
 * a terminal's Ctrl-C, a test runner killing the server it started — reaches every child too;
 * once `stop()` is called nothing is restarted, and a restart is never sooner than the first
 * delay, so an exit caused by that same Ctrl-C is not restarted either. With `detached: true`
 * a child leads its own group instead: stopping it, or its crash, then also ends whatever it
 * started.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import os from "node:os";

export interface BackoffPolicy {
  /** first delay; default 500 ms */
  initialMs: number;
  /** cap; default 30 s */
  maxMs: number;
  /** a run at least this long resets the delay; default 60 s */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

/**
 * The delay before restart number `failures` (1 = first restart after a crash in a row).
 *
 * @example
 * restartDelayMs(1); // 500
 * restartDelayMs(4); // 4000
 * restartDelayMs(20); // 30000
 */
export function restartDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

/**
 * Why a child ended, for the log: `code 1`, `signal SIGKILL`, or `code 137 (SIGKILL)` when a
 * wrapper (tsx, a shell) reports its own child's signal as 128 + its number.
 */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal ${signal}`;
  const name = code !== null && code > 128 ? Object.entries(os.constants.signals).find(([, n]) => n === code - 128)?.[0] : undefined;
  return name ? `code ${code} (${name})` : `code ${code}`;
}

export interface SuperviseOptions {
  /** shown in the log: `web`, `engine`, `vendor registry` */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdio?: SpawnOptions["stdio"];
  backoff?: Partial<BackoffPolicy>;
  /** run the child in its own process group (see the file comment); default false */
  detached?: boolean;
  log?: (line: string) => void;
  /** called with each new process (the first and every restart) */
  onSpawn?: (child: ChildProcess, restarts: number) => void;
}

export interface Supervised {
  /** the current process (undefined while waiting to restart) */
  readonly child: ChildProcess | undefined;
  /** restarts so far */
  readonly restarts: number;
  /**
   * Stops supervising and ends the process group: SIGTERM, then SIGKILL after `graceMs`
   * (default 10 s). Resolves once the child has exited.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Sends `signal` to the child's whole process group when it leads one, else to the child alone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals, group: boolean) {
  if (child.pid === undefined) return;
  try {
    if (!group) throw new Error("not a group leader");
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts `command` and restarts it whenever it exits unasked.
 *
 * @example
 * const web = supervise({ name: "web", command: process.execPath, args: [nextBin, "start"], env, log });
 * process.on("SIGINT", () => void web.stop().then(() => process.exit(0)));
 */
export function supervise(opts: SuperviseOptions): Supervised {
  const policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const detached = opts.detached ?? false;
  const log = opts.log ?? ((line: string) => console.error(`[switchyard] ${line}`));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let restarts = 0;
  let failures = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    timer = undefined;
    if (stopping) return;
    const startedAt = Date.now();
    const proc = spawn(opts.command, opts.args, { env: opts.env, cwd: opts.cwd, stdio: opts.stdio ?? ["ignore", "inherit", "inherit"], detached });
    child = proc;
    exited = new Promise<void>((resolve) => {
      proc.once("error", (err) => {
        // could not start at all (missing binary): treated as a crash
        log(`${opts.name} could not start: ${err.message}`);
        if (proc.exitCode === null && proc.signalCode === null && proc.pid === undefined) onExit(null, null);
        resolve();
      });
      proc.once("exit", (code, signal) => {
        onExit(code, signal);
        resolve();
      });
    });
    opts.onSpawn?.(proc, restarts);

    let handled = false;
    function onExit(code: number | null, signal: NodeJS.Signals | null) {
      if (handled) return;
      handled = true;
      if (child === proc) child = undefined;
      if (stopping) return;
      // what a crashed group leader started must not hold its ports against the restart
      if (detached) killGroup(proc, "SIGKILL", true);
      const ranMs = Date.now() - startedAt;
      failures = ranMs >= policy.stableMs ? 1 : failures + 1;
      const delay = restartDelayMs(failures, policy);
      restarts++;
      log(`${opts.name} exited unexpectedly (${exitReason(code, signal)}) after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delay / 1000).toFixed(1)} s (restart ${restarts})`);
      timer = setTimeout(start, delay);
    }
  };
  start();

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      killGroup(proc, "SIGTERM", detached);
      const kill = setTimeout(() => killGroup(proc, "SIGKILL", detached), graceMs);
      await exited;
      clearTimeout(kill);
      // whatever the child left behind in its group
      if (detached) killGroup(proc, "SIGKILL", true);
    },
  };
}
