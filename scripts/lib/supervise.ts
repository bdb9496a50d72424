/**
 * Keeps a child process running: when it exits without being asked to (a crash, an
 * out-of-memory kill, a clean exit nobody requested), the reason is logged and it is started
 * again after a backoff — 0.5 s, doubling to 30 s, back to 0.5 s once a run has lasted a
 * stable minute.
 *
 * Each child leads its own process group (`detached`), so stopping it also stops what it
 * started (Next.js workers, tsx's loader) and a terminal's Ctrl-C reaches only the launcher,
 * which then stops every group in order.
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

/** Sends `signal` to the child's whole process group (falls back to the child alone). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
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
    const proc = spawn(opts.command, opts.args, { env: opts.env, cwd: opts.cwd, stdio: opts.stdio ?? ["ignore", "inherit", "inherit"], detached: true });
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
      killGroup(proc, "SIGTERM");
      const kill = setTimeout(() => killGroup(proc, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(kill);
      // whatever the child left behind in its group
      killGroup(proc, "SIGKILL");
    },
  };
}
