/**
 * Runs a command with DATABASE_URL pointing at a migrated database:
 * `tsx scripts/with-db.ts <command> [args…]`. Starts the embedded PostgreSQL
 * when DATABASE_URL is unset, and stops it when the command ends.
 */
import { spawn } from "node:child_process";
import { applyMigrations, PRODUCT_MIGRATIONS_DIR } from "../lib/db/migrator";
import { resolveDatabase } from "./lib/database";

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: tsx scripts/with-db.ts <command> [args…]");
  process.exit(2);
}
const log = (l: string) => console.log(`[db] ${l}`);
const db = await resolveDatabase(log);
await applyMigrations(db.url, { dir: PRODUCT_MIGRATIONS_DIR, log });
const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: db.url }, shell: false });
const forward = (sig: NodeJS.Signals) => child.kill(sig);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
child.on("exit", async (code, signal) => {
  await db.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
