/**
 * The durable floor (see benchDurableFloor in engine-bench.ts): the least a durable engine
 * must do for the benchmark's workload, as its own process. An event POSTed to `/e/<key>` is
 * stored by one INSERT and answered after its commit, then the app is called for it at once;
 * each checkpoint is stored by one INSERT and acknowledged after its commit. No queue, no
 * lease, no run record, no retries: a crash loses the run. One pooled connection per run in
 * flight, so PostgreSQL group-commits concurrent writes.
 *
 * Env: FLOOR_PORT, FLOOR_APP_URL (serve URL), FLOOR_FN_ID (composite function id),
 * FLOOR_DATABASE_URL. Runs until SIGTERM.
 */
import http from "node:http";
import pg from "pg";
import { callFunctionDirect } from "./call-direct";

const appUrl = new URL(process.env.FLOOR_APP_URL!);
appUrl.searchParams.set("fnId", process.env.FLOOR_FN_ID!);
const pool = new pg.Pool({ connectionString: process.env.FLOOR_DATABASE_URL, max: 24 });
await pool.query("create table if not exists floor_events (id bigserial primary key, body text not null)");
await pool.query("create table if not exists floor_steps (id bigserial primary key, run_id text not null, body text not null)");

let seq = 0;
function start(event: { name: string; data: Record<string, unknown> }): void {
  callFunctionDirect(appUrl, `f${seq++}`, event).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const fail = (err: unknown) => res.writeHead(500).end(String(err));
    if (req.url === "/health") return void res.writeHead(200).end("ok");
    if (req.method === "POST" && req.url?.startsWith("/e/")) {
      pool.query({ name: "event", text: "insert into floor_events (body) values ($1)", values: [body] }).then(() => {
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":200}');
        const parsed = JSON.parse(body) as { name: string; data: Record<string, unknown> } | { name: string; data: Record<string, unknown> }[];
        for (const e of Array.isArray(parsed) ? parsed : [parsed]) start(e);
      }, fail);
      return;
    }
    const m = /^\/v1\/checkpoint\/([^/?]+)\/async/.exec(req.url ?? "");
    if (req.method === "POST" && m) {
      pool.query({ name: "step", text: "insert into floor_steps (run_id, body) values ($1, $2)", values: [m[1], body] }).then(() => {
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      }, fail);
      return;
    }
    res.writeHead(404).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.FLOOR_PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
