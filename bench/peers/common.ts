/**
 * The shared workload driver for peers: warm-up, 16 concurrent runs, then sequential runs
 * with WAL accounting (pending statistics are flushed by waiting, then by shutting down).
 */
import { performance } from "node:perf_hooks";
import {
  CONC_RUNS,
  CONCURRENCY,
  SEQ_RUNS,
  STEPS_PER_RUN,
  percentile,
  sleep,
  waitForStatsFlush,
  walFlushes,
  type WorkloadResult,
} from "../engine/lib";

export interface PeerAdapter {
  name: string;
  version: string;
  /** runs one 10-step run to completion; `stamp` must be called at the start of every step */
  runOnce: (id: string) => Promise<void>;
  shutdown: () => Promise<void>;
  note?: string;
}

export const stamps = new Map<string, number[]>();
export function stamp(id: string): void {
  const list = stamps.get(id) ?? [];
  list.push(performance.now());
  stamps.set(id, list);
}

export async function drive(url: string, a: PeerAdapter): Promise<WorkloadResult> {
  let seq = 0;
  for (let i = 0; i < 10; i++) await a.runOnce(`warm${seq++}`);
  const c0 = performance.now();
  let remaining = CONC_RUNS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (remaining-- > 0) await a.runOnce(`c${seq++}`);
    }),
  );
  const concStepsPerSec = (CONC_RUNS * STEPS_PER_RUN) / ((performance.now() - c0) / 1000);
  await waitForStatsFlush();
  const w0 = await walFlushes(url);
  stamps.clear();
  const ids: string[] = [];
  const s0 = performance.now();
  for (let i = 0; i < SEQ_RUNS; i++) {
    const id = `s${seq++}`;
    await a.runOnce(id);
    ids.push(id);
  }
  const seqStepsPerSec = (SEQ_RUNS * STEPS_PER_RUN) / ((performance.now() - s0) / 1000);
  await a.shutdown();
  await sleep(300);
  const w1 = await walFlushes(url);
  const deltas: number[] = [];
  for (const id of ids) {
    const s = stamps.get(id) ?? [];
    for (let i = 1; i < s.length; i++) deltas.push(s[i]! - s[i - 1]!);
  }
  return {
    name: a.name,
    version: a.version,
    seqStepsPerSec,
    stepP50Ms: percentile(deltas, 50),
    stepP95Ms: percentile(deltas, 95),
    concStepsPerSec,
    walPerStep: (w1 - w0) / (SEQ_RUNS * STEPS_PER_RUN),
    note: a.note,
  };
}

export function report(r: WorkloadResult): void {
  process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
}
