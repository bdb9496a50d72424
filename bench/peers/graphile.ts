/**
 * graphile-worker 0.16 on the shared workload: a "run" is a chain of 10 jobs, each no-op job
 * enqueueing the next from inside its handler (the queue's own durable step boundary).
 * 16 worker slots in one process (`concurrency: 16`), LISTEN/NOTIFY wake-ups.
 */
import fs from "node:fs";
import { run, type Task } from "graphile-worker";
import { dropDatabase, freshDatabase, STEPS_PER_RUN } from "../engine/lib";
import { drive, report, stamp } from "./common";

const server = process.env.BENCH_SERVER_URL!;
const version = (JSON.parse(fs.readFileSync(new URL("./node_modules/graphile-worker/package.json", import.meta.url), "utf8")) as { version: string }).version;
const url = await freshDatabase(server, "bench_graphile");
const done = new Map<string, () => void>();
const step: Task = async (payload, helpers) => {
  const { id, i } = payload as { id: string; i: number };
  stamp(id);
  if (i + 1 < STEPS_PER_RUN) await helpers.addJob("step", { id, i: i + 1 });
  else queueMicrotask(() => done.get(id)?.());
};
const runner = await run({
  connectionString: url,
  concurrency: 16,
  noHandleSignals: true,
  pollInterval: 1000,
  taskList: { step },
  logger: undefined,
});
const utils = runner;
const result = await drive(url, {
  name: "graphile-worker",
  version,
  runOnce: (id) =>
    new Promise<void>((resolve, reject) => {
      done.set(id, () => {
        done.delete(id);
        resolve();
      });
      utils.addJob("step", { id, i: 0 }).catch(reject);
    }),
  shutdown: () => runner.stop(),
  note: "a step is a job; each job enqueues the next one (its completion and the enqueue are separate transactions)",
});
report(result);
await dropDatabase(server, "bench_graphile");
process.exit(0);
