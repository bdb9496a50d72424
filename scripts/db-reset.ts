/**
 * `npm run db:reset` — deletes the embedded database (.data/pg) so the next
 * start creates a fresh one. With DATABASE_URL set it refuses: drop that
 * database with your own tools.
 */
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR } from "./lib/database";

if (process.env.DATABASE_URL) {
  console.error("DATABASE_URL is set: db:reset only deletes the embedded database. Drop and recreate your database yourself.");
  process.exit(1);
}
const dir = path.join(DATA_DIR, "pg");
const pidFile = path.join(dir, "postmaster.pid");
if (fs.existsSync(pidFile)) {
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    console.error(`The embedded PostgreSQL is running (pid ${pid}). Stop \`npm run dev\` first (or kill ${pid}).`);
    process.exit(1);
  } catch {
    // stale pid file: nothing is running
  }
}
fs.rmSync(dir, { recursive: true, force: true });
fs.rmSync(path.join(DATA_DIR, "pg.json"), { force: true });
console.log(`Deleted ${path.relative(process.cwd(), dir)}. The next \`npm run dev\` creates a fresh database and demo workspace.`);
