/**
 * A "null engine" for the SDK-ceiling measurement: speaks just enough of the protocol to
 * drive an app's function (call requests with checkpointing on, checkpoint acknowledged
 * without any database) so the app process's own cost per step can be measured with a
 * server that costs almost nothing. Runs as its own process, started by engine-bench.ts.
 *
 * Env: NULL_PORT (where the SDK checkpoints), NULL_APP_URL (serve URL), NULL_FN_ID
 * (composite function id), NULL_RUNS, NULL_CONCURRENCY. Prints `START` when the measured
 * phase begins and `RESULT {json}` at the end.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { callFunctionDirect } from "./call-direct";

const port = Number(process.env.NULL_PORT);
const appUrl = new URL(process.env.NULL_APP_URL!);
appUrl.searchParams.set("fnId", process.env.NULL_FN_ID!);
const runs = Number(process.env.NULL_RUNS ?? 320);
const concurrency = Number(process.env.NULL_CONCURRENCY ?? 16);
/** diagnostics: answer each checkpoint this much later (a server with a database's latency, none of its CPU) */
const delayMs = Number(process.env.NULL_DELAY_MS ?? 0);

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const reply = () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    };
    if (delayMs > 0) setTimeout(reply, delayMs);
    else reply();
  });
});
server.keepAliveTimeout = 65_000;
await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));

let seq = 0;
async function oneRun(): Promise<void> {
  const id = `n${seq++}`;
  await callFunctionDirect(appUrl, id, { name: "bench/ten", data: { id } });
}

async function phase(n: number): Promise<number> {
  let left = n;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) await oneRun();
  }));
  return performance.now() - t0;
}

await phase(40); // warm-up
process.stdout.write("START\n");
const cpu0 = process.cpuUsage();
const ms = await phase(runs);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`RESULT ${JSON.stringify({ runs, ms, serverCpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
server.close();
server.closeAllConnections();
