/**
 * The embedded PostgreSQL recovers from the ways a developer's start can go
 * wrong: a server left running by a killed parent is reused, a stale
 * postmaster.pid from a crashed server is removed, and a port held by another
 * program is skipped. Uses its own data directory and ports.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sy-embedded-"));
// the server runs as the postgres user when we are root: it must be able to enter the folder
fs.chmodSync(dir, 0o755);
const dataDir = path.join(dir, "pg");
const started: EmbeddedDatabase[] = [];

afterAll(async () => {
  for (const db of started.reverse()) await db.stop().catch(() => {});
  const pid = fs.existsSync(path.join(dataDir, "postmaster.pid")) ? Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]) : 0;
  if (pid) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

function postmasterPid(): number {
  return Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

it("initialises, keeps data across restarts, reuses a running server, survives a crash and a taken port", async () => {
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);
  const port = await freePort();

  const first = await startEmbeddedPostgres({ dataDir, port, database: "app", log });
  started.push(first);
  await query(first.url, "create table kept (v text); insert into kept values ('hello')");

  // a second start while the first server runs (its parent was killed): reused, not restarted
  const reused = await startEmbeddedPostgres({ dataDir, port, database: "app", log });
  expect(reused.reused).toBe(true);
  expect(await query(reused.url, "select v from kept")).toEqual([{ v: "hello" }]);

  // the server crashes: its postmaster.pid stays behind, pointing at a dead process
  const pid = postmasterPid();
  process.kill(pid, "SIGKILL");
  started.pop(); // nothing left to stop
  await new Promise((r) => setTimeout(r, 500));
  expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(true);

  // meanwhile another program took the port
  const squatter = net.createServer();
  await new Promise<void>((r) => squatter.listen(port, "127.0.0.1", () => r()));
  try {
    const recovered = await startEmbeddedPostgres({ dataDir, port, database: "app", log });
    started.push(recovered);
    expect(recovered.reused).toBe(false);
    expect(recovered.port).not.toBe(port);
    expect(await query(recovered.url, "select v from kept")).toEqual([{ v: "hello" }]);
    expect(logs.some((l) => l.includes("removing stale"))).toBe(true);
    expect(logs.some((l) => l.includes(`port ${port} is in use by another program`))).toBe(true);
  } finally {
    await new Promise<void>((r) => squatter.close(() => r()));
  }
}, 60_000);
