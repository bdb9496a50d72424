import { nodeConcurrency, runConcurrency } from "../../env";

/**
 * A counting semaphore: at most `limit` holders at once, the others wait in FIFO order.
 * O(1) per acquire and release.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private head = 0;

  constructor(readonly limit: number) {}

  get idle(): boolean {
    return this.active === 0 && this.head === this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private release() {
    if (this.head < this.waiting.length) {
      // hand the slot straight to the next waiter (active stays the same)
      const next = this.waiting[this.head];
      this.waiting[this.head++] = undefined as never;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next();
    } else this.active--;
  }
}

let processSlots: Semaphore | undefined;
const runSlots = new Map<string, Semaphore>();

/**
 * Runs one node's work under the two bounds on in-flight node work: per run
 * (`SWITCHYARD_RUN_CONCURRENCY`) and per process across runs (`SWITCHYARD_NODE_CONCURRENCY`).
 * The run's slot is taken first, so a wide run queues on its own slots and leaves the
 * process's slots to other runs. Waits, approvals and sub-runs hold no slot.
 */
export async function withNodeSlot<T>(runId: string, fn: () => Promise<T>): Promise<T> {
  processSlots ??= new Semaphore(nodeConcurrency());
  let perRun = runSlots.get(runId);
  if (!perRun) runSlots.set(runId, (perRun = new Semaphore(runConcurrency())));
  try {
    return await perRun.run(() => processSlots!.run(fn));
  } finally {
    if (perRun.idle && runSlots.get(runId) === perRun) runSlots.delete(runId);
  }
}


/**
 * Runs work under the process's bound only (`SWITCHYARD_NODE_CONCURRENCY`), for work that holds
 * slots of its own instead of its run's: a fan-out's items, bounded by the node's `concurrency`.
 */
export async function withProcessSlot<T>(fn: () => Promise<T>): Promise<T> {
  processSlots ??= new Semaphore(nodeConcurrency());
  return processSlots.run(fn);
}
